/**
 * Loads the demo consultation into an empty store. Safe when several instances start at once:
 * the first to claim the `demo.seeded` setting writes everything in one transaction.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import { hashPassword } from '../auth/passwords.ts';
import { FEATURES } from '../features.ts';
import { agendaContent } from '../meetingRecord/demoRecord.ts';
import type { Notifier } from '../notifications/notify.ts';
import { holdStartupLock } from '../storage/migrations.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import { DEMO_AGENDA, DEMO_MEETING, DEMO_PASSWORD, DEMO_USERS, type DemoAgendaDay } from './demoData.ts';

const SEEDED_KEY = 'demo.seeded';

/** Seeds the demo when the store has no users and no meetings. Returns whether it did. */
export async function seedDemo(store: Store, notify: Notifier): Promise<boolean> {
  if ((await store.users.count()) > 0 || (await store.meetings.list()).length > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const agendaUpdate = agendaAsUpdate(DEMO_AGENDA);
  return store.db.transaction(async (tx) => {
    // Not beside another instance's search setup, which replaces triggers on the tables written here.
    await holdStartupLock(store.db, tx);
    const claim = await tx.run('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', [
      SEEDED_KEY,
      new Date().toISOString(),
    ]);
    if (claim.changes === 0) return false;
    const users = new Map<string, User>();
    for (const user of DEMO_USERS) users.set(user.email, await store.users.create({ ...user, passwordHash }, tx));
    await store.meetings.create(DEMO_MEETING, tx);
    await store.documents.append(agendaDoc(DEMO_MEETING.id), agendaUpdate, null, tx);
    for (const feature of FEATURES) await feature.seedDemo?.({ store, tx, users, meetingId: DEMO_MEETING.id, notify });
    return true;
  });
}

/** The demo logins, for printing at start; empty when the demo users are not in the store. */
export async function demoLogins(store: Store): Promise<{ email: string; role: string; password: string }[]> {
  const logins = [];
  for (const user of DEMO_USERS) {
    const found = await store.users.credentialsByEmail(user.email);
    if (found) logins.push({ email: user.email, role: `${user.role}, ${user.group}`, password: DEMO_PASSWORD });
  }
  return logins;
}

/** A rich-text document as one Yjs update, written the way the editor would write it. */
export function richTextAsUpdate(content: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(getSchema(richTextExtensions()), content, doc.getXmlFragment(RICH_TEXT_FIELD));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** The demo agenda as structured agenda items (see shared/richText.ts), day by day. */
export function agendaAsUpdate(days: DemoAgendaDay[]): Uint8Array {
  return richTextAsUpdate(agendaContent(days));
}
