/**
 * MAG Working Groups of a meeting, SQL only: the groups and sub-groups, who is a member, who is
 * nominated for co-facilitator, who holds a named role (co-facilitators, liaisons). The rules, the audit log and the messages live in
 * workingGroupService.ts; writes run through the executor they are given.
 */
import type { ElectionRole } from '../../../shared/constants/workingGroups.ts';
import { nameKey } from '../../../shared/normalizeName.ts';
import type { StakeholderGroup } from '../../../shared/roles.ts';
import type { WorkingGroupDto, WorkingGroupRole } from '../../../shared/schemas/workingGroups.ts';
import { newId } from '../polls/pollStore.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface WorkingGroup {
  id: string;
  meetingId: string;
  name: string;
  description: string;
  parentId: string | null;
  archivedAt: number | null;
}

interface GroupRow {
  id: string;
  meeting_id: string;
  name: string;
  description: string;
  parent_id: string | null;
  archived_at: number | null;
}

interface PersonRow {
  group_id: string;
  id: string;
  name: string;
  stakeholder_group: StakeholderGroup;
}

const GROUP_COLUMNS = 'id, meeting_id, name, description, parent_id, archived_at';

/**
 * Of a nomination `n`: an election of its group has settled it (elected or not). That is a closed
 * election that made a co-facilitator, with the nominee among its candidates, closed after the
 * nomination was made; the client reads the same (`Nominations` in WorkingGroupCard.tsx). A
 * settled nomination is history: it is not on the next ballot, and the member may be nominated again.
 */
const SETTLED = `EXISTS (SELECT 1 FROM polls p
  JOIN poll_options o ON o.poll_id = p.id AND o.user_id = n.nominee_id
  JOIN working_group_cofacilitators c ON c.group_id = n.group_id AND c.poll_id = p.id
  WHERE p.working_group_id = n.group_id AND p.status = 'closed' AND p.closed_at >= n.created_at)`;

const toGroup = (row: GroupRow): WorkingGroup => ({
  id: row.id,
  meetingId: row.meeting_id,
  name: row.name,
  description: row.description,
  parentId: row.parent_id,
  archivedAt: row.archived_at === null ? null : Number(row.archived_at),
});

