/**
 * The bytes of sync answers are budgeted per person across their sockets (SYNC_REPLY_BYTES_PER_SECOND,
 * SYNC_REPLY_BURST_BYTES; collab/socketCaps.ts): a person asking for a whole document again and
 * again on many sockets, and opening new sockets as they are closed, gets no more than the burst,
 * the rate over the time and one answer; the sockets asking beyond it are closed with 1008, as for
 * too many sync requests; other people's edits keep arriving and their own answers are untouched.
 * A client that already has the document is answered with what it lacks, which costs its budget
 * almost nothing.
 */
import * as decoding from 'lib0/decoding';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { POLICY_VIOLATION } from '../../server/src/collab/frameGuard.ts';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { agendaDoc } from '../../shared/documentNames.ts';
import { acknowledged, collabToken, login, type Session, sleep, synced, waitFor } from '../helpers/clients.ts';
import { authFrame, RawClient, syncStep1Frame } from '../helpers/rawClient.ts';
import { serverSuite } from '../helpers/serverSuite.ts';

const AGENDA = agendaDoc(DEMO_MEETING.id);
const RATE = 100 * 1024;
const BURST = 256 * 1024;
const { server, peer, keep } = serverSuite({
  env: {
    // Only the byte budget is under test here: the request budget is far away.
    SYNC_REQUESTS_PER_PERSON: '100000',
    MAX_SOCKETS_PER_PERSON: '20',
    SYNC_REPLY_BYTES_PER_SECOND: String(RATE),
    SYNC_REPLY_BURST_BYTES: String(BURST),
  },
});

/** The sync step 2 frames (answers to a sync request) among what a raw client received. */
function answersOf(client: RawClient): Uint8Array[] {
  return client.received.filter((frame) => {
    const decoder = decoding.createDecoder(frame);
    decoding.readVarString(decoder);
    const type = decoding.readVarUint(decoder);
    return (type === 0 || type === 4) && decoding.readVarUint(decoder) === 1;
  });
}

/** A raw socket of `who` with the agenda authenticated, nothing asked yet. */
async function rawSocket(who: Session): Promise<RawClient> {
  const client = new RawClient(server.wsUrl);
  keep({ destroy: () => client.close() });
  await client.opened;
  client.send(authFrame(AGENDA, await collabToken(server.baseUrl, who, AGENDA)));
  await waitFor(() => client.received.length > 0 || !client.isOpen, { message: 'authenticated' });
  return client;
}

const EMPTY = new Uint8Array([0]);

