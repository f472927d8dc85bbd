/**
 * People administration (the secretariat) and one's own account (everyone): the rules, the
 * transactions and the audit rows. Routes and the admin CLI both come through here. Methods
 * that end sessions or change rights return the ids of the people concerned: the caller tells
 * the running servers (onUserChanged), after the commit, so their sockets are re-checked.
 */

import type { Language } from '../../../shared/i18n/languages.ts';
import type { ImportRow, NewUserBody, UserListQuery, UserPatch } from '../../../shared/schemas/users.ts';
import { hashPassword, verifyPassword } from '../auth/passwords.ts';
import { AppError, badRequest, notFound } from '../http/appError.ts';
import type { SqlExecutor } from '../storage/db.ts';
import { UniqueViolation } from '../storage/db.ts';
import type { Store } from '../storage/store.ts';
import { writeImport } from './importWrite.ts';
import { InvitationStore, invitationOpen, PasswordResetStore } from './invitationStore.ts';
import { assertMayManagePeople, assertNotOwnLockout } from './peoplePolicy.ts';
import { ImportFileError, type PlannedRow, planImport } from './userImport.ts';
import { normaliseEmail, type User, type UserChanges } from './userStore.ts';

/** What an account email (an invitation, a password reset) needs; written in the link's own transaction. */
export interface AccountMessage {
  kind: 'invitation' | 'password-reset';
  userId: string;
  email: string;
  name: string;
  url: string;
  expiresAt: number;
  /** The person's language if known, else the inviter's or the asking browser's (else English). */
  language: Language;
}

/**
 * Where an account email is queued, through `tx`, so that the mail leaves only if the link is
 * committed: the app plugs in the notifications outbox. Without it (the admin CLI) nothing is
 * sent and the secretariat copies invitation links.
 */
export type QueueAccountEmail = (message: AccountMessage, tx: SqlExecutor) => Promise<void>;
export const noAccountEmail: QueueAccountEmail = async () => {};

export interface PeopleServiceOptions {
  /** The origin people open the board at; invitation links start with it. */
  publicOrigin: string;
  queueAccountEmail?: QueueAccountEmail;
}

export interface IssuedInvitation {
  url: string;
  expiresAt: number;
}

export class PeopleService {
  readonly invitations: InvitationStore;
  private readonly store: Store;
  private readonly publicOrigin: string;
  private readonly queueAccountEmail: QueueAccountEmail;
  readonly resets: PasswordResetStore;

  constructor(store: Store, options: PeopleServiceOptions) {
    this.store = store;
    this.invitations = new InvitationStore(store.db);
    this.publicOrigin = options.publicOrigin.replace(/\/$/, '');
    this.queueAccountEmail = options.queueAccountEmail ?? noAccountEmail;
    this.resets = new PasswordResetStore(store.db);
  }

  async list(actor: User, filter: UserListQuery): Promise<User[]> {
    assertMayManagePeople(actor);
    return this.store.users.list(filter);
  }

  /** Creates a person without a password and an invitation to set one. */
  async invite(actor: User, body: NewUserBody): Promise<{ user: User; invitation: IssuedInvitation }> {
    assertMayManagePeople(actor);
    const email = normaliseEmail(body.email);
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw badRequest('The email is not a valid address.', { field: 'email' });
    try {
      return await this.store.db.transaction(async (tx) => {
        const user = await this.store.users.create(
          {
            email,
            name: body.name.trim(),
            role: body.role,
            group: body.group,
            region: clean(body.region),
            affiliation: clean(body.affiliation),
            language: body.language ?? null,
            passwordHash: '',
          },
          tx,
        );
        const invitation = await this.issueInvitation(user, actor, tx);
        await this.store.audit.record(
          {
            actorId: actor.id,
            action: 'user.invite',
            subject: `user:${user.id}`,
            detail: { role: user.role, group: user.group },
          },
          tx,
        );
        return { user, invitation };
      });
    } catch (error) {
      if (error instanceof UniqueViolation)
        throw new AppError('EMAIL_TAKEN', `Someone with the email ${email} is already on the board.`, { field: 'email' });
      throw error;
    }
  }

  /** A new link for someone who has not set a password yet (the old link stops working). */
  async reinvite(actor: User, id: string): Promise<IssuedInvitation> {
    assertMayManagePeople(actor);
    return this.store.db.transaction(async (tx) => {
      const user = await this.store.users.byId(id, tx);
      if (!user) throw notFound('The person');
      if (user.status !== 'invited')
        throw new AppError('CONFLICT', 'Only a person who has not yet set a password can be invited again.');
      const invitation = await this.issueInvitation(user, actor, tx);
      await this.store.audit.record({ actorId: actor.id, action: 'user.reinvite', subject: `user:${user.id}` }, tx);
      return invitation;
    });
  }