export class WorkingGroupStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async insert(
    tx: SqlExecutor,
    input: { meetingId: string; name: string; description: string; position: number; parentId?: string | null },
  ): Promise<WorkingGroup> {
    const group: WorkingGroup = {
      id: newId(),
      meetingId: input.meetingId,
      name: input.name,
      description: input.description,
      parentId: input.parentId ?? null,
      archivedAt: null,
    };
    await tx.run(
      'INSERT INTO working_groups (id, meeting_id, name, description, position, created_at, parent_id) VALUES (?, ?, ?, ?, ?, ?, ?)',
      [group.id, group.meetingId, group.name, group.description, input.position, Date.now(), group.parentId],
    );
    return group;
  }

  /** The position after every group of the meeting: a new group is listed last. */
  async nextPosition(tx: SqlExecutor, meetingId: string): Promise<number> {
    const row = await tx.get<{ top: number | null }>('SELECT MAX(position) AS top FROM working_groups WHERE meeting_id = ?', [
      meetingId,
    ]);
    return row?.top === null || row?.top === undefined ? 0 : Number(row.top) + 1;
  }

  /**
   * The name of another group of the meeting that has this name as it looks, if any: case, letter width and spacing
   * aside (`nameKey`). Compared here rather than by the database's LOWER(), which folds ASCII only
   * on SQLite and knows no NFKC on either store; a meeting has a few dozen groups at most. A name
   * stored before names were written normal (migration 255 left it where it had a twin) counts too.
   */
  async nameTaken(tx: SqlExecutor, meetingId: string, name: string, exceptId: string | null): Promise<string | undefined> {
    const rows = await tx.all<{ name: string }>('SELECT name FROM working_groups WHERE meeting_id = ? AND id <> ? ORDER BY id', [
      meetingId,
      exceptId ?? '',
    ]);
    const key = nameKey(name);
    // The other group's name as it is stored: the refusal names the group it collides with.
    return rows.find((row) => nameKey(row.name) === key)?.name;
  }

  async update(
    tx: SqlExecutor,
    id: string,
    change: { name?: string | undefined; description?: string | undefined },
  ): Promise<boolean> {
    // Whether anything changed: a name or description given as it is touches no row (the condition
    // is the UPDATE's, so two identical requests at once change it once).
    let changed = false;
    if (change.name !== undefined)
      changed =
        (await tx.run('UPDATE working_groups SET name = ? WHERE id = ? AND name <> ?', [change.name, id, change.name])).changes >
          0 || changed;
    if (change.description !== undefined)
      changed =
        (
          await tx.run('UPDATE working_groups SET description = ? WHERE id = ? AND description <> ?', [
            change.description,
            id,
            change.description,
          ])
        ).changes > 0 || changed;
    return changed;
  }

  /** Archives the group and its sub-groups not archived yet; returns the ids archived now. */
  async archive(tx: SqlExecutor, id: string, at: number): Promise<string[]> {
    const ids = (
      await tx.all<{ id: string }>(
        'SELECT id FROM working_groups WHERE (id = ? OR parent_id = ?) AND archived_at IS NULL ORDER BY id',
        [id, id],
      )
    ).map((row) => row.id);
    await tx.run('UPDATE working_groups SET archived_at = ? WHERE (id = ? OR parent_id = ?) AND archived_at IS NULL', [
      at,
      id,
      id,
    ]);
    return ids;
  }

  async byId(id: string, tx: SqlExecutor = this.db): Promise<WorkingGroup | undefined> {
    const row = await tx.get<GroupRow>(`SELECT ${GROUP_COLUMNS} FROM working_groups WHERE id = ?`, [id]);
    return row && toGroup(row);
  }

  /** The meeting of the group, if it exists. */
  async meetingOf(id: string): Promise<string | undefined> {
    return (await this.byId(id))?.meetingId;
  }

  async listByMeeting(meetingId: string): Promise<WorkingGroupDto[]> {
    const rows = await this.db.all<GroupRow>(
      `SELECT ${GROUP_COLUMNS} FROM working_groups WHERE meeting_id = ? ORDER BY position, name`,
      [meetingId],
    );
    return this.views(rows.map(toGroup), 'g.meeting_id = ?', [meetingId]);
  }

  async view(id: string): Promise<WorkingGroupDto | undefined> {
    const group = await this.byId(id);
    if (!group) return undefined;
    return (await this.views([group], 'g.id = ?', [id]))[0];
  }

  /** Adds `userId` to the group; false when they were a member already. */
  async addMember(tx: SqlExecutor, groupId: string, userId: string): Promise<boolean> {
    const added = await tx.run(
      'INSERT INTO working_group_members (group_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
      [groupId, userId, Date.now()],
    );
    return added.changes > 0;
  }

  /** Removes `userId` from the group, and their nomination with it; false when they were not a member. */
  async removeMember(tx: SqlExecutor, groupId: string, userId: string): Promise<boolean> {
    const removed = await tx.run('DELETE FROM working_group_members WHERE group_id = ? AND user_id = ?', [groupId, userId]);
    if (removed.changes === 0) return false;
    await tx.run('DELETE FROM working_group_nominations WHERE group_id = ? AND nominee_id = ?', [groupId, userId]);
    return true;
  }

  async isMember(tx: SqlExecutor, groupId: string, userId: string): Promise<boolean> {
    return Boolean(
      await tx.get('SELECT 1 AS yes FROM working_group_members WHERE group_id = ? AND user_id = ?', [groupId, userId]),
    );
  }

  /** Records a nomination; false when the member was nominated already. */
  async addNomination(tx: SqlExecutor, groupId: string, nomineeId: string, byId: string): Promise<boolean> {
    const added = await tx.run(
      'INSERT INTO working_group_nominations (group_id, nominee_id, nominated_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [groupId, nomineeId, byId, Date.now()],
    );
    return added.changes > 0;
  }

  /**
   * Nominates again a member whose nomination an election has settled (see SETTLED): the
   * nomination is made afresh, by `byId`, now; false when there is none or it is still open.
   */
  async renewSettledNomination(tx: SqlExecutor, groupId: string, nomineeId: string, byId: string): Promise<boolean> {
    const renewed = await tx.run(
      `UPDATE working_group_nominations AS n SET nominated_by = ?, created_at = ?
       WHERE n.group_id = ? AND n.nominee_id = ? AND ${SETTLED}`,
      [byId, Date.now(), groupId, nomineeId],
    );
    return renewed.changes > 0;
  }

  /** The nomination of `nomineeId`, if any. */
  async nomination(groupId: string, nomineeId: string): Promise<{ nominatedBy: string } | undefined> {
    const row = await this.db.get<{ nominated_by: string }>(
      'SELECT nominated_by FROM working_group_nominations WHERE group_id = ? AND nominee_id = ?',
      [groupId, nomineeId],
    );
    return row && { nominatedBy: row.nominated_by };
  }

  async deleteNomination(tx: SqlExecutor, groupId: string, nomineeId: string): Promise<boolean> {
    const removed = await tx.run('DELETE FROM working_group_nominations WHERE group_id = ? AND nominee_id = ?', [
      groupId,
      nomineeId,
    ]);
    return removed.changes > 0;
  }

  /** Whether one of the group's elections is open (its ballot is fixed until it closes). */
  async hasOpenElection(tx: SqlExecutor, groupId: string): Promise<boolean> {
    return Boolean(await tx.get("SELECT 1 AS yes FROM polls WHERE working_group_id = ? AND status = 'open'", [groupId]));
  }

  /** The roles the group's open elections fill (co-facilitator for an election with no record). */
  async openElectionRoles(tx: SqlExecutor, groupId: string): Promise<ElectionRole[]> {
    const rows = await tx.all<{ role: WorkingGroupRole | null; title: string | null }>(
      `SELECT e.role, e.title FROM polls p LEFT JOIN working_group_elections e ON e.poll_id = p.id
       WHERE p.working_group_id = ? AND p.status = 'open'`,
      [groupId],
    );
    return rows.map((row) => ({ role: row.role ?? 'co-facilitator', title: row.title ?? '' }));
  }

  /**
   * Holds the group's row until the transaction ends (PostgreSQL; SQLite writes one transaction at
   * a time already): an election opening and a nomination, withdrawal, appointment or leaving
   * made at the same moment take turns, so that each sees what the other committed.
   */
  async lockGroup(tx: SqlExecutor, groupId: string): Promise<void> {
    if (this.db.dialect === 'postgres') await tx.get('SELECT id FROM working_groups WHERE id = ? FOR UPDATE', [groupId]);
  }

  /** Whether `userId` is a candidate on the ballot of one of the group's open elections. */
  async onOpenBallot(tx: SqlExecutor, groupId: string, userId: string): Promise<boolean> {
    return Boolean(
      await tx.get(
        `SELECT 1 AS yes FROM polls p JOIN poll_options o ON o.poll_id = p.id
         WHERE p.working_group_id = ? AND p.status = 'open' AND o.user_id = ?`,
        [groupId, userId],
      ),
    );
  }

  /** Nominees whose nomination is open (no election settled it), for an election's ballot. */
  async nominees(groupId: string, tx: SqlExecutor = this.db): Promise<{ id: string; name: string }[]> {
    return tx.all<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM working_group_nominations n JOIN users u ON u.id = n.nominee_id
       WHERE n.group_id = ? AND NOT ${SETTLED} ORDER BY n.created_at, u.id`,
      [groupId],
    );
  }

  /** Records a co-facilitator (elected by `pollId`, or appointed when it is null); false when they were one already. */
  async addCoFacilitator(tx: SqlExecutor, groupId: string, userId: string, pollId: string | null): Promise<boolean> {
    const added = await tx.run(
      'INSERT INTO working_group_cofacilitators (group_id, user_id, poll_id, since) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [groupId, userId, pollId, Date.now()],
    );
    return added.changes > 0;
  }

  async removeCoFacilitator(tx: SqlExecutor, groupId: string, userId: string): Promise<boolean> {
    const removed = await tx.run('DELETE FROM working_group_cofacilitators WHERE group_id = ? AND user_id = ?', [
      groupId,
      userId,
    ]);
    return removed.changes > 0;
  }

  /** The liaison titles `userId` holds in the group, oldest first. */
  async liaisonTitles(tx: SqlExecutor, groupId: string, userId: string): Promise<string[]> {
    const rows = await tx.all<{ title: string }>(
      'SELECT title FROM working_group_liaisons WHERE group_id = ? AND user_id = ? ORDER BY since, title',
      [groupId, userId],
    );
    return rows.map((row) => row.title);
  }

  /**
   * The title `userId` holds in the group that the database reads as `title` (the key of the
   * index `working_group_liaisons_title_once`, migration 253), or undefined. PostgreSQL's lower()
   * follows the database's LC_CTYPE, so it may fold two titles `sameLiaisonTitle` keeps apart
   * ("İGF liaison" and "igf liaison" under a UTF-8 locale); asked so that they are not written twice.
   */
  async liaisonTitleAlike(tx: SqlExecutor, groupId: string, userId: string, title: string): Promise<string | undefined> {
    const row = await tx.get<{ title: string }>(
      'SELECT title FROM working_group_liaisons WHERE group_id = ? AND user_id = ? AND lower(trim(title)) = lower(trim(?))',
      [groupId, userId, title],
    );
    return row?.title;
  }

  /**
   * Records one more liaison title of a person (elected by `pollId`, or assigned when it is null).
   * Throws UniqueViolation when they hold it already, case and surrounding spaces aside (migration 253).
   */
  async addLiaison(tx: SqlExecutor, groupId: string, userId: string, title: string, pollId: string | null): Promise<void> {
    await tx.run('INSERT INTO working_group_liaisons (group_id, user_id, title, poll_id, since) VALUES (?, ?, ?, ?, ?)', [
      groupId,
      userId,
      title,
      pollId,
      Date.now(),
    ]);
  }

  /** Writes a title they hold (`held`) as `title`: the same title in other case, now elected or assigned again. */
  async retitleLiaison(
    tx: SqlExecutor,
    groupId: string,
    userId: string,
    held: string,
    title: string,
    pollId: string | null,
  ): Promise<void> {
    await tx.run('UPDATE working_group_liaisons SET title = ?, poll_id = ? WHERE group_id = ? AND user_id = ? AND title = ?', [
      title,
      pollId,
      groupId,
      userId,
      held,
    ]);
  }

  async removeLiaison(tx: SqlExecutor, groupId: string, userId: string, title: string): Promise<boolean> {
    const removed = await tx.run('DELETE FROM working_group_liaisons WHERE group_id = ? AND user_id = ? AND title = ?', [
      groupId,
      userId,
      title,
    ]);
    return removed.changes > 0;
  }

  /** Records which role an election fills (co-facilitator when there is no record). */
  async recordElectionRole(tx: SqlExecutor, pollId: string, role: ElectionRole): Promise<void> {
    await tx.run('INSERT INTO working_group_elections (poll_id, role, title) VALUES (?, ?, ?)', [pollId, role.role, role.title]);
  }

  async electionRole(tx: SqlExecutor, pollId: string): Promise<ElectionRole> {
    const row = await tx.get<{ role: WorkingGroupRole; title: string }>(
      'SELECT role, title FROM working_group_elections WHERE poll_id = ?',
      [pollId],
    );
    return row ?? { role: 'co-facilitator', title: '' };
  }

  /** Builds the JSON of each group with five queries, whatever the number of groups. */
  private async views(groups: WorkingGroup[], where: string, params: string[]): Promise<WorkingGroupDto[]> {
    if (groups.length === 0) return [];
    const members = await this.db.all<PersonRow & { joined_at: number }>(
      `SELECT m.group_id, u.id, u.name, u.stakeholder_group, m.joined_at
       FROM working_group_members m JOIN working_groups g ON g.id = m.group_id JOIN users u ON u.id = m.user_id
       WHERE ${where} ORDER BY u.name, u.id`,
      params,
    );
    const facilitators = await this.db.all<PersonRow & { since: number; poll_id: string | null }>(
      `SELECT c.group_id, u.id, u.name, u.stakeholder_group, c.since, c.poll_id
       FROM working_group_cofacilitators c JOIN working_groups g ON g.id = c.group_id JOIN users u ON u.id = c.user_id
       WHERE ${where} ORDER BY c.since, u.name`,
      params,
    );
    const nominations = await this.db.all<PersonRow & { by_id: string; by_name: string; created_at: number }>(
      `SELECT n.group_id, u.id, u.name, u.stakeholder_group, b.id AS by_id, b.name AS by_name, n.created_at
       FROM working_group_nominations n JOIN working_groups g ON g.id = n.group_id
         JOIN users u ON u.id = n.nominee_id JOIN users b ON b.id = n.nominated_by
       WHERE ${where} ORDER BY n.created_at, u.name`,
      params,
    );
    const elections = await this.db.all<{ group_id: string; id: string; role: WorkingGroupRole | null; title: string | null }>(
      `SELECT p.working_group_id AS group_id, p.id, e.role, e.title
       FROM polls p JOIN working_groups g ON g.id = p.working_group_id LEFT JOIN working_group_elections e ON e.poll_id = p.id
       WHERE ${where} ORDER BY p.created_at, p.id`,
      params,
    );
    const liaisons = await this.db.all<PersonRow & { since: number; poll_id: string | null; title: string }>(
      `SELECT l.group_id, u.id, u.name, u.stakeholder_group, l.since, l.poll_id, l.title
       FROM working_group_liaisons l JOIN working_groups g ON g.id = l.group_id JOIN users u ON u.id = l.user_id
       WHERE ${where} ORDER BY l.since, u.name, l.title`,
      params,
    );
    const person = (row: PersonRow & { since: number; poll_id: string | null }) => ({
      id: row.id,
      name: row.name,
      group: row.stakeholder_group,
      since: Number(row.since),
      ...(row.poll_id ? { pollId: row.poll_id } : {}),
    });
    return groups.map((group) => ({
      id: group.id,
      meetingId: group.meetingId,
      name: group.name,
      description: group.description,
      members: members
        .filter((row) => row.group_id === group.id)
        .map((row) => ({ id: row.id, name: row.name, group: row.stakeholder_group, joinedAt: Number(row.joined_at) })),
      coFacilitators: facilitators
        .filter((row) => row.group_id === group.id)
        .map((row) => ({
          id: row.id,
          name: row.name,
          group: row.stakeholder_group,
          since: Number(row.since),
          ...(row.poll_id ? { pollId: row.poll_id } : {}),
        })),
      nominations: nominations
        .filter((row) => row.group_id === group.id)
        .map((row) => ({
          nominee: { id: row.id, name: row.name, group: row.stakeholder_group },
          nominatedBy: { id: row.by_id, name: row.by_name },
          at: Number(row.created_at),
        })),
      elections: elections.filter((row) => row.group_id === group.id).map((row) => row.id),
      electionRoles: elections
        .filter((row) => row.group_id === group.id)
        .map((row) =>
          row.role === 'liaison'
            ? { pollId: row.id, role: 'liaison' as const, title: row.title ?? '' }
            : { pollId: row.id, role: 'co-facilitator' as const },
        ),
      parentId: group.parentId,
      archived: group.archivedAt !== null,
      ...(group.archivedAt !== null ? { archivedAt: group.archivedAt } : {}),
      roles: [
        ...facilitators
          .filter((row) => row.group_id === group.id)
          .map((row) => ({ ...person(row), role: 'co-facilitator' as const })),
        ...liaisons
          .filter((row) => row.group_id === group.id)
          .map((row) => ({ ...person(row), role: 'liaison' as const, title: row.title })),
      ],
    }));
  }
}
