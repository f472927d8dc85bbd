/** Schema of polls, ballots, working groups: versions 200–299 (working-group administration from 250). */
import { DEFAULT_LIAISON_TITLE } from '../../../shared/constants/workingGroups.ts';
import { nameKey, normalizeName } from '../../../shared/normalizeName.ts';
import { optionKey } from '../../../shared/pollOptions.ts';
import type { SqlExecutor } from '../storage/db.ts';
import type { Migration } from '../storage/migrations.ts';

export const POLL_MIGRATIONS: Migration[] = [
  {
    version: 200,
    name: 'working groups, polls and ballots',
    statements: [
      `CREATE TABLE working_groups (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        position INTEGER NOT NULL DEFAULT 0,
        created_at BIGINT NOT NULL
      )`,
      `CREATE INDEX working_groups_meeting ON working_groups(meeting_id, position)`,
      `CREATE TABLE working_group_members (
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        joined_at BIGINT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      )`,
      `CREATE TABLE working_group_nominations (
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        nominee_id TEXT NOT NULL REFERENCES users(id),
        nominated_by TEXT NOT NULL REFERENCES users(id),
        created_at BIGINT NOT NULL,
        PRIMARY KEY (group_id, nominee_id)
      )`,
      `CREATE TABLE working_group_cofacilitators (
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        poll_id TEXT,
        since BIGINT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      )`,
      `CREATE TABLE polls (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        question TEXT NOT NULL,
        kind TEXT NOT NULL,
        audience TEXT NOT NULL,
        secret INTEGER NOT NULL DEFAULT 0,
        results TEXT NOT NULL DEFAULT 'live',
        max_choices INTEGER,
        seats INTEGER NOT NULL DEFAULT 1,
        working_group_id TEXT REFERENCES working_groups(id),
        status TEXT NOT NULL DEFAULT 'draft',
        ballot_key TEXT,
        created_by TEXT REFERENCES users(id),
        created_at BIGINT NOT NULL,
        opened_at BIGINT,
        closed_at BIGINT
      )`,
      `CREATE INDEX polls_meeting ON polls(meeting_id, created_at)`,
      `CREATE TABLE poll_options (
        id TEXT PRIMARY KEY,
        poll_id TEXT NOT NULL REFERENCES polls(id),
        position INTEGER NOT NULL,
        label TEXT NOT NULL,
        user_id TEXT REFERENCES users(id),
        UNIQUE (poll_id, position)
      )`,
      // One ballot per (poll, voter): the primary key. For a named poll voter_key is the user id
      // and voter_id repeats it; for a secret poll voter_key is an HMAC of the user id under the
      // poll's ballot_key (deleted at close) and voter_id and cast_at stay NULL.
      `CREATE TABLE poll_ballots (
        poll_id TEXT NOT NULL REFERENCES polls(id),
        voter_key TEXT NOT NULL,
        voter_id TEXT,
        voter_group TEXT NOT NULL,
        choices TEXT NOT NULL,
        cast_at BIGINT,
        PRIMARY KEY (poll_id, voter_key)
      )`,
      // Who has voted, apart from how.
      `CREATE TABLE poll_voters (
        poll_id TEXT NOT NULL REFERENCES polls(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        PRIMARY KEY (poll_id, user_id)
      )`,
    ],
  },
  {
    version: 250,
    name: 'working groups administered: sub-groups, archiving, liaisons, elections for a role',
    statements: [
      `ALTER TABLE working_groups ADD COLUMN parent_id TEXT REFERENCES working_groups(id)`,
      `ALTER TABLE working_groups ADD COLUMN archived_at BIGINT`,
      `CREATE INDEX working_groups_parent ON working_groups(parent_id)`,
      `CREATE TABLE working_group_liaisons (
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        poll_id TEXT,
        since BIGINT NOT NULL,
        PRIMARY KEY (group_id, user_id)
      )`,
      // The role an election fills; an election without a row here elects co-facilitators.
      `CREATE TABLE working_group_elections (
        poll_id TEXT PRIMARY KEY REFERENCES polls(id),
        role TEXT NOT NULL,
        title TEXT NOT NULL DEFAULT ''
      )`,
    ],
  },
  {
    version: 251,
    name: 'elections found by their working group',
    statements: [
      // The working groups' view (and the live map built from it) finds each group's elections by
      // this column; without an index it read every poll of the store. Most polls are no election.
      `CREATE INDEX polls_working_group ON polls(working_group_id) WHERE working_group_id IS NOT NULL`,
    ],
  },
  {
    version: 252,
    name: 'several liaison titles per person in a working group',
    statements: [
      // A person may be liaison to two bodies (DC-MAG and the Youth IGF): one row per title, where
      // the key (group, person) let a second title replace the first without a word. Titles that
      // differ only in case are one title: the service compares them (`sameLiaisonTitle`).
      `CREATE TABLE working_group_liaison_titles (
        group_id TEXT NOT NULL REFERENCES working_groups(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        title TEXT NOT NULL,
        poll_id TEXT,
        since BIGINT NOT NULL,
        PRIMARY KEY (group_id, user_id, title)
      )`,
      `INSERT INTO working_group_liaison_titles (group_id, user_id, title, poll_id, since)
       SELECT group_id, user_id, title, poll_id, since FROM working_group_liaisons`,
      `DROP TABLE working_group_liaisons`,
      `ALTER TABLE working_group_liaison_titles RENAME TO working_group_liaisons`,
    ],
  },
  {
    version: 253,
    name: 'a liaison title held once, whatever its case, in the database too',
    statements: [
      // The key of 252 is the exact title, so "DC-MAG liaison" and " dc-mag liaison " were two
      // rows to the database; only the service (holding the group's row, comparing with
      // `sameLiaisonTitle`) kept them one. The index makes the database refuse the second whatever
      // path writes it. Rows that would break it (none the service writes, but a store written
      // around it might hold some) are merged first: the oldest of each title is kept (held since
      // then), ties going to the title that sorts first.
      // working_group_liaisons is as 252 left it: (group_id, user_id, title, poll_id, since).
      `DELETE FROM working_group_liaisons
       WHERE EXISTS (
         SELECT 1 FROM working_group_liaisons kept
         WHERE kept.group_id = working_group_liaisons.group_id
           AND kept.user_id = working_group_liaisons.user_id
           AND lower(trim(kept.title)) = lower(trim(working_group_liaisons.title))
           AND (kept.since < working_group_liaisons.since
             OR (kept.since = working_group_liaisons.since AND kept.title < working_group_liaisons.title))
       )`,
      // lower() and trim() are the two stores' own: SQLite folds ASCII letters only, PostgreSQL as
      // the database's LC_CTYPE says. The service's rule (`sameLiaisonTitle`, every letter) is the
      // wider one; where PostgreSQL's is wider still, the service asks the database too
      // (`WorkingGroupStore.liaisonTitleAlike`).
      `CREATE UNIQUE INDEX working_group_liaisons_title_once
       ON working_group_liaisons (group_id, user_id, lower(trim(title)))`,
    ],
  },
  {
    version: 254,
    name: 'liaison titles written normal: ordinary spaces and letters',
    statements: [
      // "Liaison\u00a0CSTD" (a no-break space) and "ＬＩＡＩＳＯＮ cstd" (full-width letters) look like
      // "liaison cstd" on the card but were three keys of 253's index. The service now writes
      // titles normal (`normalizeName`); rows written before are rewritten so here, in
      // JavaScript since SQLite has no NFKC. The index is set aside while they are, then rebuilt.
      `DROP INDEX working_group_liaisons_title_once`,
      normalizeLiaisonTitles,
      // As 253: what the database's lower() folds further than the service (PostgreSQL's
      // LC_CTYPE) is merged into the oldest too, so that the index can be rebuilt.
      `DELETE FROM working_group_liaisons
       WHERE EXISTS (
         SELECT 1 FROM working_group_liaisons kept
         WHERE kept.group_id = working_group_liaisons.group_id
           AND kept.user_id = working_group_liaisons.user_id
           AND lower(trim(kept.title)) = lower(trim(working_group_liaisons.title))
           AND (kept.since < working_group_liaisons.since
             OR (kept.since = working_group_liaisons.since AND kept.title < working_group_liaisons.title))
       )`,
      `CREATE UNIQUE INDEX working_group_liaisons_title_once
       ON working_group_liaisons (group_id, user_id, lower(trim(title)))`,
    ],
  },
  {
    version: 255,
    name: 'working group names written normal where that makes no twin',
    // "Youth\u00a0Engagement" or "Ｙｏｕｔｈ Engagement" beside "Youth Engagement" were two groups
    // that read the same. The service now writes names normal and compares them so (`cleanName`,
    // `nameTaken`); names stored before are rewritten here, in JavaScript since SQLite has no NFKC.
    statements: [normalizeGroupNames],
  },
  {
    version: 256,
    name: 'poll option labels written normal where that makes no twin in the poll',
    // Labels were compared normal (`optionKey`) but stored as typed: "Yes\u00a0please" showed so in
    // the results and the CSV. The service now stores them normal; labels stored before are
    // rewritten here, in JavaScript since SQLite has no NFKC.
    statements: [normalizeOptionLabels],
  },
];

