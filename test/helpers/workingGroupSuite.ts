/**
 * A server of its own (SQLite, or a PostgreSQL database of its own) for a file of working group
 * tests, with the demo people signed in and the calls those tests make, as the people who make them:
 *
 *   describe.each(['sqlite', 'postgres'] as const)('elections (%s)', (backend) => {
 *     const group = workingGroupSuite(backend, 'wgelections');
 *     it('…', async () => { const youth = await group.youth(); await group.call('chair', 'POST', …); });
 *   });
 */
import { beforeAll } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import type { WorkingGroupDto } from '../../shared/schemas/workingGroups.ts';
import { http, login, type Session } from './clients.ts';
import { type Backend, serverSuite } from './serverSuite.ts';
import type { TestDatabaseOptions } from './services.ts';
import type { TestServer } from './testServer.ts';

export const GROUP_PEOPLE = ['secretariat', 'chair', 'kwame', 'mei', 'rahul', 'sofia'] as const;
export type GroupPerson = (typeof GROUP_PEOPLE)[number];

export interface WorkingGroupSuite {
  readonly server: TestServer;
  readonly people: Record<GroupPerson, Session>;
  call<T = any>(who: GroupPerson, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** The demo's Youth Engagement group as it is now. */
  youth(): Promise<WorkingGroupDto>;
  idOf(who: GroupPerson): string;
  /** How many audit rows there are (a refused request adds none). */
  auditLength(): Promise<number>;
}

export function workingGroupSuite(
  backend: Backend,
  databaseName: string,
  databaseOptions: TestDatabaseOptions = {},
): WorkingGroupSuite {
  const { server } = serverSuite({ backend, database: databaseName, ...databaseOptions });
  let people: Record<GroupPerson, Session>;

  beforeAll(async () => {
    const sessions = await Promise.all(GROUP_PEOPLE.map((key) => login(server.baseUrl, `${key}@example.org`)));
    people = Object.fromEntries(GROUP_PEOPLE.map((key, index) => [key, sessions[index]!])) as Record<GroupPerson, Session>;
  }, 60_000);

  const call = <T = any>(who: GroupPerson, method: string, path: string, body?: unknown) =>
    http<T>(server.baseUrl, method, path, { cookie: people[who].cookie, ...(body === undefined ? {} : { body }) });
  return {
    server,
    get people() {
      return people;
    },
    call,
    youth: async () =>
      (await call<WorkingGroupDto[]>('kwame', 'GET', `/api/meetings/${DEMO_MEETING.id}/working-groups`)).body.find((group) =>
        group.name.endsWith('Youth Engagement'),
      )!,
    idOf: (who) => people[who].user.id,
    auditLength: async () => (await server.app.store.audit.list({}, 100_000)).length,
  };
}
