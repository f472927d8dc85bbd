/**
 * Registration for a public meeting: anyone gives name, email, stakeholder group, country and
 * affiliation, and gets an observer account that is `invited` until they follow the link in the
 * confirmation email and set a password (the people feature's invitation flow). Simple bots are
 * kept out without a third-party captcha: a honeypot field, a signed form time (a person takes
 * at least a few seconds), and limits per address (the route) and per email domain (here).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Language } from '../../../shared/i18n/languages.ts';
import { isModerator } from '../../../shared/roles.ts';
import type { RegistrationBody, RegistrationDto } from '../../../shared/schemas/public.ts';
import { AppError, badRequest, forbidden } from '../http/appError.ts';
import type { QueueAccountEmail } from '../notifications/accountMail.ts';
import { UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { InvitationStore } from '../users/invitationStore.ts';
import { normaliseEmail, type User } from '../users/userStore.ts';
import type { PublicService } from './publicService.ts';
import { RegistrationStore } from './registrationStore.ts';

export const MIN_FILL_SECONDS = 3;
/** A form older than this is refused too (reload the page). */
const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;
export const PER_DOMAIN_PER_MINUTE = 20;

export interface RegistrationServiceOptions {
  store: Store;
  pages: PublicService;
  /** The origin confirmation links start with (the first PUBLIC_ORIGIN). */
  origin: string;
  /** Queues the confirmation email in the registration's transaction (the notification outbox). */
  queueEmail: QueueAccountEmail;
  /** Signs the form times; shared by every instance (a form from one may be posted to another). */
  formKey: Buffer;
  now?: () => number;
}

/** Why a form is refused (the API's English; the HTML form says each in the reader's language, keyed by these names). */
export const REFUSALS = {
  formToken: 'The form could not be checked; reload the page and try again.',
  tooFast: 'That was too fast; please check the form and send it again.',
  expired: 'The form has expired; reload the page and try again.',
  notAccepted: 'The form could not be accepted.',
} as const;

const refused = (message: string, field?: string) => new AppError('REGISTRATION_REFUSED', message, field ? { field } : undefined);

export class RegistrationService {
  readonly registrations: RegistrationStore;
  private readonly opts: RegistrationServiceOptions;
  private readonly invitations: InvitationStore;
  private readonly domainHits = new Map<string, number[]>();

  constructor(options: RegistrationServiceOptions) {
    this.opts = options;
    this.registrations = new RegistrationStore(options.store.db);
    this.invitations = new InvitationStore(options.store.db);
  }

  /** What the service was made with (the routes reach the public meetings through it). */
  options(): RegistrationServiceOptions {
    return this.opts;
  }

