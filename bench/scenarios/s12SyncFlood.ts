/** S12: 100 sockets asking for a large document over and over; the other editors' latency. */

import { bystanderRows, QUIET } from './bystanders.ts';
import { allPassed, find, ms, type Scenario } from './scenario.ts';

export const s12: Scenario = {
  id: 'S12',
  title: '100-socket sync flood of a large document: latency of other editors',
  target: 'other editors’ edit-to-remote-apply p99 ≤ 100 ms during the flood',
  async run(options) {
    // Five observers at the per-person socket cap (20 each), each socket asking for the whole
    // document every 2 s: 50 requests a second, each person under the budget of 120 per 10 s.
    const abuse = {
      people: 5,
      socketsPerPerson: 20,
      syncEveryMs: 2_000,
      diffEveryMs: 0,
      seedTransactions: options.quick ? 1_000 : 6_000,
      seedInsertsPer: 10,
    };
    const measurements = await bystanderRows(options, abuse);
    const p99 = find(measurements, 'Plenary')?.latency?.p99;
    const quiet = find(measurements, QUIET)?.latency?.p99;
    const others = measurements
      .filter((m) => m.server.startsWith('Plenary @'))
      .map((m) => `${m.server} ${ms(m.latency?.p99)}`)
      .join(', ');
    return {
      setup: `10 writers typing 5 edits/s each among 20 clients on one agenda; meanwhile ${abuse.people} observers hold ${abuse.people * abuse.socketsPerPerson} sockets on a large agenda of another meeting (${abuse.seedTransactions} edits of ${abuse.seedInsertsPer} notes at scattered places), each socket asking for the whole document (an empty state vector) every ${abuse.syncEveryMs / 1000} s. "${QUIET}" is the same typing without the flood.`,
      latencyLabel: 'other editors’ edit → applied on every other client',
      measurements,
      met: p99 !== undefined ? p99 <= 100 && allPassed(measurements) : null,
      verdict:
        p99 === undefined
          ? 'not measured'
          : `Plenary p99 ${ms(p99)} during the flood (target ≤ 100 ms); ${ms(quiet)} without${others ? `; ${others}` : ''}.`,
      notes: [],
    };
  },
};
