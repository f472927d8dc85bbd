/**
 * What the index holds, as SQL: one view (`search_src`) that reads every searchable row of the
 * SQL tables, and per table which index rows a change refreshes. Triggers built from this keep
 * the index up to date in the same transaction as the change, whatever code makes it.
 * Hidden and deleted comments are left out by the view, so their bodies never reach the index;
 * secret ballots are never read at all.
 */

/** The index columns, in order. `doc` names the collaborative document a row came from ('' for SQL rows). */
export const INDEX_COLUMNS = ['kind', 'ref_id', 'meeting_id', 'target', 'doc', 'title', 'body'] as const;

/**
 * An action's owner is stored as JSON ({kind, label, role | userId | refId}); the index holds its
 * readable label (the role's name, the person's name), never the JSON's field names.
 */
const OWNER_LABEL = {
  sqlite: "COALESCE(json_extract(owner, '$.label'), '')",
  postgres: "COALESCE(owner::jsonb ->> 'label', '')",
} as const;

const selects = (dialect: 'sqlite' | 'postgres') => [
  `SELECT 'proposal' AS kind, id AS ref_id, meeting_id, id AS target, '' AS doc, title, summary AS body FROM proposals`,
  `SELECT 'comment', c.id, t.meeting_id, t.doc || ' ' || t.id, '', '', c.body
     FROM comments c JOIN comment_threads t ON t.id = c.thread_id
     WHERE c.hidden_at IS NULL AND c.deleted_at IS NULL`,
  `SELECT 'action', id, meeting_id, COALESCE(agenda_item_id, ''), '', text, ${OWNER_LABEL[dialect]} FROM action_items`,
  `SELECT 'poll', id, meeting_id, id, '', question, '' FROM polls`,
  `SELECT 'pollOption', o.id, p.meeting_id, p.id, '', p.question, o.label FROM poll_options o JOIN polls p ON p.id = o.poll_id`,
  `SELECT 'workingGroup', id, meeting_id, id, '', name, description FROM working_groups`,
  `SELECT 'attachment', a.id, a.meeting_id,
     CASE WHEN a.item_id IS NOT NULL THEN 'item:' || a.item_id WHEN a.proposal_id IS NOT NULL THEN 'proposal:' || a.proposal_id ELSE '' END,
     '', v.name, COALESCE(v.text, '')
     FROM attachments a JOIN attachment_versions v ON v.attachment_id = a.id AND v.version = a.current_version
     WHERE a.deleted_at IS NULL`,
];

/** The view's query; the SQL rows are read again through it at every start, so a change here reaches existing indexes. */
export function sourceView(dialect: 'sqlite' | 'postgres'): string {
  return `SELECT * FROM (${selects(dialect).join('\nUNION ALL\n')}) AS src`;
}

/** The kinds the view produces; rows of other kinds come from documents. */
export const SQL_KINDS = ['proposal', 'comment', 'action', 'poll', 'pollOption', 'workingGroup', 'attachment'];

export interface Refresh {
  kind: string;
  /** Which index column the changed row's key is compared with. */
  column: 'ref_id' | 'target';
  /** The changed row's column holding that key. */
  key: string;
}

/** For each table, the index rows a change of one of its rows refreshes. */
export const TABLE_REFRESHES: Record<string, Refresh[]> = {
  proposals: [{ kind: 'proposal', column: 'ref_id', key: 'id' }],
  comments: [{ kind: 'comment', column: 'ref_id', key: 'id' }],
  action_items: [{ kind: 'action', column: 'ref_id', key: 'id' }],
  polls: [
    { kind: 'poll', column: 'ref_id', key: 'id' },
    { kind: 'pollOption', column: 'target', key: 'id' },
  ],
  poll_options: [{ kind: 'pollOption', column: 'ref_id', key: 'id' }],
  working_groups: [{ kind: 'workingGroup', column: 'ref_id', key: 'id' }],
  attachments: [{ kind: 'attachment', column: 'ref_id', key: 'id' }],
  attachment_versions: [{ kind: 'attachment', column: 'ref_id', key: 'attachment_id' }],
};

/** The columns whose change matters (an update of others, e.g. a poll's status, touches no index row). */
export const UPDATE_COLUMNS: Record<string, string[]> = {
  proposals: ['title', 'summary', 'meeting_id'],
  comments: ['body', 'hidden_at', 'deleted_at'],
  action_items: ['text', 'owner', 'agenda_item_id', 'meeting_id'],
  polls: ['question', 'meeting_id'],
  poll_options: ['label', 'poll_id'],
  working_groups: ['name', 'description', 'meeting_id'],
  attachments: ['current_version', 'deleted_at', 'item_id', 'proposal_id'],
  attachment_versions: ['name', 'text'],
};
