/**
 * A burst of comments (S16), run inside a load generator: each comment is a POST of JSON with its
 * author's session cookie, sent on a fixed schedule (open loop: a slow answer does not delay the
 * next comment) over keep-alive connections, as from the authors' open meeting pages.
 */
import { nowUs, sleep } from '../lib/clock.ts';
import { keepAliveClient } from './keepAliveClient.ts';

/** Keep-alive connections the authors' process keeps open to the server. */
const CONNECTIONS = 100;

export function mentionHandlers() {
  return {
    /**
     * Request k at startAt + k × spacing. Returns each request's start and end (µs), its HTTP
     * status, the `id` of each answer (the new thread's), '' when there was none, and this process's
     * CPU (user + system, µs) from the first comment to the last answer, whatever else it holds included.
     */
    async postComments({
      baseUrl,
      path,
      requests,
      startAtUs,
      spacingUs,
    }: {
      baseUrl: string;
      path: string;
      requests: { cookie: string; body: unknown }[];
      startAtUs: number;
      spacingUs: number;
    }) {
      const started = new Float64Array(requests.length);
      const ended = new Float64Array(requests.length);
      const statuses = new Int32Array(requests.length);
      const ids: string[] = requests.map(() => '');
      const { send, close } = keepAliveClient(baseUrl, CONNECTIONS);
      // Open the pool as pages that have loaded do (who am I?).
      await Promise.all(requests.slice(0, CONNECTIONS).map((request) => send('GET', '/api/me', request.cookie)));
      const pending: Promise<void>[] = [];
      let cpuFrom: NodeJS.CpuUsage | null = null;
      for (let k = 0; k < requests.length; k++) {
        const request = requests[k]!;
        const wait = (startAtUs + k * spacingUs - nowUs()) / 1000;
        if (wait > 0.5) await sleep(wait);
        cpuFrom ??= process.cpuUsage();
        started[k] = nowUs();
        pending.push(
          send('POST', path, request.cookie, JSON.stringify(request.body)).then(({ status, text }) => {
            ended[k] = nowUs();
            statuses[k] = status;
            if (status < 300) {
              try {
                ids[k] = String((JSON.parse(text) as { id?: unknown }).id ?? '');
              } catch {
                ids[k] = '';
              }
            }
          }),
        );
      }
      await Promise.all(pending);
      const cpu = process.cpuUsage(cpuFrom ?? undefined);
      close();
      return { started, ended, statuses, ids, cpuUs: cpu.user + cpu.system };
    },
  };
}
