/** Users: identity, role and stakeholder group. Emails are stored lower-cased and are unique. */
import { randomUUID } from 'node:crypto';
import type { Role, StakeholderGroup } from '../../../shared/roles.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string | null;
  disabled: boolean;
  createdAt: number;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region?: string | null;
  passwordHash: string;
}

interface UserRow {
  id: string;
  email: string;
  name: string;
  role: Role;
  stakeholder_group: StakeholderGroup;
  region: string | null;
  disabled: number;
  created_at: number;
  password_hash: string;
}

const COLUMNS = 'id, email, name, role, stakeholder_group, region, disabled, created_at, password_hash';

function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    group: row.stakeholder_group,
    region: row.region,
    disabled: Number(row.disabled) === 1,
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
      disabled: 0,
      created_at: Date.now(),
      password_hash: input.passwordHash,
    };
    await tx.run(`INSERT INTO users (${COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, [
      user.id,
      user.email,
      user.name,
      user.role,
      user.stakeholder_group,
      user.region,
      user.disabled,
      user.created_at,
      user.password_hash,
    ]);
    return toUser(user);
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<User | undefined> {
    const row = await tx.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE id = ?`, [id]);
    return row && toUser(row);
  }

  /** The user and their password hash, for signing in. */
  async credentialsByEmail(email: string): Promise<{ user: User; passwordHash: string } | undefined> {
    const row = await this.db.get<UserRow>(`SELECT ${COLUMNS} FROM users WHERE email = ?`, [normaliseEmail(email)]);
    return row && { user: toUser(row), passwordHash: row.password_hash };
  }

  async list(): Promise<User[]> {
    const rows = await this.db.all<UserRow>(`SELECT ${COLUMNS} FROM users ORDER BY name, id`);
    return rows.map(toUser);
  }

  async count(): Promise<number> {
    const row = await this.db.get<{ n: number }>('SELECT COUNT(*) AS n FROM users');
    return Number(row?.n ?? 0);
  }

  async setRole(id: string, role: Role, tx: SqlExecutor = this.db): Promise<boolean> {
    return (await tx.run('UPDATE users SET role = ? WHERE id = ?', [role, id])).changes === 1;
  }

  async setDisabled(id: string, disabled: boolean, tx: SqlExecutor = this.db): Promise<boolean> {
    return (await tx.run('UPDATE users SET disabled = ? WHERE id = ?', [disabled ? 1 : 0, id])).changes === 1;
  }
}
