/**
 * Calls for proposals. The secretariat opens a call of a kind (PN, BPF, other) for a meeting,
 * from an opening to a closing instant, and may extend it. The rule for submissions: a meeting
 * that has no call of a kind takes proposals of that kind at any time (not every meeting runs
 * calls); once it has one, a proposal of that kind is accepted only while one of them is open.
 */
import type { CallDto, CallKind, CallPatchBody, NewCallBody } from '../../../shared/schemas/meetings.ts';
import { AppError, badRequest, notFound } from '../http/appError.ts';
import { parseInstant } from '../meetings/meetingInput.ts';
import { requireMeetingAdministrator } from '../meetings/meetingPolicy.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { type Call, CallStore, isCallOpen, toCallDto } from './callStore.ts';

const KIND_LABEL: Record<CallKind, string> = { PN: 'Policy Network', BPF: 'Best Practice Forum', other: 'other' };

export class CallService {
  readonly calls: CallStore;
  private readonly store: Store;

  constructor(store: Store) {
    this.store = store;
    this.calls = new CallStore(store.db);
  }

  async list(meetingId: string): Promise<CallDto[]> {
    if (!(await this.store.meetings.byId(meetingId))) throw notFound('The meeting');
    return (await this.calls.list(meetingId)).map((call) => toCallDto(call));
  }

  async create(user: User, meetingId: string, input: NewCallBody, tx?: SqlExecutor): Promise<CallDto> {
    requireMeetingAdministrator(user);
    const opensAt = parseInstant(input.opensAt, 'opensAt');
    const closesAt = parseInstant(input.closesAt, 'closesAt');
    checkOrder(opensAt, closesAt);
    const write = async (executor: SqlExecutor) => {
      if (!(await this.store.meetings.byId(meetingId, executor))) throw notFound('The meeting');
      const call = await this.calls.create({ meetingId, kind: input.kind, opensAt, closesAt, createdBy: user.id }, executor);
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'call.create',
          subject: `call:${call.id}`,
          detail: { meetingId, kind: call.kind, opensAt: input.opensAt, closesAt: input.closesAt },
        },
        executor,
      );
      return call;
    };
    return toCallDto(tx ? await write(tx) : await this.store.db.transaction(write));
  }

  /** Moves the opening or the closing (extending a call, or closing it early). */
  async update(user: User, id: string, patch: CallPatchBody): Promise<CallDto> {
    requireMeetingAdministrator(user);
    if (patch.opensAt === undefined && patch.closesAt === undefined)
      throw badRequest('Nothing to change: give opensAt or closesAt.');
    const call = await this.calls.byId(id);
    if (!call) throw notFound('The call');
    const opensAt = patch.opensAt === undefined ? call.opensAt : parseInstant(patch.opensAt, 'opensAt');
    const closesAt = patch.closesAt === undefined ? call.closesAt : parseInstant(patch.closesAt, 'closesAt');
    checkOrder(opensAt, closesAt);
    await this.store.db.transaction(async (tx) => {
      // Moved to where it is (a second click, two tabs): answered, nothing recorded.
      if (!(await this.calls.update(id, opensAt, closesAt, tx))) return;
      await this.store.audit.record(
        {
          actorId: user.id,
          action: 'call.update',
          subject: `call:${id}`,
          detail: {
            meetingId: call.meetingId,
            from: { opensAt: iso(call.opensAt), closesAt: iso(call.closesAt) },
            to: { opensAt: iso(opensAt), closesAt: iso(closesAt) },
          },
        },
        tx,
      );
    });
    return toCallDto((await this.calls.byId(id))!);
  }

  /** Refuses (409 CALL_CLOSED) a proposal of `kind` when the meeting runs calls of that kind and none is open now. */
  async requireOpen(meetingId: string, kind: CallKind, now = Date.now()): Promise<void> {
    const ofKind = (await this.calls.list(meetingId)).filter((call) => call.kind === kind);
    if (ofKind.length === 0 || ofKind.some((call) => isCallOpen(call, now))) return;
    throw new AppError('CALL_CLOSED', closedMessage(kind, ofKind, now), {
      kind,
      calls: ofKind.map((call) => toCallDto(call, now)),
    });
  }
}

function checkOrder(opensAt: number, closesAt: number): void {
  if (closesAt <= opensAt) throw badRequest('closesAt must be after opensAt.', { field: 'closesAt' });
}

const iso = (at: number) => new Date(at).toISOString();

function closedMessage(kind: CallKind, calls: Call[], now: number): string {
  const next = calls.filter((call) => call.opensAt > now).sort((a, b) => a.opensAt - b.opensAt)[0];
  if (next) return `The call for ${KIND_LABEL[kind]} proposals is not open yet: it opens at ${iso(next.opensAt)}.`;
  const last = calls.sort((a, b) => b.closesAt - a.closesAt)[0]!;
  return `The call for ${KIND_LABEL[kind]} proposals closed at ${iso(last.closesAt)}; proposals are no longer accepted.`;
}
