/** Users: identity, role and stakeholder group. Emails are stored lower-cased and are unique. */
import { randomUUID } from 'node:crypto';
import { isLanguage, type Language } from '../../../shared/i18n/languages.ts';
import type { Role, StakeholderGroup } from '../../../shared/roles.ts';
import type { UserStatus } from '../../../shared/schemas/users.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';
import { updateIfChanged } from '../storage/updateIfChanged.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string | null;
  affiliation: string | null;
  /** One of the six UN languages, or null when the person never chose (then the browser's languages decide). */
  language: Language | null;
  /** Derived: `disabled` wins over the stored invited/active state. */
  status: UserStatus;
  disabled: boolean;
  /** Never accepted their invitation (no password yet), deactivated or not: `status` says `deactivated` then. */
  invitationPending: boolean;
  /**
   * Their only access is a registration for a public meeting: they read only public meetings
   * (canReadMeeting, meetings/meetingPolicy.ts). Cleared when the secretariat gives them a role.
   */
  publicOnly: boolean;
  createdAt: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region?: string | null;
  affiliation?: string | null;
  /** Chosen for them (an invitation in their language); null: their browser's languages decide. */
  language?: Language | null;
  /** Empty for an invited person, who sets a password through the invitation. */
  passwordHash: string;
  /** Made by a public registration: reads only public meetings until the secretariat gives a role. */
  publicOnly?: boolean;
}

/** What the secretariat may change about a person (besides deactivation). */
export interface UserChanges {
  name?: string;
  role?: Role;
  group?: StakeholderGroup;
  region?: string | null;
  affiliation?: string | null;
  language?: Language | null;
  /** `false` lifts a public registrant's limit (a change of role does too). */
  publicOnly?: false;
}

export interface UserFilter {
  q?: string | undefined;
  role?: Role | undefined;
  group?: StakeholderGroup | undefined;
  status?: UserStatus | undefined;
  /** `none`: people whose language was never chosen (their browser decides). */
  language?: Language | 'none' | undefined;
}

/** A users row as selected with USER_COLUMNS. */
export interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  stakeholder_group: StakeholderGroup;
  region: string | null;
  affiliation: string | null;
  language: string | null;
  status: string;
  disabled: number;
  created_at: number;
  password_hash: string;
  public_only: number;
}

const COLUMNS =
  'id, email, name, role, stakeholder_group, region, affiliation, language, status, disabled, created_at, password_hash, public_only';

