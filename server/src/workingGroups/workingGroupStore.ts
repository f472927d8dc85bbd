/**
 * MAG Working Groups of a meeting, SQL only: who is a member, who is nominated for co-facilitator,
 * who the co-facilitators are. The rules, the audit log and the messages live in
 * workingGroupService.ts; writes run through the executor they are given.
 */
import type { StakeholderGroup } from '../../../shared/roles.ts';
import type { WorkingGroupDto } from '../../../shared/schemas/workingGroups.ts';
import { newId } from '../polls/pollStore.ts';
import type { Db, SqlExecutor } from '../storage/db.ts';

export interface WorkingGroup {
  id: string;
  meetingId: string;
  name: string;
  description: string;
}

interface GroupRow {
  id: string;
  meeting_id: string;
  name: string;
  description: string;
}

interface PersonRow {
  group_id: string;
  id: string;
  name: string;
  stakeholder_group: StakeholderGroup;
}

const GROUP_COLUMNS = 'id, meeting_id, name, description';

const toGroup = (row: GroupRow): WorkingGroup => ({
  id: row.id,
  meetingId: row.meeting_id,
  name: row.name,
  description: row.description,
});

export class WorkingGroupStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async insert(
    tx: SqlExecutor,
    input: { meetingId: string; name: string; description: string; position: number },
  ): Promise<WorkingGroup> {
    const group = { id: newId(), meetingId: input.meetingId, name: input.name, description: input.description };
    await tx.run('INSERT INTO working_groups (id, meeting_id, name, description, position, created_at) VALUES (?, ?, ?, ?, ?, ?)', [
      group.id,
      group.meetingId,
      group.name,
      group.description,
      input.position,
      Date.now(),
    ]);
    return group;
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
    const added = await tx.run('INSERT INTO working_group_members (group_id, user_id, joined_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING', [
      groupId,
      userId,
      Date.now(),
    ]);
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
    return Boolean(await tx.get('SELECT 1 AS yes FROM working_group_members WHERE group_id = ? AND user_id = ?', [groupId, userId]));
  }

  /** Records a nomination; false when the member was nominated already. */
  async addNomination(tx: SqlExecutor, groupId: string, nomineeId: string, byId: string): Promise<boolean> {
    const added = await tx.run(
      'INSERT INTO working_group_nominations (group_id, nominee_id, nominated_by, created_at) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
      [groupId, nomineeId, byId, Date.now()],
    );
    return added.changes > 0;
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
    const removed = await tx.run('DELETE FROM working_group_nominations WHERE group_id = ? AND nominee_id = ?', [groupId, nomineeId]);
    return removed.changes > 0;
  }

  /** Nominees, for an election's ballot. */
  async nominees(groupId: string): Promise<{ id: string; name: string }[]> {
    return this.db.all<{ id: string; name: string }>(
      `SELECT u.id, u.name FROM working_group_nominations n JOIN users u ON u.id = n.nominee_id
       WHERE n.group_id = ? ORDER BY n.created_at, u.id`,
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
    const removed = await tx.run('DELETE FROM working_group_cofacilitators WHERE group_id = ? AND user_id = ?', [groupId, userId]);
    return removed.changes > 0;
  }

  /** Builds the JSON of each group with four queries, whatever the number of groups. */
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
    const elections = await this.db.all<{ group_id: string; id: string }>(
      `SELECT p.working_group_id AS group_id, p.id FROM polls p JOIN working_groups g ON g.id = p.working_group_id
       WHERE ${where} ORDER BY p.created_at, p.id`,
      params,
    );
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
    }));
  }
}
