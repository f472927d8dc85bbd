/**
 * Notifications: the inbox (`GET /api/notifications`), each person's email settings and the
 * secretariat's webhooks. Kinds are the events the board tells people about.
 */
import { type Static, Type } from 'typebox';
import { EMAIL_MODES, NOTIFICATION_KINDS } from '../constants/notifications.ts';
import { LanguageSchema } from './common.ts';

export {
  DEFAULT_EMAIL_MODES,
  EMAIL_MODES,
  type EmailMode,
  NOTIFICATION_KINDS,
  type NotificationKind,
} from '../constants/notifications.ts';

export const NotificationKindSchema = Type.Enum(NOTIFICATION_KINDS);
export const EmailModeSchema = Type.Enum(EMAIL_MODES);

export const NotificationSchema = Type.Object({
  id: Type.String(),
  kind: NotificationKindSchema,
  /** Epoch milliseconds. */
  at: Type.Integer(),
  read: Type.Boolean(),
  /** A path of the client: the exact thread, poll, action or proposal. */
  link: Type.String(),
  text: Type.String(),
});
export type NotificationDto = Static<typeof NotificationSchema>;

export const NotificationListSchema = Type.Object({
  unread: Type.Integer({ minimum: 0 }),
  items: Type.Array(NotificationSchema),
});
export type NotificationList = Static<typeof NotificationListSchema>;

export const NotificationListQuery = Type.Object({
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, description: 'newest first; default 50' })),
  unread: Type.Optional(Type.Boolean({ description: 'only unread ones' })),
  lang: Type.Optional(LanguageSchema),
});

export const MarkReadSchema = Type.Object({
  ids: Type.Optional(Type.Array(Type.String({ maxLength: 64 }), { maxItems: 500, description: 'all when absent' })),
});

export const MarkReadResultSchema = Type.Object({ unread: Type.Integer({ minimum: 0 }) });

export const TIME_OF_DAY_PATTERN = '^([01][0-9]|2[0-3]):[0-5][0-9]$';

export const NotificationSettingsSchema = Type.Object({
  email: Type.Record(Type.String(), EmailModeSchema, { description: 'per kind: immediate, digest or off' }),
  digestTime: Type.String({ pattern: TIME_OF_DAY_PATTERN, description: 'HH:MM, 24-hour, in timeZone' }),
  timeZone: Type.String({ minLength: 1, maxLength: 64, description: 'an IANA time zone such as Europe/Geneva' }),
});
export type NotificationSettings = Static<typeof NotificationSettingsSchema>;

export const NotificationSettingsPatchSchema = Type.Object({
  email: Type.Optional(Type.Record(Type.String(), EmailModeSchema)),
  digestTime: Type.Optional(Type.String({ pattern: TIME_OF_DAY_PATTERN })),
  timeZone: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
});
export type NotificationSettingsPatch = Static<typeof NotificationSettingsPatchSchema>;

export const NewWebhookSchema = Type.Object({
  url: Type.String({ minLength: 8, maxLength: 2000, description: 'an https:// endpoint' }),
  kinds: Type.Array(NotificationKindSchema, { minItems: 1, maxItems: NOTIFICATION_KINDS.length, uniqueItems: true }),
  description: Type.Optional(Type.String({ maxLength: 200 })),
});

export const WebhookSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  kinds: Type.Array(NotificationKindSchema),
  description: Type.String(),
  createdAt: Type.Integer(),
});
export type WebhookDto = Static<typeof WebhookSchema>;

/** Only in the answer to its creation: the signing secret is never shown again. */
export const CreatedWebhookSchema = Type.Intersect([WebhookSchema, Type.Object({ secret: Type.String() })]);

export const WebhookDeliverySchema = Type.Object({
  id: Type.String(),
  /** The webhook-id header: the same on every attempt of one message. */
  messageId: Type.String(),
  kind: Type.String(),
  attempt: Type.Integer(),
  at: Type.Integer(),
  ok: Type.Boolean(),
  responseStatus: Type.Union([Type.Integer(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
  durationMs: Type.Integer(),
  /** What happens next to the message: delivered, waiting for a retry, or given up after 24 hours. */
  messageStatus: Type.Enum(['sent', 'retry', 'pending', 'sending', 'failed']),
});
export type WebhookDelivery = Static<typeof WebhookDeliverySchema>;
