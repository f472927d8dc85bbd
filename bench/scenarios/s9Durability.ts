/**
 * S9: the cost of durability. The S1 load on Plenary as it is (every update appended to the store
 * before it is applied and acknowledged) and on the same build with the append switched off
 * (a benchmark-only switch in bench/servers/plenaryServer.ts), in the same run. A full run does
 * the same on PostgreSQL: there an edit is acknowledged only once it is in PostgreSQL, so the
 * difference is the wait that durability costs (the time an edit stays unacknowledged longer).
 */
import { BARE, PLENARY } from '../lib/context.ts';
import { createTestDatabase } from '../../test/helpers/services.ts';
import { editorsLoad } from './s1Editors.ts';
import type { ServerSpec } from '../lib/servers.ts';
import { allPassed, find, ms, type Scenario, typingRows } from './scenario.ts';
import type { TypingConfig } from './typing.ts';

const NO_DURABILITY = 'Plenary, append-before-acknowledge off';
const PG_ON = 'Plenary on PostgreSQL';
const PG_OFF = 'Plenary on PostgreSQL, append-before-acknowledge off';

export const s9: Scenario = {
  id: 'S9',
  title: 'Cost of durability: append-before-acknowledge on vs off',
  target: '≤ 1 ms added at p99',
  async run(options) {
    // S1's load; tokens minted in the server process (the sign-ins are not what is measured here).
    const config: TypingConfig = { ...editorsLoad(options.quick), tokensOverHttp: false };
    const off: ServerSpec = { ...PLENARY, label: NO_DURABILITY };
    // A full run also measures PostgreSQL (one database made for the run, dropped after it).
    const database = options.quick ? null : await createTestDatabase('durability');
    const pg = database ? { DATABASE_URL: database.url } : null;
    const offLabels = new Set([NO_DURABILITY, PG_OFF]);
    // A quick run compares the two SQLite rows only.
    const specs: ServerSpec[] = pg
      ? [BARE, PLENARY, off, { ...PLENARY, label: PG_ON, env: pg }, { ...PLENARY, label: PG_OFF, env: pg }]
      : [PLENARY, off];
    const rounds = options.quick ? 1 : 3;
    let measurements;
    try {
      measurements = await typingRows(options, specs, config, rounds, {
        prepare: async (server, spec) => {
          if (offLabels.has(spec.label)) await server.child.call('setDurability', { on: false });
        },
        adjust: (outcome, spec) => {
          if (offLabels.has(spec.label)) outcome.checks = outcome.checks.filter((check) => !check.name.startsWith('the store'));
        },
      });
    } finally {
      await database?.drop().catch(() => {});
    }
    const added = (on: string, offLabel: string) => {
      const a = find(measurements, on)?.latency;
      const b = find(measurements, offLabel)?.latency;
      return a && b ? { p99: a.p99 - b.p99, p50: a.p50 - b.p50, on: a.p99, off: b.p99 } : undefined;
    };
    const sqlite = added(PLENARY.label, NO_DURABILITY);
    const postgres = pg ? added(PG_ON, PG_OFF) : undefined;
    const describe = (cost: NonNullable<typeof sqlite>) =>
      `adds ${ms(cost.p99)} at p99 (${ms(cost.on)} on, ${ms(cost.off)} off), ${ms(cost.p50)} at p50`;
    return {
      setup: `The S1 load (${config.clients} writers × ${config.ratePerSec} edits/s, caret updates, ${rounds > 1 ? `${rounds} alternating rounds of ` : ''}${config.durationMs / 1000} s) on Plenary with and without the append to the store before each update is applied and acknowledged: SQLite (WAL)${pg ? ', and PostgreSQL on this machine' : ''}. Without it the store check does not apply.`,
      latencyLabel: 'edit → applied on every other client',
      measurements,
      met: sqlite === undefined ? null : sqlite.p99 <= 1 && allPassed(measurements),
      verdict:
        sqlite === undefined
          ? 'not measured'
          : `On SQLite durability ${describe(sqlite)} (target ≤ 1 ms).${postgres ? ` On PostgreSQL it ${describe(postgres)}: the time an edit waits to be in PostgreSQL before it is acknowledged; an acknowledged edit is never only in memory.` : ''}`,
      notes: [
        'Latency differences of a millisecond are within the noise of a shared machine; the server CPU per edit of both rows shows the cost more steadily.',
      ],
    };
  },
};
