/**
 * A writer's update may carry only text that can be stored and read back exactly
 * (shared/storableText.ts, the rule of every JSON body): no NUL character, no lone UTF-16 surrogate.
 * Such an update is refused with the close event `unstorableText`, before it is stored or sent to
 * anyone, as the other rules of DocumentQuota are.
 *
 * Why refuse rather than clean the text at export: an update is a change of a CRDT, which the
 * server cannot rewrite without its copy and the writer's drifting apart; and what was accepted
 * reached every reader, every export and the search index alike. Before, a raw Yjs client's NUL in
 * a title was stored: pack.md and pack.html carried it raw, and on PostgreSQL (text refuses NUL) the
 * search index could not write that agenda or proposal, so none of its items was found. The
 * snapshot itself is binary (bytea/BLOB) and stored either way.
 *
 * What can carry such text: any string of the update (a text's characters, an attribute's value or
 * name, a mark's name and attributes, an element's name, an embed). Strings travel as UTF-8, which
 * the decoder refuses broken, so a lone surrogate can only come as a JSON escape (`"\ud800"`, in a
 * mark's attributes or an embed); a NUL can come anywhere. The page's editor sends neither: a
 * browser's lone surrogate is encoded as U+FFFD.
 */
import type { FastifyBaseLogger } from 'fastify';
import * as Y from 'yjs';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import { storableText, unstorablePath } from '../../../shared/storableText.ts';
import { decodedUpdate } from './decodedUpdates.ts';
import type { UpdateRule } from './documentQuota.ts';

/** What of an update's items holds text that cannot be stored ('text', 'attribute', 'mark'...), or undefined. */
export function unstorablePart(update: Uint8Array): string | undefined {
  for (const struct of decodedUpdate(update).structs) {
    if (!(struct instanceof Y.Item)) continue;
    // The key of a map entry (an element's attribute) and the name of a root type.
    if (struct.parentSub !== null && !storableText(struct.parentSub)) return 'key';
    if (typeof struct.parent === 'string' && !storableText(struct.parent)) return 'root';
    const content = struct.content;
    if (content instanceof Y.ContentString) {
      if (!storableText(content.str)) return 'text';
    } else if (content instanceof Y.ContentAny) {
      if (unstorablePath(content.arr)) return 'value';
    } else if (content instanceof Y.ContentFormat) {
      if (!storableText(content.key) || unstorablePath(content.value)) return 'mark';
    } else if (content instanceof Y.ContentEmbed) {
      if (unstorablePath(content.embed)) return 'embed';
    } else if (content instanceof Y.ContentJSON) {
      if (unstorablePath(content.arr)) return 'value';
    } else if (content instanceof Y.ContentType) {
      const type = content.type;
      const name = type instanceof Y.XmlElement ? type.nodeName : type instanceof Y.XmlHook ? type.hookName : '';
      if (!storableText(name)) return 'element';
    } else if (content instanceof Y.ContentDoc) {
      if (!storableText(content.doc.guid) || unstorablePath(content.opts)) return 'subdocument';
    }
  }
  return undefined;
}

export class UnstorableText implements UpdateRule {
  private readonly log: FastifyBaseLogger;

  constructor(log: FastifyBaseLogger) {
    this.log = log;
  }

  check(documentName: string, _document: Y.Doc, update: Uint8Array): void {
    const part = unstorablePart(update);
    if (part === undefined) return;
    this.log.warn({ documentName, part }, 'refused an update holding text that cannot be stored');
    throw CLOSE_EVENTS.unstorableText;
  }
}
