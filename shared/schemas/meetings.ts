import { type Static, Type } from 'typebox';
import { CALL_KINDS, MEETING_FORMATS, MEETING_STATUSES, MEETING_VISIBILITIES } from '../constants/meetings.ts';
import { ISO_DATE_PATTERN } from '../dueDates.ts';
import { Id, RequiredText } from './common.ts';

export {
  CALL_KINDS,
  type CallKind,
  LIVE_MEETING_STATUS_MAP,
  MEETING_FORMATS,
  MEETING_STATUSES,
  MEETING_VISIBILITIES,
  type MeetingFormat,
  type MeetingStatus,
  type MeetingVisibility,
} from '../constants/meetings.ts';

export const MeetingSchema = Type.Object({
  id: Type.String(),
  title: Type.String(),
  startsOn: Type.String({ description: 'ISO date' }),
  /** The last day, ISO date; equal to startsOn for a one-day meeting. */
  endsOn: Type.String({ description: 'ISO date, the last day' }),
  startTime: Type.String(),
  /** The IANA time zone (kept under both names: `timezone` was the first). */
  timezone: Type.String(),
  timeZone: Type.String({ description: 'IANA time zone name' }),
  /** Where and how, as one line of text ("Hybrid, Lillestrøm"); kept for older clients. */
  form: Type.String(),
  format: Type.Enum(MEETING_FORMATS),
  place: Type.String(),
  description: Type.String(),
  visibility: Type.Enum(MEETING_VISIBILITIES),
  status: Type.Enum(MEETING_STATUSES),
  archivedAt: Type.Union([Type.Number(), Type.Null()]),
  agendaDoc: Type.String(),
  liveDoc: Type.String(),
  /** Polls open now. */
  openPolls: Type.Number(),
  /** Action items open or in progress. */
  openActions: Type.Number(),
});
export type MeetingDto = Static<typeof MeetingSchema>;

/** The entry of the `meetingStatus` live map: what of a meeting can change under an open page. */
export const LiveMeetingStatusSchema = Type.Pick(MeetingSchema, ['status', 'archivedAt']);
export type LiveMeetingStatus = Static<typeof LiveMeetingStatusSchema>;

const Title = RequiredText(200);
const IsoDate = Type.String({ pattern: ISO_DATE_PATTERN, description: 'ISO date, YYYY-MM-DD' });
const Format = Type.Enum(MEETING_FORMATS);
const Visibility = Type.Enum(MEETING_VISIBILITIES);
const TimeZone = Type.String({ minLength: 1, maxLength: 64, description: 'IANA time zone name, e.g. Europe/Oslo' });
const StartTime = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$|^$', description: 'local start time HH:MM, or empty' });

export const NewMeetingBody = Type.Object(
  {
    title: Title,
    startsOn: IsoDate,
    endsOn: IsoDate,
    timeZone: TimeZone,
    format: Format,
    startTime: Type.Optional(StartTime),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    visibility: Type.Optional(Visibility),
    copyFrom: Type.Optional(Id),
  },
  { additionalProperties: false },
);
export type NewMeetingBody = Static<typeof NewMeetingBody>;

export const MeetingPatchBody = Type.Object(
  {
    title: Type.Optional(Title),
    startsOn: Type.Optional(IsoDate),
    endsOn: Type.Optional(IsoDate),
    timeZone: Type.Optional(TimeZone),
    format: Type.Optional(Format),
    startTime: Type.Optional(StartTime),
    place: Type.Optional(Type.String({ maxLength: 200 })),
    description: Type.Optional(Type.String({ maxLength: 5000 })),
    visibility: Type.Optional(Visibility),
  },
  { additionalProperties: false },
);
export type MeetingPatchBody = Static<typeof MeetingPatchBody>;

export const CallSchema = Type.Object({
  id: Type.String(),
  meetingId: Type.String(),
  kind: Type.Enum(CALL_KINDS),
  /** ISO 8601 instants. */
  opensAt: Type.String(),
  closesAt: Type.String(),
  /** Whether it accepts proposals now. */
  open: Type.Boolean(),
  createdAt: Type.Number(),
  updatedAt: Type.Number(),
});
export type CallDto = Static<typeof CallSchema>;

const Instant = Type.String({ minLength: 1, maxLength: 40, description: 'date and time, ISO 8601 with an offset or Z' });

export const NewCallBody = Type.Object(
  { kind: Type.Enum(CALL_KINDS), opensAt: Instant, closesAt: Instant },
  { additionalProperties: false },
);
export type NewCallBody = Static<typeof NewCallBody>;

export const CallPatchBody = Type.Object(
  { opensAt: Type.Optional(Instant), closesAt: Type.Optional(Instant) },
  { additionalProperties: false },
);
export type CallPatchBody = Static<typeof CallPatchBody>;
