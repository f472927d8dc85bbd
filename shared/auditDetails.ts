/**
 * What the server writes in audit entries' details, kept beside the writers: every key, at any
 * depth, and the codes recorded as values. The secretariat reads the log in its own language
 * (client/src/audit/auditText.ts), so each needs a label in all six catalogues;
 * test/unit/auditDetailLabels.test.ts checks that. The server's audit log takes a detail only when
 * every key of its type is listed here (ListedDetail below), so `npm run typecheck` refuses a key
 * written unlisted (test/unit/auditDetailTypes.test.ts). A detail built from a request's body (a
 * patch) is listed by that body's fields. Not imported by the client: the test and the server's types read it.
 */

import { OWNER_KINDS, SOURCE_TYPES } from './constants/actions.ts';
import { ATTENDANCE_MODES, BALANCE_RULES } from './constants/floor.ts';
import { CALL_KINDS, MEETING_FORMATS, MEETING_VISIBILITIES } from './constants/meetings.ts';
import { EMAIL_MODES, NOTIFICATION_KINDS } from './constants/notifications.ts';
import { POLL_AUDIENCES, POLL_KINDS } from './constants/polls.ts';
import { PROPOSAL_KINDS, PROPOSAL_STATUSES } from './constants/proposals.ts';
import { USER_STATUSES } from './constants/users.ts';
import { ACTION_STATUSES } from './dueDates.ts';
import type { ErrorCode } from './errors.ts';
import { ROLES, STAKEHOLDER_GROUPS } from './roles.ts';
import { ScopeSchema } from './schemas/apiTokens.ts';

export const AUDIT_DETAIL_FIELDS = [
  'affiliation',
  'again',
  'agendaItemId',
  'anchored',
  'anonymous',
  'audience',
  'authorId',
  'balanceRule',
  'ballots',
  'byRule',
  'candidates',
  'changed',
  'changes',
  'choices',
  'chosen',
  'closesAt',
  'coAuthorIds',
  'code',
  'commentId',
  'copyFrom',
  'count',
  'created',
  'day',
  'description',
  'digestTime',
  'disabled',
  'doc',
  'due',
  'email',
  'enabled',
  'end',
  'endsOn',
  'expiresAt',
  'field',
  'form',
  'format',
  'from',
  'group',
  'handId',
  'id',
  'ids',
  'itemId',
  'kind',
  'kinds',
  'label',
  'language',
  'limitSeconds',
  'meetingId',
  'mentions',
  'message',
  'method',
  'mode',
  'morePeople',
  'name',
  'nomineeId',
  'opensAt',
  'optionId',
  'outcome',
  'owner',
  'parentId',
  'people',
  'place',
  'pointOfOrder',
  'pollId',
  'previousStatus',
  'provider',
  'publicComment',
  'publicOnly',
  'question',
  'reason',
  'refId',
  'region',
  'requireApproval',
  'role',
  'roles',
  'rule',
  'scopes',
  'secret',
  'seq',
  'sessionsEnded',
  'sha256',
  'share',
  'size',
  'source',
  'start',
  'startTime',
  'startsOn',
  'status',
  'summary',
  'tally',
  'text',
  'threadId',
  'timeZone',
  'timezone',
  'title',
  'titles',
  'to',
  'type',
  'unchanged',
  'updated',
  'url',
  'userId',
  'version',
  'versionId',
  'via',
  'visibility',
  'was',
  'winners',
  'with',
  'workingGroups',
] as const;

/** A key the server may write in an audit entry's detail, at any depth. */
export type AuditDetailField = (typeof AUDIT_DETAIL_FIELDS)[number];

/**
 * Objects of a detail whose keys are data, not field names: a poll's tally by option id, the email
 * modes of notification settings by kind of notification (listed with their codes).
 */
type DataKeyed = 'tally' | 'email';

/**
 * A detail of type `D` as the audit log accepts it: `D` itself when every key, at any depth
 * (through arrays, unions and changed-field objects), is an AuditDetailField, and otherwise `D`
 * with each unlisted key turned to `never`, so `npm run typecheck` refuses the call that writes it.
 * A loosely typed value (`unknown`, `any`, an index signature such as `Record<string, unknown>`,
 * and `object` or `{}`, which name no key and so admit any) has keys nobody can list: it turns to
 * `never` too, to be given its type (an empty detail is written by leaving it out). Used as
 * `detail: D & ListedDetail<D>` with `D` inferred from the call; a type argument given by hand is
 * judged the same way (`record<object>(…)` takes no detail), so it cannot lift the rule.
 */