/**
 * Migration 256's step: every option label people typed (an election's candidates are named as the
 * board names them, and left so) written as `normalizeName` writes it, unless another option of
 * the same poll then reads the same (`optionKey`). Such options are not merged: ballots were cast
 * for each, and a count that joined them would not be the count people saw. They are left as they
 * were and reported on the server's log.
 */
export async function normalizeOptionLabels(tx: SqlExecutor): Promise<void> {
  const rows = await tx.all<{ id: string; poll_id: string; label: string; user_id: string | null }>(
    'SELECT id, poll_id, label, user_id FROM poll_options ORDER BY poll_id, position',
  );
  for (const same of Map.groupBy(rows, (row) => JSON.stringify([row.poll_id, optionKey(row.label)])).values()) {
    if (same.length > 1) {
      const labels = same.map((row) => `${row.id} ${JSON.stringify(row.label)}`).join(', ');
      console.warn(`migration 256: options of poll ${same[0]!.poll_id} read as one label and are left as they are: ${labels}`);
      continue;
    }
    const row = same[0]!;
    const normal = normalizeName(row.label);
    if (row.user_id === null && normal && normal !== row.label) {
      await tx.run('UPDATE poll_options SET label = ? WHERE id = ?', [normal, row.id]);
    }
  }
}

