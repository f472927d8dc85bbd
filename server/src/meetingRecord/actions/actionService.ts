/**
 * Action items as commands: validation, permissions, one transaction with its audit entry, then
 * the projection into `live:{meetingId}`. Every change is kept in the audit log (subject
 * `action:{id}`) with what it changed, which is the action's history.
 */
import { type Due, isIsoDate, parseDue, todayIso } from '../../../../shared/dueDates.ts';
import { formatDayRange } from '../../../../shared/i18n/format.ts';
import type { Language } from '../../../../shared/i18n/languages.ts';
import { ROLES, type Role } from '../../../../shared/roles.ts';
import {
  type ActionDto,
  type ActionHistoryEntry,
  type ActionPatch,
  canCreateActions,
  canEditAction,
  type DueInput,
  isOwnedBy,
  type NewAction,
  type Owner,
  type Source,
} from '../../../../shared/schemas/actions.ts';
import { LIVE_ACTIONS_MAP } from '../../../../shared/schemas/meetingRecord.ts';
import { badRequest, forbidden, notFound } from '../../http/appError.ts';
import { intlLocale, serverText } from '../../i18n/serverText.ts';
import type { LiveProjection } from '../../live/liveProjection.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';
import { requireMeeting } from '../../meetings/requireMeeting.ts';
import type { Notifier } from '../../notifications/notify.ts';
import type { SqlExecutor } from '../../storage/db.ts';
import type { Store } from '../../storage/store.ts';
import type { User } from '../../users/userStore.ts';
import { readAgenda } from '../agendaDocument.ts';
import { ActionStore, type ActionValues, type StoredAction, withOverdue } from './actionStore.ts';

/**
 * Reads a due date as sent: the range when given, else the words (relative to the meeting's date).
 * A range given without words is labelled in the writer's language, as they would have said it.
 */
export function resolveDue(
  input: DueInput | null | undefined,
  meeting: Pick<Meeting, 'startsOn'>,
  language: Language = 'en',
): Due | null {
  if (!input) return null;
  const label = input.label.trim();
  if (input.start || input.end) {
    const start = input.start ?? input.end!;
    const end = input.end ?? start;
    // Each refusal names the field it is about, so the form says it there, in the reader's language.
    if (!isIsoDate(start)) throw badRequest('A due date must be a real date (YYYY-MM-DD).', { field: 'due.start' });
    if (!isIsoDate(end)) throw badRequest('A due date must be a real date (YYYY-MM-DD).', { field: 'due.end' });
    if (end < start) throw badRequest('A due period must end on or after its start.', { field: 'due.end' });
    return { label: label || formatDayRange(intlLocale(language), start, end), start, end };
  }
  if (!label) return null;
  const parsed = parseDue(label, meeting.startsOn);
  if (!parsed) throw badRequest(`Give the dates that “${label}” means (start and end).`, { field: 'due.label', label });
  return parsed;
}

export interface ActionServiceOptions {
  store: Store;
  live: LiveProjection;
  notify: Notifier;
}

export class ActionService {
  readonly actions: ActionStore;
  private readonly store: Store;
  private readonly live: LiveProjection;
  private readonly notify: Notifier;

  constructor(options: ActionServiceOptions) {
    this.store = options.store;
    this.live = options.live;
    this.notify = options.notify;
    this.actions = new ActionStore(options.store.db);
  }

  /** Fills the `actions` map of a live document when it loads. */
  async liveEntries(meetingId: string): Promise<Record<string, ActionDto>> {
    const today = todayIso();
    return Object.fromEntries((await this.actions.list(meetingId)).map((action) => [action.id, withOverdue(action, today)]));
  }

  async list(meetingId: string, user: User, filter: { owner?: 'me'; status?: string } = {}): Promise<ActionDto[]> {
    await this.meeting(meetingId);
    const today = todayIso();
    return (await this.actions.list(meetingId))
      .filter((action) => filter.owner !== 'me' || isOwnedBy(action, user))
      .filter((action) => !filter.status || action.status === filter.status)
      .map((action) => withOverdue(action, today));
  }