export type ListedDetail<D> = unknown extends D
  ? never
  : D extends readonly (infer Item)[]
    ? readonly ListedDetail<Item>[]
    : D extends (...args: never[]) => unknown
      ? never
      : D extends object
        ? string extends keyof D
          ? never
          : [keyof D] extends [never]
            ? never
            : { [K in keyof D]: K extends AuditDetailField ? (K extends DataKeyed ? D[K] : ListedDetail<D[K]>) : never }
        : D;

/** The fields an import's update changes (server/src/users/userImport.ts, IMPORT_FIELDS). */
export const IMPORTED_FIELDS = ['name', 'role', 'group', 'region', 'affiliation'] as const;

/**
 * The error codes a ballot is refused with (server/src/polls/pollService.ts, `writeBallot` and
 * `refuseMalformedBallot`), recorded as `poll.ballot.refused`'s `code`: not found, not eligible,
 * not open, a bad choice or a malformed ballot.
 */
export const BALLOT_REFUSAL_CODES = ['NOT_FOUND', 'FORBIDDEN', 'NOT_OPEN', 'BAD_REQUEST'] as const satisfies readonly ErrorCode[];

/**
 * Why a ballot was refused, beside its code (`poll.ballot.refused`'s `reason`): the code alone
 * (`NOT_OPEN`, `FORBIDDEN`) reads as a general sentence, which does not tell a closed poll from
 * one not open yet, nor an observer in a members' poll from a person who joined a working group
 * after its election opened (server/src/polls/pollPolicy.ts, `ballotRefusalReason`).
 */
export const BALLOT_REFUSAL_REASONS = ['closed', 'not-open-yet', 'members-only', 'not-in-group', 'joined-after-opening'] as const;
export type BallotRefusalReason = (typeof BALLOT_REFUSAL_REASONS)[number];

/**
 * Codes written as values, with the action and the field they are written in. A field named here
 * that is not in AUDIT_DETAIL_FIELDS (a notification kind, the key of an email mode) is labelled
 * by the action too.
 */
export const AUDIT_DETAIL_CODES: readonly { action: string; field: string; codes: readonly string[] }[] = [
  { action: 'user.import', field: 'outcome', codes: ['new', 'update'] },
  { action: 'user.import', field: 'via', codes: ['api', 'cli'] },
  { action: 'user.import', field: 'field', codes: IMPORTED_FIELDS },
  { action: 'user.import', field: 'role', codes: ROLES },
  { action: 'user.import', field: 'group', codes: STAKEHOLDER_GROUPS },
  { action: 'user.add', field: 'via', codes: ['cli'] },
  { action: 'user.change', field: 'via', codes: ['cli'] },
  { action: 'user.change', field: 'status', codes: USER_STATUSES },
  { action: 'auth.login', field: 'via', codes: ['invitation'] },
  { action: 'auth.login', field: 'method', codes: ['oidc'] },
  ...NOTIFICATION_KINDS.map((kind) => ({ action: 'notifications.settings', field: kind, codes: EMAIL_MODES })),
  { action: 'notifications.unsubscribe', field: 'kinds', codes: NOTIFICATION_KINDS },
  { action: 'webhook.create', field: 'kinds', codes: NOTIFICATION_KINDS },
  { action: 'action.create', field: 'status', codes: ACTION_STATUSES },
  { action: 'action.create', field: 'kind', codes: OWNER_KINDS },
  { action: 'action.create', field: 'type', codes: SOURCE_TYPES },
  { action: 'proposal.create', field: 'kind', codes: PROPOSAL_KINDS },
  { action: 'proposal.status', field: 'status', codes: PROPOSAL_STATUSES },
  { action: 'poll.created', field: 'kind', codes: POLL_KINDS },
  { action: 'call.create', field: 'kind', codes: CALL_KINDS },
  { action: 'poll.created', field: 'audience', codes: POLL_AUDIENCES },
  { action: 'poll.ballot.refused', field: 'code', codes: BALLOT_REFUSAL_CODES },
  { action: 'poll.ballot.refused', field: 'reason', codes: BALLOT_REFUSAL_REASONS },
  { action: 'meeting.create', field: 'visibility', codes: MEETING_VISIBILITIES },
  { action: 'meeting.update', field: 'visibility', codes: MEETING_VISIBILITIES },
  { action: 'meeting.create', field: 'format', codes: MEETING_FORMATS },
  { action: 'meeting.update', field: 'format', codes: MEETING_FORMATS },
  // A speaking rule, in the settings' `from`/`to` and as the rule an override went against.
  { action: 'floor.settings', field: 'balanceRule', codes: BALANCE_RULES },
  { action: 'floor.balance.override', field: 'rule', codes: BALANCE_RULES },
  { action: 'attendance.checked-in', field: 'mode', codes: ATTENDANCE_MODES },
  { action: 'token.create', field: 'scopes', codes: ScopeSchema.enum },
];