/** The columns toUser reads, for a statement that joins users with another table (aliased `u`). */
export const USER_COLUMNS = COLUMNS.split(', ')
  .map((column) => `u.${column}`)
  .join(', ');

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    group: row.stakeholder_group,
    region: row.region,
    affiliation: row.affiliation ?? null,
    language: isLanguage(row.language) ? row.language : null,
    status: Number(row.disabled) === 1 ? 'deactivated' : row.status === 'invited' ? 'invited' : 'active',
    disabled: Number(row.disabled) === 1,
    invitationPending: row.status === 'invited',
    publicOnly: Number(row.public_only) === 1,
    createdAt: Number(row.created_at),
  };
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export class UserStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  /** Inserts a user; throws UniqueViolation for a duplicate email. Pass `tx` to take part in a transaction. */
  async create(input: NewUser, tx: SqlExecutor = this.db): Promise<User> {
    const user: UserRow = {
      id: randomUUID(),
      email: normaliseEmail(input.email),
      name: input.name.trim(),
      role: input.role,
      stakeholder_group: input.group,
      region: input.region ?? null,
      affiliation: input.affiliation ?? null,
      language: input.language ?? null,
      status: input.passwordHash ? 'active' : 'invited',
      disabled: 0,
      created_at: Date.now(),
      password_hash: input.passwordHash,
      public_only: input.publicOnly ? 1 : 0,
    };
    await tx.run(`INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      user.id,
      user.email,
      user.name,
      user.role,
      user.stakeholder_group,
      user.region,
      user.affiliation,
      user.language,
      user.status,
      user.disabled,
      user.created_at,
      user.password_hash,
      user.public_only,
    ]);
    return toUser(user);
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<User | undefined> {
    const row = await tx.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  async byEmail(email: string, tx: SqlExecutor = this.db): Promise<User | undefined> {
    const row = await tx.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [normaliseEmail(email)]);
    return row && toUser(row);
  }

  /**
   * The user and their password hash, for signing in. An invited person has no password yet:
   * absent here, so that signing in as them looks exactly like an unknown email.
   */
  async credentialsByEmail(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [normaliseEmail(email)]);
    return row?.password_hash ? { user: toUser(row), passwordHash: row.password_hash } : undefined;
  }

  /** The password hash of a user ('' while invited). */
  async passwordHashOf(id: string, tx: SqlExecutor = this.db): Promise<string | undefined> {
    return (await tx.get<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', [id]))?.password_hash;
  }

  async list(filter: UserFilter = {}): Promise<User[]> {
    const where: string[] = [];
    const params: string[] = [];
    if (filter.q?.trim()) {
      for (const word of filter.q.trim().toLowerCase().split(/\s+/)) {
        const like = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
        where.push(
          `(LOWER(name) LIKE ? ESCAPE '\\' OR email LIKE ? ESCAPE '\\' OR LOWER(COALESCE(region, '')) LIKE ? ESCAPE '\\' OR LOWER(COALESCE(affiliation, '')) LIKE ? ESCAPE '\\')`,
        );
        params.push(like, like, like, like);
      }
    }
    if (filter.role) {
      where.push('role = ?');
      params.push(filter.role);
    }
    if (filter.group) {
      where.push('stakeholder_group = ?');
      params.push(filter.group);
    }
    if (filter.status === 'deactivated') where.push('disabled = 1');
    else if (filter.status) {
      where.push('disabled = 0 AND status = ?');
      params.push(filter.status);
    }
    if (filter.language === 'none') where.push('language IS NULL');
    else if (filter.language) {
      where.push('language = ?');
      params.push(filter.language);
    }
    const rows = await this.db.all<UserRow>(
      `SELECT ${COLUMNS} FROM users ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY name, id`,
      params,
    );
    return rows.map(toUser);
  }

  /**
   * Changes the given fields; the rest stay. True when one of them differed: fields given as they are
   * touch no row (the condition is the UPDATE's, so two identical requests at once change it once).
   */
  async update(id: string, changes: UserChanges, tx: SqlExecutor = this.db): Promise<boolean> {
    // A public registrant given another role, or whose limit is lifted, reads like anyone of their role.
    // This runs first, against the role as it was; the fields' own change follows.
    const lifted =
      changes.publicOnly === false
        ? (await tx.run('UPDATE users SET public_only = 0 WHERE id = ? AND public_only <> 0', [id])).changes === 1
        : changes.role !== undefined &&
          (
            await tx.run('UPDATE users SET public_only = 0 WHERE id = ? AND public_only <> 0 AND role IS DISTINCT FROM ?', [
              id,
              changes.role,
            ])
          ).changes === 1;
    const changed = await updateIfChanged(
      tx,
      'users',
      { id },
      {
        name: changes.name,
        role: changes.role,
        stakeholder_group: changes.group,
        region: changes.region,
        affiliation: changes.affiliation,
        language: changes.language,
      },
    );
    return lifted || changed;
  }

  /** Sets the password; an invited person becomes active. */
  async setPassword(id: string, passwordHash: string, tx: SqlExecutor = this.db): Promise<boolean> {
    return (await tx.run(`UPDATE users SET password_hash = ?, status = 'active' WHERE id = ?`, [passwordHash, id])).changes === 1;
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
    return Number(row?.n ?? 0);
  }

  async setRole(id: string, role: Role, tx: SqlExecutor = this.db): Promise<boolean> {
    // As update: another role lifts a public registrant's limit (the CASE reads the role before this change).
    const sql =
      'UPDATE users SET role = ?, public_only = CASE WHEN role IS DISTINCT FROM ? THEN 0 ELSE public_only END WHERE id = ?';
    return (await tx.run(sql, [role, role, id])).changes === 1;
  }

  /**
   * Deactivates or reactivates; true only when the account was not so already. The condition is the
   * UPDATE's, so two identical requests at the same moment change it (and are recorded) once.
   */
  async changeDisabled(id: string, disabled: boolean, tx: SqlExecutor = this.db): Promise<boolean> {
    const flag = disabled ? 1 : 0;
    return (await tx.run('UPDATE users SET disabled = ? WHERE id = ? AND disabled <> ?', [flag, id, flag])).changes === 1;
  }

  async setDisabled(id: string, disabled: boolean, tx: SqlExecutor = this.db): Promise<boolean> {
    return (await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, id])).changes === 1;
  }
}