  async get(id: string): Promise<StoredAction> {
    const action = await this.actions.byId(id);
    if (!action) throw notFound('The action item');
    return action;
  }

  /** `language`: the writer's, for the words the server supplies (a role's name, a due range's label). */
  async create(meetingId: string, user: User, input: NewAction, language: Language = 'en'): Promise<ActionDto> {
    const meeting = await this.meeting(meetingId);
    if (!canCreateActions(user.role)) throw forbidden('Observers may read action items but not create them.');
    const values = await this.values(meeting, input, null, language);
    const id = await this.store.db.transaction(async (tx) => {
      const created = await this.actions.create(meetingId, values, user.id, tx);
      const ownerId = values.owner.userId;
      if (ownerId) await this.notify.emit(tx, { type: 'action.assigned', actorId: user.id, actionId: created, userId: ownerId });
      await this.store.audit.record(
        { actorId: user.id, action: 'action.create', subject: `action:${created}`, detail: { meetingId, ...values } },
        tx,
      );
      return created;
    });
    this.project(meetingId, id);
    return withOverdue(await this.get(id));
  }

  async update(id: string, user: User, patch: ActionPatch, language: Language = 'en'): Promise<ActionDto> {
    const current = await this.get(id);
    if (!canEditAction(user, current)) {
      throw forbidden('Members may change the actions they created or own; the secretariat and the chair may change any.');
    }
    const meeting = await this.meeting(current.meetingId);
    const values = await this.values(
      meeting,
      {
        text: patch.text ?? current.text,
        owner: patch.owner ?? current.owner,
        due: patch.due === undefined ? (current.due ?? null) : patch.due,
        status: patch.status ?? current.status,
        agendaItemId: patch.agendaItemId === undefined ? current.agendaItemId : patch.agendaItemId,
      },
      current,
      language,
    );
    const changes = diffValues(current, values);
    if (Object.keys(changes).length > 0) {
      // The diff read before is what a change records; whether there is one is the UPDATE's to say
      // (its changed-row count), so identical requests at the same moment, which all read the item
      // as it was, notify and record once.
      const changed = await this.store.db.transaction(async (tx) => {
        if (!(await this.actions.update(id, values, user.id, tx))) return false;
        const ownerId = values.owner.userId;
        if (ownerId && ownerId !== current.owner.userId)
          await this.notify.emit(tx, { type: 'action.assigned', actorId: user.id, actionId: id, userId: ownerId });
        await this.store.audit.record(
          // The meeting, in whose agenda a changed agendaItemId is named (the log's reader, docs/meetings.md).
          {
            actorId: user.id,
            action: 'action.update',
            subject: `action:${id}`,
            detail: { meetingId: current.meetingId, changes },
          },
          tx,
        );
        return true;
      });
      if (changed) this.project(current.meetingId, id);
    }
    return withOverdue(await this.get(id));
  }

  /** Every change of an action, oldest first, with who made it. */
  async history(id: string): Promise<ActionHistoryEntry[]> {
    await this.get(id);
    const entries = await this.store.audit.list({ subject: `action:${id}` });
    const names = new Map<string, string>();
    for (const entry of entries) {
      if (entry.actorId && !names.has(entry.actorId))
        names.set(entry.actorId, (await this.store.users.byId(entry.actorId))?.name ?? '');
    }
    return entries.map((entry) => ({
      at: entry.at,
      actor: entry.actorId ? { id: entry.actorId, name: names.get(entry.actorId) ?? '' } : null,
      action: entry.action,
      detail: entry.detail,
    }));
  }

  /** Writes an action of the demo inside the seed's transaction (no projection: nothing is loaded yet). */
  async seed(tx: SqlExecutor, meetingId: string, values: ActionValues, actorId: string | null, at: number): Promise<string> {
    const id = await this.actions.create(meetingId, values, actorId, tx, at);
    await this.store.audit.record(
      { actorId, action: 'action.create', subject: `action:${id}`, detail: { meetingId, ...values } },
      tx,
    );
    return id;
  }

