/**
 * Names of the collaborative (Yjs) documents, as the API and the WebSocket use them:
 * `agenda:{meetingId}`, `proposal:{proposalId}`, `live:{meetingId}`.
 */

/** Every kind of collaborative document; on the server, each is declared by one feature (Feature.documentKinds). */
export const DOCUMENT_KINDS = ['agenda', 'proposal', 'live'] as const;

export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const isDocumentKind = (value: string): value is DocumentKind => (DOCUMENT_KINDS as readonly string[]).includes(value);

export interface DocumentRef {
  kind: DocumentKind;
  /** The meeting id for `agenda` and `live`, the proposal id for `proposal`. */
  id: string;
}

/** Ids are short opaque strings; this keeps document names and URLs unambiguous. */
export const ID_PATTERN = '^[A-Za-z0-9_-]{1,64}$';
const ID_RE = new RegExp(ID_PATTERN);

export function isId(value: unknown): value is string {
  return typeof value === 'string' && ID_RE.test(value);
}

export function documentName(kind: DocumentKind, id: string): string {
  return `${kind}:${id}`;
}

export const agendaDoc = (meetingId: string): string => documentName('agenda', meetingId);
export const liveDoc = (meetingId: string): string => documentName('live', meetingId);
export const proposalDoc = (proposalId: string): string => documentName('proposal', proposalId);

/** Parses a document name; returns null for anything that is not exactly one of the known forms. */
export function parseDocumentName(name: string): DocumentRef | null {
  const colon = name.indexOf(':');
  if (colon < 0) return null;
  const kind = name.slice(0, colon);
  const id = name.slice(colon + 1);
  if (!isDocumentKind(kind)) return null;
  if (!ID_RE.test(id)) return null;
  return { kind, id };
}

/** The Yjs XmlFragment that holds a rich-text document (Tiptap's default field). */
export const RICH_TEXT_FIELD = 'default';