/**
 * Migration 255's step: every working group name written as `normalizeName` writes it, unless
 * another group of the same meeting then reads the same (`nameKey`). Such groups are not merged:
 * each has its own members, roles and elections, and which one people meant is for the
 * secretariat to say. They are left as they were and reported on the server's log, to be renamed.
 */
export async function normalizeGroupNames(tx: SqlExecutor): Promise<void> {
  const rows = await tx.all<{ id: string; meeting_id: string; name: string }>(
    'SELECT id, meeting_id, name FROM working_groups ORDER BY meeting_id, id',
  );
  for (const same of Map.groupBy(rows, (row) => JSON.stringify([row.meeting_id, nameKey(row.name)])).values()) {
    if (same.length > 1) {
      const names = same.map((row) => `${row.id} ${JSON.stringify(row.name)}`).join(', ');
      console.warn(
        `migration 255: working groups of meeting ${same[0]!.meeting_id} read as one name and are left as they are; rename all but one: ${names}`,
      );
      continue;
    }
    const row = same[0]!;
    const normal = normalizeName(row.name);
    if (normal && normal !== row.name) await tx.run('UPDATE working_groups SET name = ? WHERE id = ?', [normal, row.id]);
  }
}

/**
 * Migration 254's step: every liaison title held, and every election's title, written as
 * `normalizeName` writes it. Titles of one person in one group that are then the same
 * (`sameLiaisonTitle`'s key) are merged as 253 merges them: the oldest row stays (held since
 * then, its poll kept), ties going to the title that sorts first; the others are deleted before
 * any title is rewritten, so that no rewrite meets a row of the same exact title.
 */
async function normalizeLiaisonTitles(tx: SqlExecutor): Promise<void> {
  const rows = await tx.all<{ group_id: string; user_id: string; title: string }>(
    'SELECT group_id, user_id, title FROM working_group_liaisons ORDER BY group_id, user_id, since, title',
  );
  const kept = new Set<string>();
  const rewrites: { group_id: string; user_id: string; title: string; normal: string }[] = [];
  for (const row of rows) {
    const normal = normalizeName(row.title) || DEFAULT_LIAISON_TITLE;
    const key = JSON.stringify([row.group_id, row.user_id, normal.toLocaleLowerCase('en')]);
    if (kept.has(key)) {
      await tx.run('DELETE FROM working_group_liaisons WHERE group_id = ? AND user_id = ? AND title = ?', [
        row.group_id,
        row.user_id,
        row.title,
      ]);
      continue;
    }
    kept.add(key);
    if (normal !== row.title) rewrites.push({ ...row, normal });
  }
  for (const row of rewrites) {
    await tx.run('UPDATE working_group_liaisons SET title = ? WHERE group_id = ? AND user_id = ? AND title = ?', [
      row.normal,
      row.group_id,
      row.user_id,
      row.title,
    ]);
  }
  // An election's title becomes the title held when it closes: written normal too.
  const elections = await tx.all<{ poll_id: string; title: string }>(
    "SELECT poll_id, title FROM working_group_elections WHERE role = 'liaison'",
  );
  for (const election of elections) {
    const normal = normalizeName(election.title) || DEFAULT_LIAISON_TITLE;
    if (normal !== election.title) {
      await tx.run('UPDATE working_group_elections SET title = ? WHERE poll_id = ?', [normal, election.poll_id]);
    }
  }
}