  async update(actor: User, id: string, patch: UserPatch): Promise<User> {
    assertMayManagePeople(actor);
    const { disabled, ...fields } = patch;
    assertNotOwnLockout(actor, id, { role: fields.role, deactivate: disabled === true });
    const changes: UserChanges = {
      ...(fields.name !== undefined ? { name: fields.name.trim() } : {}),
      ...(fields.role !== undefined ? { role: fields.role } : {}),
      ...(fields.group !== undefined ? { group: fields.group } : {}),
      ...(fields.region !== undefined ? { region: clean(fields.region) } : {}),
      ...(fields.affiliation !== undefined ? { affiliation: clean(fields.affiliation) } : {}),
      ...(fields.language !== undefined ? { language: fields.language } : {}),
      ...(fields.publicOnly === false ? { publicOnly: false as const } : {}),
    };
    if (changes.name === '') throw badRequest('The name cannot be empty.', { field: 'name' });
    return this.store.db.transaction(async (tx) => {
      const user = await this.store.users.byId(id, tx);
      if (!user) throw notFound('The person');
      const changed = await this.store.users.update(id, changes, tx);
      const activeChanged = disabled !== undefined && (await this.setActive(id, !disabled, tx));
      // Every field as it was (a form saved unchanged, two tabs): answered, nothing recorded.
      if (changed || activeChanged)
        await this.store.audit.record(
          {
            actorId: actor.id,
            action: 'user.change',
            subject: `user:${id}`,
            detail: {
              from: pick(user, [...changedKeys(changes), ...(disabled !== undefined ? (['disabled'] as const) : [])]),
              to: patch,
            },
          },
          tx,
        );
      return (await this.store.users.byId(id, tx))!;
    });
  }

  /** Ends the person's sessions; their record and authorship stay. */
  async deactivate(actor: User, id: string): Promise<User> {
    assertMayManagePeople(actor);
    assertNotOwnLockout(actor, id, { deactivate: true });
    return this.store.db.transaction(async (tx) => {
      if (!(await this.store.users.byId(id, tx))) throw notFound('The person');
      // Deactivating who is deactivated (a second click, two tabs) changes nothing: nothing recorded.
      if (await this.setActive(id, false, tx))
        await this.store.audit.record({ actorId: actor.id, action: 'user.deactivate', subject: `user:${id}` }, tx);
      return (await this.store.users.byId(id, tx))!;
    });
  }

  async reactivate(actor: User, id: string): Promise<User> {
    assertMayManagePeople(actor);
    return this.store.db.transaction(async (tx) => {
      if (!(await this.store.users.byId(id, tx))) throw notFound('The person');
      if (await this.setActive(id, true, tx))
        await this.store.audit.record({ actorId: actor.id, action: 'user.reactivate', subject: `user:${id}` }, tx);
      return (await this.store.users.byId(id, tx))!;
    });
  }

  /**
   * Imports a CSV (columns email, name, role, group, region, affiliation): new people are
   * invited, known ones updated. All rows or none: with any error row, nothing is written and
   * the rows are the answer.
   */
  async importCsv(actor: User, text: string, dryRun: boolean): Promise<{ ok: boolean; rows: ImportRow[]; changed: string[] }> {
    assertMayManagePeople(actor);
    const mode = { passwords: false, updateExisting: true, actorId: actor.id };
    let planned: PlannedRow[];
    try {
      planned = await planImport(this.store, text, mode);
    } catch (error) {
      if (error instanceof ImportFileError)
        throw new AppError('IMPORT_INVALID', `The file cannot be imported: ${error.message}.`, {
          rows: [],
          reason: error.reason,
          params: error.params,
          // Text that cannot be stored is said as every body's is (`field`), with the line it is on.
          ...(error.reason === 'unstorable-text' ? { field: error.params.column, row: error.params.line } : {}),
        });
      throw error;
    }
    const ok = planned.every((row) => row.outcome !== 'error');
    const answerRow = importRowFor(actor);
    if (dryRun || !ok) return { ok, rows: planned.map(answerRow), changed: [] };
    try {
      return await this.store.db.transaction(async (tx) => {
        // Checked again inside the transaction: someone may have been added since the preview.
        const rows = await planImport(this.store, text, mode, tx);
        if (rows.some((row) => row.outcome === 'error')) return { ok: false, rows: rows.map(answerRow), changed: [] };
        const written = await writeImport(
          this.store,
          rows.map(keepInvitationLanguage(actor)),
          { actorId: actor.id, via: 'api' },
          tx,
        );
        const answer: ImportRow[] = [];
        for (const { row, created } of written.rows)
          answer.push(
            created ? { ...answerRow(row), invitation: await this.issueInvitation(created, actor, tx) } : answerRow(row),
          );
        return { ok: true, rows: answer, changed: written.updated };
      });
    } catch (error) {
      if (error instanceof UniqueViolation)
        throw new AppError('EMAIL_TAKEN', 'Someone in the file was added meanwhile; preview the file again.');
      throw error;
    }
  }

