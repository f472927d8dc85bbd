/** Schema of the open consultation: versions 1100–1149. */
import type { Migration } from '../storage/migrations.ts';

export const PUBLIC_MIGRATIONS: Migration[] = [
  {
    version: 1100,
    name: 'registrations for public meetings, and whether registration is open',
    statements: [
      `CREATE TABLE meeting_registrations (
        id TEXT PRIMARY KEY,
        meeting_id TEXT NOT NULL REFERENCES meetings(id),
        user_id TEXT NOT NULL REFERENCES users(id),
        name TEXT NOT NULL,
        email TEXT NOT NULL,
        stakeholder_group TEXT NOT NULL,
        country TEXT NOT NULL,
        affiliation TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        UNIQUE (meeting_id, email)
      )`,
      `CREATE INDEX meeting_registrations_meeting ON meeting_registrations(meeting_id, created_at)`,
      // A row only for a meeting whose registration the secretariat closed: open by default.
      `CREATE TABLE meeting_registration_closed (
        meeting_id TEXT PRIMARY KEY REFERENCES meetings(id),
        closed_by TEXT REFERENCES users(id),
        closed_at BIGINT NOT NULL
      )`,
    ],
  },
  {
    version: 1101,
    name: 'registrants made before the public_only mark read only public meetings',
    statements: [
      // Every row here was made with the observer account it names (a known address gets no row);
      // one the secretariat has since given another role keeps reading as that role.
      `UPDATE users SET public_only = 1 WHERE role = 'observer' AND id IN (SELECT user_id FROM meeting_registrations)`,
    ],
  },
];
