/**
 * Action items in SQL: one row per action, its owner as JSON (with the person and the role
 * copied into columns for "my actions"), its due date as the words and the range of days.
 */
import { randomUUID } from 'node:crypto';
import { type ActionStatus, type Due, isOverdue, todayIso } from '../../../../shared/dueDates.ts';
import type { ActionDto, Owner, Source, SourceType } from '../../../../shared/schemas/actions.ts';
import type { Db, SqlExecutor } from '../../storage/db.ts';
import { updateIfChanged } from '../../storage/updateIfChanged.ts';

interface ActionRow {
  id: string;
  meeting_id: string;
  position: number;
  text: string;
  owner: string;
  due_label: string | null;
  due_start: string | null;
  due_end: string | null;
  status: ActionStatus;
  source_type: SourceType;
  source_id: string | null;
  agenda_item_id: string | null;
  created_by: string | null;
  created_by_name: string | null;
  created_at: number;
  updated_by: string | null;
  updated_by_name: string | null;
  updated_at: number;
}

/** An action as stored, before the server adds `overdue`. */
export type StoredAction = Omit<ActionDto, 'overdue'>;

export interface ActionValues {
  text: string;
  owner: Owner;
  due: Due | null;
  status: ActionStatus;
  source: Source;
  agendaItemId: string | null;
}

const SELECT = `SELECT a.id, a.meeting_id, a.position, a.text, a.owner, a.due_label, a.due_start, a.due_end, a.status,
  a.source_type, a.source_id, a.agenda_item_id, a.created_by, cu.name AS created_by_name, a.created_at,
  a.updated_by, uu.name AS updated_by_name, a.updated_at
  FROM action_items a LEFT JOIN users cu ON cu.id = a.created_by LEFT JOIN users uu ON uu.id = a.updated_by`;

function toAction(row: ActionRow): StoredAction {
  return {
    id: row.id,
    meetingId: row.meeting_id,
    text: row.text,
    owner: JSON.parse(row.owner) as Owner,
    due: row.due_start && row.due_end ? { label: row.due_label ?? '', start: row.due_start, end: row.due_end } : null,
    status: row.status,
    source: { type: row.source_type, id: row.source_id },
    agendaItemId: row.agenda_item_id,
    position: Number(row.position),
    createdBy: row.created_by ? { id: row.created_by, name: row.created_by_name ?? '' } : null,
    createdAt: Number(row.created_at),
    updatedBy: row.updated_by ? { id: row.updated_by, name: row.updated_by_name ?? '' } : null,
    updatedAt: Number(row.updated_at),
  };
}

/** The action as the API shows it, overdue or not as of `today`. */
export function withOverdue(action: StoredAction, today = todayIso()): ActionDto {
  return { ...action, overdue: isOverdue(action, today) };
}

function columns(values: ActionValues) {
  return {
    text: values.text,
    owner: JSON.stringify(values.owner),
    owner_user_id: values.owner.kind === 'person' ? (values.owner.userId ?? null) : null,
    owner_role: values.owner.kind === 'role' ? (values.owner.role ?? null) : null,
    due_label: values.due?.label ?? null,
    due_start: values.due?.start ?? null,
    due_end: values.due?.end ?? null,
    status: values.status,
    agenda_item_id: values.agendaItemId,
  };
}

export class ActionStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async list(meetingId: string, tx: SqlExecutor = this.db): Promise<StoredAction[]> {
    const rows = await tx.all<ActionRow>(`${SELECT} WHERE a.meeting_id = ? ORDER BY a.position, a.created_at, a.id`, [meetingId]);
    return rows.map(toAction);
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<StoredAction | undefined> {
    const row = await tx.get<ActionRow>(`${SELECT} WHERE a.id = ?`, [id]);
    return row && toAction(row);
  }

  /** Inserts an action at the end of the meeting's list. */
  async create(
    meetingId: string,
    values: ActionValues,
    actorId: string | null,
    tx: SqlExecutor,
    now = Date.now(),
  ): Promise<string> {
    const id = randomUUID();
    const last = await tx.get<{ position: number | null }>(
      'SELECT MAX(position) AS position FROM action_items WHERE meeting_id = ?',
      [meetingId],
    );
    const c = columns(values);
    await tx.run(
      `INSERT INTO action_items (id, meeting_id, position, text, owner, owner_user_id, owner_role, due_label, due_start, due_end,
        status, source_type, source_id, agenda_item_id, created_by, created_at, updated_by, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        id,
        meetingId,
        Number(last?.position ?? 0) + 1,
        c.text,
        c.owner,
        c.owner_user_id,
        c.owner_role,
        c.due_label,
        c.due_start,
        c.due_end,
        c.status,
        values.source.type,
        values.source.id ?? null,
        c.agenda_item_id,
        actorId,
        now,
        actorId,
        now,
      ],
    );
    return id;
  }

  /**
   * Writes the values, and says whether they changed anything: the row is touched only when a
   * column differs from what is stored, so of identical changes at the same moment (two tabs, a
   * double click) one changes the row and the others find nothing to change, and record nothing.
   */
  async update(id: string, values: ActionValues, actorId: string | null, tx: SqlExecutor, now = Date.now()): Promise<boolean> {
    return updateIfChanged(tx, 'action_items', { id }, columns(values), { updated_by: actorId, updated_at: now });
  }
}