  /** Who an invitation is for, to greet them on the page where they set a password. */
  async invitationInfo(token: string): Promise<{ user: User; expiresAt: number }> {
    const invitation = await this.invitations.byToken(token);
    const user = invitation && (await this.store.users.byId(invitation.userId));
    if (!invitationOpen(invitation) || !user || user.disabled) throw gone();
    return { user, expiresAt: invitation.expiresAt };
  }

  /** Sets the invited person's password, once; the caller opens their session. */
  async acceptInvitation(token: string, password: string): Promise<User> {
    const passwordHash = await hashPassword(password);
    return this.store.db.transaction(async (tx) => {
      const invitation = await this.invitations.byToken(token, tx);
      const user = invitation && (await this.store.users.byId(invitation.userId, tx));
      if (!invitationOpen(invitation) || !user || user.disabled) throw gone();
      if (!(await this.invitations.markUsed(invitation.id, tx))) throw gone();
      await this.store.users.setPassword(user.id, passwordHash, tx);
      await this.store.audit.record({ actorId: user.id, action: 'user.accept-invitation', subject: `user:${user.id}` }, tx);
      return (await this.store.users.byId(user.id, tx))!;
    });
  }

  async updateProfile(
    user: User,
    patch: { name?: string | undefined; affiliation?: string | null | undefined; language?: Language | undefined },
  ): Promise<User> {
    const changes: UserChanges = {
      ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
      ...(patch.affiliation !== undefined ? { affiliation: clean(patch.affiliation) } : {}),
      ...(patch.language !== undefined ? { language: patch.language } : {}),
    };
    if (changes.name === '') throw badRequest('Your name cannot be empty.', { field: 'name' });
    return this.store.db.transaction(async (tx) => {
      // Only when a field differs: one's profile saved as it is records nothing.
      if (await this.store.users.update(user.id, changes, tx)) {
        await this.store.audit.record(
          {
            actorId: user.id,
            action: 'user.profile',
            subject: `user:${user.id}`,
            detail: { from: pick(user, changedKeys(changes)), to: changes },
          },
          tx,
        );
      }
      return (await this.store.users.byId(user.id, tx))!;
    });
  }

  /** Needs the current password; every other session of the person ends. */
  async changePassword(user: User, sessionId: string, currentPassword: string, newPassword: string): Promise<number> {
    const stored = (await this.store.users.passwordHashOf(user.id)) ?? '';
    if (!(await verifyPassword(currentPassword, stored))) {
      throw new AppError('WRONG_PASSWORD', 'The current password is not correct.', { field: 'currentPassword' });
    }
    if (newPassword === currentPassword) {
      throw new AppError('WEAK_PASSWORD', 'The new password must differ from the current one.', { field: 'newPassword' });
    }
    const passwordHash = await hashPassword(newPassword);
    return this.store.db.transaction(async (tx) => {
      await this.store.users.setPassword(user.id, passwordHash, tx);
      const ended = await this.store.sessions.revokeOthersOf(user.id, sessionId, tx);
      await this.store.audit.record(
        { actorId: user.id, action: 'user.password', subject: `user:${user.id}`, detail: { sessionsEnded: ended } },
        tx,
      );
      return ended;
    });
  }

  /**
   * Emails a one-time link to set a new password, if `email` belongs to an active person; says
   * nothing either way (the caller answers the same whoever asks). A new link replaces older ones.
   */
  async requestPasswordReset(email: string, language: Language): Promise<void> {
    const user = await this.store.users.byEmail(normaliseEmail(email));
    // Deactivated people get nothing; invited ones still have their invitation (the secretariat can renew it).
    if (!user || user.disabled || user.status !== 'active') return;
    await this.store.db.transaction(async (tx) => {
      const { token, invitation: link } = await this.resets.create(user.id, null, tx);
      await this.queueAccountEmail(
        {
          kind: 'password-reset',
          userId: user.id,
          email: user.email,
          name: user.name,
          url: `${this.publicOrigin}/password-reset/${token}`,
          expiresAt: link.expiresAt,
          language: user.language ?? language,
        },
        tx,
      );
      await this.store.audit.record({ actorId: null, action: 'user.password-reset-request', subject: `user:${user.id}` }, tx);
    });
  }