describe('sync answer byte budget', () => {
  it('holds a person flooding full-state requests over many sockets to the budget; another person’s edits still arrive', async () => {
    // A writer grows the agenda to about 250 KB: a whole answer is most of the burst.
    const ana = await login(server.baseUrl, 'ana@example.org');
    const writer = peer(ana, AGENDA);
    await synced(writer);
    const notes = writer.doc.getText('minutes');
    notes.insert(notes.length, 'The delegations agree on the text. '.repeat(7_000));
    await acknowledged(writer, 20_000);
    const reader = peer(await login(server.baseUrl, 'kwame@example.org'), AGENDA);
    await synced(reader);
    await waitFor(() => reader.doc.getText('minutes').length === notes.length, { message: 'the reader has the agenda' });

    // Tomás keeps 10 sockets open (a closed one is replaced) and asks for the whole agenda on each,
    // 5 times a second (within the per-socket frame limit), for 3 s: about 12 MB asked for.
    const tomas = await login(server.baseUrl, 'tomas@example.org');
    const sockets: RawClient[] = [];
    for (let i = 0; i < 10; i++) sockets.push(await rawSocket(tomas));
    const everyone: RawClient[] = [...sockets];
    const closedCodes: number[] = [];
    let flooding = true;
    let replacing = Promise.resolve();
    const watch = (client: RawClient, index: number) =>
      void client.closed.then((code) => {
        closedCodes.push(code);
        replacing = replacing.then(async () => {
          if (!flooding) return;
          const replacement = await rawSocket(tomas);
          sockets[index] = replacement;
          everyone.push(replacement);
          watch(replacement, index);
        });
      });
    sockets.forEach(watch);
    const started = Date.now();
    const edits: string[] = [];
    const ask = setInterval(() => {
      for (const client of sockets) client.send(syncStep1Frame(AGENDA, EMPTY));
    }, 200);
    // Ana goes on editing meanwhile, and Kwame receives every edit.
    for (let i = 0; i < 10; i++) {
      const edit = `[edit ${i}]`;
      edits.push(edit);
      notes.insert(0, edit);
      await sleep(300);
    }
    clearInterval(ask);
    flooding = false;
    await replacing;
    await sleep(300); // answers already on their way
    // Up to now, so that answers to the last requests, however late, are within the time counted.
    const seconds = (Date.now() - started) / 1000;

    const text = await waitFor(
      () => {
        const current = reader.doc.getText('minutes').toString();
        return edits.every((edit) => current.includes(edit)) ? current : undefined;
      },
      { timeout: 5_000, message: 'Ana’s edits at Kwame' },
    );
    expect(text!.startsWith('[edit 9][edit 8]')).toBe(true);
    expect(writer.provider.isSynced && reader.provider.isSynced).toBe(true);

    const answers = everyone.flatMap(answersOf);
    const received = answers.reduce((sum, frame) => sum + frame.byteLength, 0);
    const largest = Math.max(...answers.map((frame) => frame.byteLength));
    expect(largest).toBeGreaterThan(240_000);
    // The burst, the rate over the time, and the one answer that may overdraw the bucket.
    expect(received).toBeLessThanOrEqual(BURST + RATE * seconds + largest);
    // The budget answers that much, not less: the burst went out whole.
    expect(received).toBeGreaterThanOrEqual(BURST);
    // The requests beyond it closed their sockets, as the request budget does.
    expect(closedCodes.length).toBeGreaterThan(0);
    expect(new Set(closedCodes)).toEqual(new Set([POLICY_VIOLATION.code]));

    // Kwame's own budget is untouched by Tomás's: he gets the whole agenda on a socket of his.
    const kwame = await login(server.baseUrl, 'kwame@example.org');
    const own = await rawSocket(kwame);
    own.send(syncStep1Frame(AGENDA, EMPTY));
    const answer = await waitFor(() => answersOf(own)[0], { message: 'Kwame’s answer' });
    expect(answer!.byteLength).toBeGreaterThan(240_000);
    expect(own.isOpen).toBe(true);
    for (const client of [...everyone, own]) client.close();
  });

  it('answers a client that already has the document with what it lacks, which costs its budget almost nothing', async () => {
    const mei = await login(server.baseUrl, 'mei@example.org');
    const current = peer(mei, AGENDA);
    await synced(current);
    const whole = Y.encodeStateAsUpdate(current.doc).byteLength;
    expect(whole).toBeGreaterThan(240_000);
    const stateVector = Y.encodeStateVector(current.doc);
    const sockets = [await rawSocket(mei), await rawSocket(mei)];
    // 40 requests: 10 MB if each were answered with the whole document, forty times the burst.
    for (let round = 0; round < 20; round++) {
      for (const client of sockets) client.send(syncStep1Frame(AGENDA, stateVector));
      await sleep(50);
    }
    const answers = await waitFor(() => {
      const all = sockets.flatMap(answersOf);
      return all.length === 40 ? all : undefined;
    });
    for (const answer of answers!) expect(answer.byteLength).toBeLessThan(1_024);
    for (const client of sockets) expect(client.isOpen).toBe(true);
    // The same person asking for the whole document as often is held to the budget.
    for (let round = 0; round < 10; round++) {
      for (const client of sockets) client.send(syncStep1Frame(AGENDA, EMPTY));
      await sleep(50);
    }
    await waitFor(() => sockets.every((client) => !client.isOpen), { message: 'Mei’s raw sockets closed' });
    expect(await Promise.all(sockets.map((client) => client.closed))).toEqual([POLICY_VIOLATION.code, POLICY_VIOLATION.code]);
    for (const client of sockets) client.close();
  });
});
