/**
 * Registration for a public meeting: anyone gives name, email, stakeholder group, country and
 * affiliation, and gets an observer account that is `invited` until they follow the link in the
 * confirmation email and set a password (the people feature's invitation flow). Simple bots are
 * kept out without a third-party captcha: a honeypot field, a signed form time (a person takes
 * at least a few seconds), and limits per address (the route) and per email domain (here).
 *
 * The answer never says whether an address is known: a registration with an address already
 * registered or already on the board is answered like any other, and the address gets an email
 * saying it already has an account (at most one an hour). A form that said "already registered"
 * told anyone who was on the board or had signed up for a meeting, as signing in does not.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Language } from '../../../shared/i18n/languages.ts';
import { isModerator, isStakeholderGroup } from '../../../shared/roles.ts';
import type { RegistrationBody, RegistrationDto, RegistrationStatus } from '../../../shared/schemas/public.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { AppError, badRequest, forbidden } from '../http/appError.ts';
import { SERVER_TEXT } from '../i18n/serverText.ts';
import { stakeholderGroupIn } from '../i18n/storeWords.ts';
import type { QueueAccountEmail } from '../notifications/accountMail.ts';
import { type SqlExecutor, UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { InvitationStore } from '../users/invitationStore.ts';
import { normaliseEmail, type User } from '../users/userStore.ts';
import type { PublicService } from './publicService.ts';
import { RegistrationStore } from './registrationStore.ts';

export const MIN_FILL_SECONDS = 3;

/** Registration open, closed by the secretariat, or closed for good with its archived meeting. */
export type RegistrationState = 'open' | 'closed' | 'archived';
/** A form older than this is refused too (reload the page). */
const MAX_FORM_AGE_MS = 24 * 60 * 60 * 1000;
export const PER_DOMAIN_PER_MINUTE = 20;
/** One "you already have an account" email per person per hour, however often their address is entered. */
export const ACCOUNT_EXISTS_EVERY_MS = 60 * 60 * 1000;

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

/** The longest each field may be (as the API's schema says; the HTML form's POST has no schema, so the service checks). */
export const FIELD_MAX = { name: 200, email: 254, country: 100, affiliation: 200 } as const;

/** A field the person must correct, and why; the HTML form says each beside its field, all at once. */
export interface FieldProblem {
  field: 'name' | 'email' | 'group' | 'country' | 'affiliation';
  reason: 'empty' | 'invalid' | 'tooLong';
}

const PROBLEM_MESSAGES: Record<FieldProblem['reason'], string> = {
  empty: 'The {{field}} is empty.',
  invalid: 'The {{field}} is not valid.',
  tooLong: 'The {{field}} is too long.',
};

/** Every wrong field of a registration, in the form's order (none when it may go on). */
export function fieldProblems(body: RegistrationBody): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const name = body.name.trim();
  if (!hasVisibleText(name)) problems.push({ field: 'name', reason: 'empty' });
  else if (name.length > FIELD_MAX.name) problems.push({ field: 'name', reason: 'tooLong' });
  const email = normaliseEmail(body.email);
  if (email.length > FIELD_MAX.email) problems.push({ field: 'email', reason: 'tooLong' });
  else if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) problems.push({ field: 'email', reason: 'invalid' });
  // Left on "Choose…" is empty, like a blank name; a value not on the list (a tampered form) is invalid.
  if (!String(body.group ?? '').trim()) problems.push({ field: 'group', reason: 'empty' });
  else if (!isStakeholderGroup(body.group)) problems.push({ field: 'group', reason: 'invalid' });
  const country = body.country.trim();
  if (!hasVisibleText(country)) problems.push({ field: 'country', reason: 'empty' });
  else if (country.length > FIELD_MAX.country) problems.push({ field: 'country', reason: 'tooLong' });
  if (body.affiliation.trim().length > FIELD_MAX.affiliation) problems.push({ field: 'affiliation', reason: 'tooLong' });
  return problems;
}

const refused = (message: string, field?: string) => new AppError('REGISTRATION_REFUSED', message, field ? { field } : undefined);

export class RegistrationService {
  readonly registrations: RegistrationStore;
  private readonly opts: RegistrationServiceOptions;
  private readonly invitations: InvitationStore;
  private readonly domainHits = new Map<string, number[]>();
  /** When each known person was last told their address already has an account (this instance's memory). */
  private readonly accountExistsSent = new Map<string, number>();

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

  /**
   * Whether registration is open, closed by the secretariat, or closed for good because the meeting is
   * archived (kept as it was: nobody can open it again, so it must not read as open).
   */
  async state(meetingId: string): Promise<RegistrationState> {
    const [archived, closed] = await Promise.all([
      this.opts.store.meetings.isArchived(meetingId),
      this.registrations.isClosed(meetingId),
    ]);
    if (archived) return 'archived';
    return closed ? 'closed' : 'open';
  }

  async isOpen(meetingId: string): Promise<boolean> {
    return (await this.state(meetingId)) === 'open';
  }