  /** Sets the password through a reset link (once); every session of the person ends. */
  async resetPassword(token: string, password: string): Promise<{ user: User; sessionsEnded: number }> {
    const passwordHash = await hashPassword(password);
    return this.store.db.transaction(async (tx) => {
      const link = await this.resets.byToken(token, tx);
      const user = link && (await this.store.users.byId(link.userId, tx));
      if (!invitationOpen(link) || !user || user.disabled) throw resetGone();
      if (!(await this.resets.markUsed(link.id, tx))) throw resetGone();
      await this.store.users.setPassword(user.id, passwordHash, tx);
      const sessionsEnded = await this.store.sessions.revokeOthersOf(user.id, null, tx);
      await this.store.audit.record(
        { actorId: user.id, action: 'user.password-reset', subject: `user:${user.id}`, detail: { sessionsEnded } },
        tx,
      );
      return { user, sessionsEnded };
    });
  }

  /** Ends every session of the person, the one asking included. */
  async signOutEverywhere(user: User): Promise<number> {
    return this.store.db.transaction(async (tx) => {
      const ended = await this.store.sessions.revokeOthersOf(user.id, null, tx);
      await this.store.audit.record(
        { actorId: user.id, action: 'auth.logout-everywhere', subject: `user:${user.id}`, detail: { sessionsEnded: ended } },
        tx,
      );
      return ended;
    });
  }

  /** Whether the account changed; a deactivated person's sessions end in any case. */
  private async setActive(id: string, active: boolean, tx: SqlExecutor): Promise<boolean> {
    const changed = await this.store.users.changeDisabled(id, !active, tx);
    if (!active) await this.store.sessions.revokeOthersOf(id, null, tx);
    return changed;
  }

  private async issueInvitation(user: User, actor: User, tx: SqlExecutor): Promise<IssuedInvitation> {
    const { token, invitation } = await this.invitations.create(user.id, actor.id, tx);
    const issued = { url: `${this.publicOrigin}/invitations/${token}`, expiresAt: invitation.expiresAt };
    const language = invitationLanguage(user, actor);
    await this.queueAccountEmail(
      { kind: 'invitation', userId: user.id, email: user.email, name: user.name, ...issued, language },
      tx,
    );
    return issued;
  }
}

const gone = () =>
  new AppError('INVITATION_GONE', 'This invitation link was already used, has expired or was replaced by a newer one.');

const resetGone = () =>
  new AppError('RESET_LINK_GONE', 'This password reset link was already used, has expired or was replaced by a newer one.');

function clean(value: string | null | undefined): string | null {
  return value?.trim() || null;
}

/** The fields of `user` named by `keys`, typed by them (the audit log's labels are checked from the type). */
function pick<K extends keyof User>(user: User, keys: readonly K[]): Partial<Pick<User, K>> {
  return Object.fromEntries(keys.map((key) => [key, user[key]])) as Partial<Pick<User, K>>;
}

/** The fields a change sets, by name. */
const changedKeys = (changes: UserChanges) => Object.keys(changes) as (keyof UserChanges)[];

/**
 * The language an invitation is written in: the one chosen for the person (the form's field, the
 * import's language column), else the inviter's own, else English.
 */
const invitationLanguage = (user: Pick<User, 'language'>, actor: User): Language => user.language ?? actor.language ?? 'en';

/**
 * A new person whose row names no language keeps the one their invitation goes in (the importer's):
 * stored as null, every later email (reminders, notifications) went in English although the
 * invitation had gone in the importer's language.
 */
const keepInvitationLanguage =
  (actor: User) =>
  (row: PlannedRow): PlannedRow =>
    row.person && row.person.language === null && actor.language
      ? { ...row, person: { ...row.person, language: actor.language } }
      : row;

/** A planned row as the API answers it; a new person's row says the language their invitation will be in. */
const importRowFor =
  (actor: User) =>
  (row: PlannedRow): ImportRow => ({
    ...toImportRow(row),
    ...(row.person ? { language: invitationLanguage(row.person, actor) } : {}),
  });

function toImportRow(row: PlannedRow): ImportRow {
  return {
    line: row.line,
    outcome: row.outcome,
    ...(row.email ? { email: row.email } : {}),
    ...(row.name ? { name: row.name } : {}),
    ...(row.problem ? { error: row.problem.message, errorCode: row.problem.code, errorParams: row.problem.params } : {}),
    ...(row.changes && row.changes.length > 0 ? { changes: row.changes } : {}),
  };
}