  private project(meetingId: string, id: string): void {
    this.live.project(meetingId, LIVE_ACTIONS_MAP, id, async () => {
      const action = await this.actions.byId(id);
      return action && withOverdue(action);
    });
  }

  private async meeting(meetingId: string): Promise<Meeting> {
    return requireMeeting(this.store.meetings, meetingId);
  }

  private async values(
    meeting: Meeting,
    input: NewAction & { source?: Source },
    current: StoredAction | null,
    language: Language,
  ): Promise<ActionValues> {
    const text = input.text.trim();
    if (!text) throw badRequest('Say what is to be done.');
    const owner = await this.owner(input.owner, language);
    const due = resolveDue(input.due, meeting, language);
    const source: Source = current ? current.source : (input.source ?? { type: 'direct' });
    let agendaItemId = input.agendaItemId ?? null;
    if (!current) {
      await this.checkSource(meeting.id, source);
      if (source.type === 'agendaItem' && input.agendaItemId === undefined) agendaItemId = source.id ?? null;
    }
    if (agendaItemId && agendaItemId !== current?.agendaItemId) {
      const { items } = await readAgenda(this.store.documents, meeting.id);
      if (!items.some((item) => item.id === agendaItemId)) throw badRequest('There is no such item on the agenda.');
    }
    return { text, owner, due, status: input.status ?? current?.status ?? 'open', source, agendaItemId };
  }

  private async owner(input: Owner, language: Language): Promise<Owner> {
    const label = input.label.trim();
    switch (input.kind) {
      case 'person': {
        const person = input.userId ? await this.store.users.byId(input.userId) : undefined;
        if (!person || person.disabled) throw badRequest('The owner must be a person on the board.');
        return { kind: 'person', label: person.name, userId: person.id };
      }
      case 'role': {
        const role = input.role;
        if (!role || !(ROLES as readonly string[]).includes(role)) throw badRequest('Name the role that owns the action.');
        return { kind: 'role', label: label || serverText(language).roleOwner[role as Role], role };
      }
      default:
        if (!label) throw badRequest('Name who owns the action.');
        return input.refId ? { kind: input.kind, label, refId: input.refId } : { kind: input.kind, label };
    }
  }

  /** The source must exist in this meeting, where this server can tell (its feature is installed). */
  private async checkSource(meetingId: string, source: Source): Promise<void> {
    if (source.type === 'direct') {
      if (source.id) throw badRequest('An action typed directly has no source id.');
      return;
    }
    if (!source.id)
      throw badRequest(`Say which ${source.type === 'agendaItem' ? 'agenda item' : source.type} the action comes from.`);
    if (source.type === 'agendaItem') {
      const { items } = await readAgenda(this.store.documents, meetingId);
      if (!items.some((item) => item.id === source.id)) throw badRequest('There is no such item on the agenda.');
      return;
    }
    const sql =
      source.type === 'comment'
        ? 'SELECT t.meeting_id AS meeting_id FROM comments c JOIN comment_threads t ON t.id = c.thread_id WHERE c.id = ?'
        : 'SELECT meeting_id FROM polls WHERE id = ?';
    let row: { meeting_id: string } | undefined;
    try {
      row = await this.store.db.get<{ meeting_id: string }>(sql, [source.id]);
    } catch {
      return; // that feature's tables are not in this store: the id is kept as given
    }
    if (!row || row.meeting_id !== meetingId) throw badRequest(`There is no such ${source.type} in this meeting.`);
  }
}

/** Each changed field's value before and after, by the field's name (typed: the audit log labels these keys). */
type ActionDiff = { [K in keyof ActionValues]?: { from: ActionValues[K] | null; to: ActionValues[K] | null } };

function diffValues(current: StoredAction, next: ActionValues): ActionDiff {
  const changes: Record<string, { from: unknown; to: unknown }> = {};
  const fields: (keyof ActionValues)[] = ['text', 'owner', 'due', 'status', 'agendaItemId'];
  for (const field of fields) {
    const from = current[field] ?? null;
    const to = next[field] ?? null;
    if (JSON.stringify(from) !== JSON.stringify(to)) changes[field] = { from, to };
  }
  return changes as ActionDiff;
}