  /** `language`: the request's; the confirmation email is written in it, and it becomes the person's. */
  async register(meetingId: string, body: RegistrationBody, language: Language): Promise<void> {
    const meeting = await this.opts.pages.meeting(meetingId);
    // Closed first: a form sent from a tab opened while it was open has nothing in it to fix (an old form time, a wrong field).
    // The meeting guard refuses an archived meeting's writes before this; this holds whatever route gets here.
    const state = await this.state(meeting.id);
    if (state === 'archived')
      throw new AppError('MEETING_ARCHIVED', 'This meeting is archived: it is kept as it was and can no longer be changed.', {
        meetingId: meeting.id,
      });
    if (state === 'closed') throw new AppError('REGISTRATION_CLOSED', 'Registration for this meeting is closed.');
    if (body.website) throw refused(REFUSALS.notAccepted, 'website');
    this.checkFormToken(meeting.id, body.formToken);
    // Every wrong field at once, so that a person corrects them in one go; `field` (the first) as every refusal has it.
    const problems = fieldProblems(body);
    const group = body.group;
    if (problems.length || !isStakeholderGroup(group)) {
      const message = problems.map(({ field, reason }) => PROBLEM_MESSAGES[reason].replace('{{field}}', field)).join(' ');
      throw badRequest(message, { field: problems[0]!.field, problems });
    }
    const email = normaliseEmail(body.email);
    const name = body.name.trim();
    const country = body.country.trim();
    this.countDomain(email.slice(email.lastIndexOf('@') + 1));
    const { store } = this.opts;
    try {
      await store.db.transaction(async (tx) => {
        const known = await store.users.byEmail(email, tx);
        if (known) {
          await this.tellAccountExists(known, meeting.title, language, tx);
          return;
        }
        // Registered under an address its person has since changed: nobody to tell at it.
        if (await this.registrations.exists(meeting.id, email, tx)) return;
        const user = await store.users.create(
          {
            email,
            name,
            role: 'observer',
            group,
            region: country,
            affiliation: body.affiliation.trim() || null,
            language,
            passwordHash: '',
            // Registered for a public meeting: they read the public meetings only, not the MAG's.
            publicOnly: true,
          },
          tx,
        );
        await this.registrations.create(
          {
            meetingId: meeting.id,
            userId: user.id,
            name,
            email,
            group,
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
      // The same address sent twice at once: the other request registered it and sent its email.
      if (error instanceof UniqueViolation) return;
      throw error;
    }
  }

  /**
   * The address is already a person's (whatever registered it: this meeting, another, an
   * invitation): they are told so, in their own language and under their own name (never the
   * name typed into the form, which anyone could have written), with the sign-in page's link.
   * Nothing about them changes. A deactivated person gets nothing, as from the outbox anyway. The
   * language: theirs, else the request's (the browser's, as for a password reset).
   */
  private async tellAccountExists(user: User, meetingTitle: string, requested: Language, tx: SqlExecutor): Promise<void> {
    const now = this.now();
    const last = this.accountExistsSent.get(user.id);
    if (user.disabled || (last !== undefined && now - last < ACCOUNT_EXISTS_EVERY_MS)) return;
    for (const [id, at] of this.accountExistsSent) if (now - at >= ACCOUNT_EXISTS_EVERY_MS) this.accountExistsSent.delete(id);
    this.accountExistsSent.set(user.id, now);
    await this.opts.queueEmail(tx, {
      kind: 'account-exists',
      userId: user.id,
      to: user.email,
      name: user.name,
      language: user.language ?? requested,
      url: `${this.opts.origin}/`,
      meetingTitle,
    });
  }

  async list(actor: User, meetingId: string): Promise<RegistrationDto[]> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    return this.registrations.list(meeting.id);
  }

  /** Whether registration is open, and whether the meeting is archived (closed for good), for the secretariat's page. */
  async settings(actor: User, meetingId: string): Promise<RegistrationStatus> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    const state = await this.state(meeting.id);
    return { open: state === 'open', archived: state === 'archived' };
  }

  /** The meeting guard refuses this for an archived meeting (409 MEETING_ARCHIVED) before it runs. */
  async setOpen(actor: User, meetingId: string, open: boolean): Promise<{ open: boolean }> {
    requireSecretariat(actor);
    const meeting = await this.opts.pages.meeting(meetingId);
    await this.opts.store.db.transaction(async (tx) => {
      // Opening what is open (closing what is closed) changes nothing: nothing to record.
      if (!(await this.registrations.setOpen(meeting.id, open, actor.id, tx))) return;
      await this.opts.store.audit.record(
        { actorId: actor.id, action: open ? 'registration.open' : 'registration.close', subject: `meeting:${meeting.id}` },
        tx,
      );
    });
    return { open };
  }
}

function requireSecretariat(actor: User): void {
  if (!isModerator(actor.role)) throw forbidden('Only the secretariat or the chair may see and manage registrations.');
}

/**
 * The registrations as CSV, each field quoted; a leading =, +, - or @ is defused for spreadsheets.
 * In the reader's language like the board's other CSVs: English keeps the machine-friendly column
 * names and the stored codes (`government`), other languages say the columns, the
 * stakeholder group and yes/no in their words. The time stays ISO 8601 (UTC) in every language.
 */
export function registrationsCsv(rows: RegistrationDto[], language: Language = 'en'): string {
  const text = SERVER_TEXT[language];
  const columns = text.registrationsCsv;
  const group = (code: string) => (language === 'en' ? code : stakeholderGroupIn(language, code));
  const cell = (value: string) => `"${(/^[=+\-@]/.test(value) ? `'${value}` : value).replace(/"/g, '""')}"`;
  const header = [
    columns.name,
    columns.email,
    columns.group,
    columns.country,
    columns.affiliation,
    columns.registered,
    columns.confirmed,
  ];
  // English's header stays bare, as before (scripts read it); other languages' words may hold spaces or commas.
  const lines = [language === 'en' ? header.join(',') : header.map(cell).join(',')];
  for (const row of rows) {
    lines.push(
      [
        row.name,
        row.email,
        group(row.group),
        row.country,
        row.affiliation,
        new Date(row.createdAt).toISOString(),
        row.confirmed ? text.csv.yes : text.csv.no,
      ]
        .map(cell)
        .join(','),
    );
  }
  // A byte-order mark, as the poll results' CSV has, so that spreadsheets read the accents and other scripts.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
