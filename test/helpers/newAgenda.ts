/**
 * A new meeting's agenda, set up for a test in the two ways tests kept writing out:
 *
 * - `newAgendaWriter`: the secretariat writes it through a Yjs client and saves named versions in
 *   between, for a test of the version diff, which then opens it in a browser (in the page's language:
 *   `openChangesSince`, test/helpers/browser.ts).
 * - `openNewAgenda`: open on the chair's page, editable and online, with a second reader on the
 *   server's side, for a test of the agenda's connection (closed by the server, opened again).
 *
 *   const { meetingId } = await newAgendaWriter(server, { title: 'Diff' }, async (writer) => {
 *     appendItem(writer.doc, 'first', 'Opening');
 *     await writer.saveVersion('Before the review');
 *     // … what the diff shows
 *   });
 *
 *   const { page, editor, indicator, connectReader } = await openNewAgenda({ server, signIn }, 'A busy afternoon');
 */
import type { Locator } from 'playwright-core';
import { expect } from 'vitest';
import type * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import type { BrowserSuite, SignedIn } from './browser.ts';
import { acknowledged, collabToken, connectPeer, http, login, type Peer, type Session, synced } from './clients.ts';
import { createMeeting, type MeetingFields } from './meetings.ts';
import type { TestServer } from './testServer.ts';

export interface AgendaWriter {
  /** The agenda's document, synced: what is written into it is sent to the server. */
  doc: Y.Doc;
  /** Saves the agenda as a named version once the server has what was written so far; throws when refused. */
  saveVersion(name: string): Promise<void>;
}

/**
 * Creates a meeting (`createMeeting`'s fields), opens its agenda as the secretariat through a Yjs
 * client and hands it to `write`; once `write` is done and the server has acknowledged every change,
 * the client leaves (also when `write` throws). Resolves to the meeting and the secretariat's session.
 */
export async function newAgendaWriter(
  server: Pick<TestServer, 'baseUrl' | 'wsUrl'>,
  fields: MeetingFields,
  write: (writer: AgendaWriter) => Promise<void>,
): Promise<{ meetingId: string; secretariat: Session }> {
  const meetingId = await createMeeting(server.baseUrl, fields);
  const secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const agenda = agendaDoc(meetingId);
  const peer = connectPeer(server.wsUrl, agenda, () => collabToken(server.baseUrl, secretariat, agenda));
  try {
    await synced(peer);
    await write({
      doc: peer.doc,
      async saveVersion(name) {
        // The version is the server's copy: what was written must be there first.
        await acknowledged(peer);
        const saved = await http(server.baseUrl, 'POST', `/api/meetings/${meetingId}/versions`, {
          cookie: secretariat.cookie,
          body: { name },
        });
        if (saved.status !== 201) throw new Error(`the version was not saved: ${saved.status} ${JSON.stringify(saved.body)}`);
      },
    });
    await acknowledged(peer);
  } finally {
    peer.destroy();
  }
  return { meetingId, secretariat };
}

/** A second reader of an agenda, on the server's side: what the page's edits stored, as the document's text. */
export interface AgendaReader {
  peer: Peer;
  /** The agenda's text as this reader has it (the shared document's XML). */
  text(): string;
  destroy(): void;
}

export interface OpenedAgenda extends SignedIn {
  meetingId: string;
  /** The page's editor. */
  editor: Locator;
  /** The agenda's connection indicator; its `data-state` is `online` by now. */
  indicator: Locator;
  /** The secretariat's session, through the API. */
  secretariat: Session;
  /** Opens the agenda as the secretariat through a Yjs client, synced; the caller destroys it. */
  connectReader(): Promise<AgendaReader>;
}

/**
 * Creates a one-day meeting called `title` and opens its (empty) agenda on the chair's page, through
 * the suite's `signIn`: resolves once the editor is editable and the connection indicator says online.
 */
export async function openNewAgenda(suite: Pick<BrowserSuite, 'server' | 'signIn'>, title: string): Promise<OpenedAgenda> {
  const { server } = suite;
  const meetingId = await createMeeting(server.baseUrl, { title });
  const session = await suite.signIn('chair@example.org', `/meetings/${meetingId}`);
  const { page } = session;
  await page.locator('.ProseMirror[contenteditable="true"]').waitFor();
  const indicator = page.locator('.connection');
  await expect.poll(() => indicator.getAttribute('data-state')).toBe('online');
  const secretariat = await login(server.baseUrl, 'secretariat@example.org');
  const agenda = agendaDoc(meetingId);
  return {
    ...session,
    meetingId,
    editor: page.locator('.ProseMirror'),
    indicator,
    secretariat,
    async connectReader() {
      const peer = connectPeer(server.wsUrl, agenda, () => collabToken(server.baseUrl, secretariat, agenda));
      try {
        await synced(peer);
      } catch (error) {
        peer.destroy();
        throw error;
      }
      return { peer, text: () => peer.doc.getXmlFragment(RICH_TEXT_FIELD).toString(), destroy: () => peer.destroy() };
    },
  };
}
