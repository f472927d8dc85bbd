/**
 * Version diffs do not hold up everyone else: they run in a worker thread, at most a few per
 * meeting at once, each for a limited time, and the first diff from a version stores the agenda
 * as it was then so that later diffs from it replay only what came after.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { AppError } from '../../server/src/http/appError.ts';
import { DiffRunner } from '../../server/src/meetingRecord/versions/diffRunner.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import type { DiffDto, VersionDto } from '../../shared/schemas/meetingRecord.ts';
import { acknowledged, http, login, synced } from '../helpers/clients.ts';
import { agendaItemElements, appendNote } from '../helpers/meetingRecord.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const MEETING = DEMO_MEETING.id;
const AGENDA = agendaDoc(MEETING);
const { server, peer } = serverSuite({ env: { DIFFS_PER_MEETING: '1' } });

const refusal = async (promise: Promise<unknown>): Promise<string | undefined> => {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return error instanceof AppError ? error.code : String(error);
  }
};

describe('version diffs', () => {
  it('store the agenda at the version on the first diff and give the same answer from it', async () => {
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const editor = peer(kwame, AGENDA);
    await synced(editor);
    appendNote(agendaItemElements(editor.doc).get('oc1-welcome')!, 'Before the version');
    await acknowledged(editor);
    const version = (
      await http<VersionDto>(server.baseUrl, 'POST', `/api/meetings/${MEETING}/versions`, {
        cookie: kwame.cookie,
        body: { name: 'Checkpoint' },
      })
    ).body;
    for (let i = 0; i < 40; i++) appendNote(agendaItemElements(editor.doc).get('oc1-timeline')!, `After the version ${i}`);
    await acknowledged(editor);

    const snapshots = () => server.app.store.db.all<{ seq: number }>('SELECT seq FROM version_snapshots WHERE doc = ?', [AGENDA]);
    expect(await snapshots()).toEqual([]);
    const ask = () =>
      http<DiffDto>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/versions/diff?from=${version.id}&to=current`, {
        cookie: kwame.cookie,
      });
    const first = await ask();
    expect(first.status).toBe(200);
    expect((await snapshots()).map((row) => Number(row.seq))).toEqual([version.seq]);
    const second = await ask();
    expect(second.status).toBe(200);
    expect(second.body).toEqual(first.body);
    const added = first.body.blocks
      .filter((block) => block.change === 'added')
      .map((block) => block.spans.map((span) => span.text).join(''));
    expect(added).toHaveLength(40);
    expect(added).not.toContain('Before the version');
    expect(first.body.blocks.find((block) => block.change === 'added')?.by).toMatchObject({ name: 'Kwame Asante' });
  });

  it('run at most DIFFS_PER_MEETING at once per meeting', async () => {
    const runner = new DiffRunner(server.app.store, { perMeeting: 1, timeoutMs: 10_000 });
    const running = runner.diff(MEETING, AGENDA, 0, 1_000_000);
    expect(await refusal(runner.diff(MEETING, AGENDA, 0, 1_000_000))).toBe('DIFFS_BUSY');
    // Another meeting is not held up by this one's.
    const other = runner.diff('another-meeting', agendaDoc('another-meeting'), 0, 10);
    await expect(other).resolves.toMatchObject({ blocks: [] });
    await running;
    expect(runner.runningFor(MEETING)).toBe(0);
    // Over HTTP the refusal is 429 DIFFS_BUSY (the server's limit is 1 here).
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const versions = (
      await http<VersionDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/versions`, { cookie: kwame.cookie })
    ).body;
    const url = `/api/meetings/${MEETING}/versions/diff?from=${versions.at(-1)!.id}&to=current`;
    const answers = await Promise.all([1, 2, 3].map(() => http(server.baseUrl, 'GET', url, { cookie: kwame.cookie })));
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses[0]).toBe(200);
    for (const answer of answers.filter((a) => a.status !== 200)) {
      expect(answer.status).toBe(429);
      expect(answer.body.error.code).toBe('DIFFS_BUSY');
    }
  });

  it('stop a diff that runs past its time limit', async () => {
    const runner = new DiffRunner(server.app.store, { perMeeting: 2, timeoutMs: 1 });
    expect(await refusal(runner.diff(MEETING, AGENDA, 0, 1_000_000))).toBe('DIFF_TIMEOUT');
    expect(runner.runningFor(MEETING)).toBe(0);
  });
});
