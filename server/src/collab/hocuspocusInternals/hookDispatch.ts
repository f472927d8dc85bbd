/**
 * Contact: overrides Hocuspocus 4.7's `hooks` and `storeDocumentHooks`, and assumes that
 * `configure` appends the carrier of the configuration's own hooks as the LAST extension.
 *
 * Why (bench/IMPROVEMENTS.md, row 6, commit 2f1ebb7): `hooks` filtered the extensions and built
 * a promise chain (two promises per extension) for every hook of every message and update, the
 * configuration's empty default hooks included; and `storeDocumentHooks` re-armed the store
 * debounce (a clearTimeout and a setTimeout) for every update. Together about 5 % of the S4
 * replay's profile; under 1 % after.
 * No public hook can change how hooks are dispatched; upstream has no option for it.
 */
import {
  type Configuration,
  type Document,
  type Extension,
  Hocuspocus,
  type HookName,
  type HookPayloadByName,
  type onStoreDocumentPayload,
} from '@hocuspocus/server';
import { storeDebounceId } from './storeDebounce.ts';

/** Hook functions by name, per extensions array. */
const hookLists = new WeakMap<Extension[], { length: number; lists: Map<string, Extension[]> }>();

/**
 * The extension that Hocuspocus's `configure` appends to carry the configuration's own hooks,
 * with the names of the hooks the configuration really gave; the others are empty defaults.
 */
const configurationHooks = new WeakMap<Hocuspocus, { carrier: Extension; given: ReadonlySet<string> }>();

/** When each document last re-armed its store debounce (see storeDocumentHooks). */
const debounceArmed = new WeakMap<Document, number>();

/** A store runs between STORE_REARM_MS before and exactly `debounce` after the last change. */
const STORE_REARM_MS = 100;

/**
 * Hocuspocus with two of its per-message costs made smaller, behaviour unchanged:
 * - the extensions having each hook are listed once, empty defaults left out, and called in
 *   order as before (starting after the caller continues, each awaited, each error logged);
 * - the store debounce is re-armed at most every 100 ms per document, so a store runs between
 *   1.9 and 2 s after the last change instead of exactly 2 s (and the maximum still holds).
 */
export class PlenaryHocuspocus extends Hocuspocus {
  constructor(configuration: Partial<Configuration>) {
    super(configuration);
    // configure() (called by super) ends by pushing the carrier of the configuration's hooks.
    const carrier = this.configuration.extensions.at(-1)!;
    const given = new Set(
      Object.keys(configuration).filter((key) => typeof (configuration as Record<string, unknown>)[key] === 'function'),
    );
    configurationHooks.set(this, { carrier, given });
    hookLists.delete(this.configuration.extensions);
  }

  override hooks<T extends HookName>(
    name: T,
    payload: HookPayloadByName[T],
    callback: ((...args: never[]) => unknown) | null = null,
  ): Promise<unknown> {
    const list = this.hookList(name);
    return list.length === 0 ? Promise.resolve() : runHooks(name, list, payload, callback);
  }

  /** The extensions that have hook `name`, empty defaults left out. */
  hookList(name: HookName): Extension[] {
    const extensions = this.configuration.extensions;
    let cache = hookLists.get(extensions);
    if (!cache || cache.length !== extensions.length) {
      cache = { length: extensions.length, lists: new Map() };
      hookLists.set(extensions, cache);
    }
    let list = cache.lists.get(name);
    if (!list) {
      const own = configurationHooks.get(this);
      list = extensions.filter((extension) => {
        if (extension === own?.carrier && !own.given.has(name)) return false;
        return typeof (extension as Record<string, unknown>)[name] === 'function';
      });
      cache.lists.set(name, list);
    }
    return list;
  }

  override storeDocumentHooks(document: Document, payload: onStoreDocumentPayload, immediately?: boolean): Promise<unknown> {
    if (!immediately) {
      const now = Date.now();
      const armed = debounceArmed.get(document);
      if (armed !== undefined && now - armed < STORE_REARM_MS && this.debouncer.isDebounced(storeDebounceId(document.name))) {
        return Promise.resolve();
      }
      debounceArmed.set(document, now);
    }
    return super.storeDocumentHooks(document, payload, immediately);
  }
}

async function runHooks(
  name: string,
  list: Extension[],
  payload: unknown,
  callback: ((...args: never[]) => unknown) | null,
): Promise<unknown> {
  await undefined;
  let result: unknown;
  for (const extension of list) {
    try {
      result = await (extension as Record<string, (payload: unknown) => unknown>)[name]!(payload);
    } catch (error) {
      if ((error as { message?: string } | null)?.message) console.error(`[${name}]`, (error as Error).message);
      throw error;
    }
    if (callback) result = await (callback as (value: unknown) => unknown)(result);
  }
  return result;
}

/** The hook names `configure` puts on its carrier (Hocuspocus 4.7, Hocuspocus.ts `configure`). */
const CARRIER_HOOKS = ['onConfigure', 'onConnect', 'onAuthenticate', 'onLoadDocument', 'onStoreDocument', 'onDestroy'];

export function hookDispatchProblems(scratch: Hocuspocus): string[] {
  const problems: string[] = [];
  const prototype = Hocuspocus.prototype as unknown as Record<string, unknown>;
  if (typeof prototype.hooks !== 'function') problems.push('Hocuspocus.prototype.hooks is not a method');
  if (typeof prototype.storeDocumentHooks !== 'function') {
    problems.push('Hocuspocus.prototype.storeDocumentHooks is not a method');
  }
  const carrier = scratch.configuration.extensions.at(-1) as Record<string, unknown> | undefined;
  if (!carrier || !CARRIER_HOOKS.every((name) => name in carrier) || 'extensionName' in carrier) {
    problems.push("configure() no longer appends the configuration's hooks as the last extension");
  }
  return problems;
}