  private now(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private sign(value: string): string {
    return createHmac('sha256', this.opts.formKey).update(value).digest('base64url');
  }

  /** The time the form was handed out, signed so that a bot cannot backdate it. */
  formToken(meetingId: string): string {
    const at = String(this.now());
    return `${at}.${this.sign(`${meetingId}.${at}`)}`;
  }

  private checkFormToken(meetingId: string, token: string): void {
    const [at, signature] = token.split('.');
    const expected = this.sign(`${meetingId}.${at}`);
    if (
      !at ||
      !signature ||
      signature.length !== expected.length ||
      !timingSafeEqual(Buffer.from(signature), Buffer.from(expected))
    ) {
      throw refused(REFUSALS.formToken, 'formToken');
    }
    const age = this.now() - Number(at);
    if (age < MIN_FILL_SECONDS * 1000) throw refused(REFUSALS.tooFast, 'formToken');
    if (age > MAX_FORM_AGE_MS) throw refused(REFUSALS.expired, 'formToken');
  }

  /** Counts sign-ups per email domain over the last minute, across addresses. */
  private countDomain(domain: string): void {
    const now = this.now();
    const recent = (this.domainHits.get(domain) ?? []).filter((at) => now - at < 60_000);
    if (recent.length >= PER_DOMAIN_PER_MINUTE)
      throw new AppError('RATE_LIMITED', 'Too many registrations from this email domain; try again in a minute.');
    recent.push(now);
    this.domainHits.set(domain, recent);
  }

  async isOpen(meetingId: string): Promise<boolean> {
    return !(await this.registrations.isClosed(meetingId));
  }

  /** `language`: the request's; the confirmation email is written in it, and it becomes the person's. */
  async register(meetingId: string, body: RegistrationBody, language: Language): Promise<void> {
    const meeting = await this.opts.pages.meeting(meetingId);
    if (body.website) throw refused(REFUSALS.notAccepted, 'website');
    this.checkFormToken(meeting.id, body.formToken);
    const email = normaliseEmail(body.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest('The email is not a valid address.', { field: 'email' });
    const name = body.name.trim();
    const country = body.country.trim();
    if (!name) throw badRequest('The name is empty.', { field: 'name' });
    if (!country) throw badRequest('The country is empty.', { field: 'country' });
    if (await this.registrations.isClosed(meeting.id))
      throw new AppError('REGISTRATION_CLOSED', 'Registration for this meeting is closed.');
    this.countDomain(email.slice(email.lastIndexOf('@') + 1));
    const { store } = this.opts;
    try {
      await store.db.transaction(async (tx) => {
        if (await this.registrations.exists(meeting.id, email, tx)) throw alreadyRegistered();
        if (await store.users.byEmail(email, tx)) throw alreadyRegistered();
        const user = await store.users.create(
          {
            email,
            name,
            role: 'observer',
            group: body.group,
            region: country,
            affiliation: body.affiliation.trim() || null,
            language,
            passwordHash: '',
          },
          tx,
        );
        await this.registrations.create(
          {
            meetingId: meeting.id,
            userId: user.id,
            name,
            email,
            group: body.group,
            country,
            affiliation: body.affiliation.trim(),
          },
          tx,
        );
        const { token, invitation } = await this.invitations.create(user.id, null, tx);
        // Sent once the registration is committed, retried by the outbox worker when SMTP is down.
        await this.opts.queueEmail(tx, {
          kind: 'registration',
          userId: user.id,
          to: email,
          name,
          language,
          url: `${this.opts.origin}/invitations/${token}`,
          expiresAt: invitation.expiresAt,
          meetingTitle: meeting.title,
        });
        await store.audit.record(
          { actorId: null, action: 'registration.create', subject: `meeting:${meeting.id}`, detail: { userId: user.id } },
          tx,
        );
      });
    } catch (error) {
      if (error instanceof UniqueViolation) throw alreadyRegistered();
      throw error;
    }
  }

  async list(actor: User, meetingId: string): Promise<RegistrationDto[]> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    return this.registrations.list(meeting.id);
  }

  /** Whether registration is open, for the secretariat's page that opens and closes it. */
  async settings(actor: User, meetingId: string): Promise<{ open: boolean }> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    return { open: await this.isOpen(meeting.id) };
  }

  async setOpen(actor: User, meetingId: string, open: boolean): Promise<{ open: boolean }> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    await this.opts.store.db.transaction(async (tx) => {
      await this.registrations.setOpen(meeting.id, open, actor.id, tx);
      await this.opts.store.audit.record(
        { actorId: actor.id, action: open ? 'registration.open' : 'registration.close', subject: `meeting:${meeting.id}` },
        tx,
      );
    });
    return { open };
  }
}

const alreadyRegistered = () =>
  new AppError('ALREADY_REGISTERED', 'This email is already registered; sign in, or use the link in the confirmation email.', {
    field: 'email',
  });

function requireSecretariat(actor: User): void {
  if (!isModerator(actor.role)) throw forbidden('Only the secretariat or the chair may see and manage registrations.');
}

/** The registrations as CSV, each field quoted; a leading =, +, - or @ is defused for spreadsheets. */
export function registrationsCsv(rows: RegistrationDto[]): string {
  const cell = (value: string) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;
  const lines = [['name', 'email', 'group', 'country', 'affiliation', 'registered', 'confirmed'].join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.name,
        row.email,
        row.group,
        row.country,
        row.affiliation,
        new Date(row.createdAt).toISOString(),
        row.confirmed ? 'yes' : 'no',
      ]
        .map(cell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
