/**
 * One chunk per page part loaded on demand, instead of one per set of importers (issue #15, bench
 * S13). Rolldown's automatic splitting gave the meeting page 16 files after the entry's (the page,
 * the editor and a dozen small modules each shared with some other tab); over HTTP/1.1's six
 * connections per host each file past six waited a round trip, and the editor's chunk, the
 * largest, started behind them.
 *
 * Each part is named by its root module and holds the root's static imports, recursively, except
 * what the entry's chunk holds already and what an earlier part holds. A later page that imports
 * one module of a part loads the whole part.
 */
import type { CodeSplittingGroup, CodeSplittingNameFunction } from 'rolldown';

export interface PagePart {
  /** Chunk name. */
  name: string;
  /** Absolute path of the module the page imports with import(). */
  root: string;
}

type ModuleInfoOf = Parameters<CodeSplittingNameFunction>[1]['getModuleInfo'];

/** The module and every module it imports statically, recursively. */
function staticClosure(getModuleInfo: ModuleInfoOf, id: string, into: Set<string> = new Set()): Set<string> {
  const pending = [id];
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (into.has(next)) continue;
    const info = getModuleInfo(next);
    if (!info) continue;
    into.add(next);
    pending.push(...info.importedIds);
  }
  return into;
}

/**
 * `codeSplitting.groups` for the parts, in order: a module goes to the first part that imports it.
 * Each group gets a priority above the next one's, since a group also takes the dependencies of
 * what it captures (Rolldown's `includeDependenciesRecursively`) and the higher priority is served
 * first. `entry` and the roots are absolute module paths.
 */
export function pageChunks(options: { entry: string; parts: PagePart[] }): CodeSplittingGroup[] {
  let partOf: Map<string, string> | null = null;
  const assign = (getModuleInfo: ModuleInfoOf) => {
    const taken = staticClosure(getModuleInfo, options.entry);
    const parts = new Map<string, string>();
    for (const part of options.parts) {
      if (!getModuleInfo(part.root)) throw new Error(`page chunks: no module ${part.root} in the build`);
      for (const id of staticClosure(getModuleInfo, part.root)) {
        if (taken.has(id)) continue;
        taken.add(id);
        parts.set(id, part.name);
      }
    }
    return parts;
  };
  return options.parts.map((part, index) => ({
    debugName: part.name,
    priority: options.parts.length - index,
    name: (moduleId, ctx) => {
      // A method of the context (it reads `this`).
      partOf ??= assign((id) => ctx.getModuleInfo(id));
      return partOf.get(moduleId) === part.name ? part.name : null;
    },
  }));
}
