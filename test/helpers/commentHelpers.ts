/** Helpers of the comment and proposal tests: many signed-in people at once, and the naughty strings. */
import fs from 'node:fs';
import path from 'node:path';
import * as Y from 'yjs';
import { SESSION_COOKIE } from '../../server/src/auth/authPlugin.ts';
import { RICH_TEXT_FIELD } from '../../shared/documentNames.ts';
import type { Role } from '../../shared/roles.ts';
import { createUser, type Session } from './clients.ts';
import type { TestServer } from './testServer.ts';

/**
 * The Big List of Naughty Strings (minimaxir/big-list-of-naughty-strings, MIT licence), copied
 * from the handbook's data sets into test/helpers/blns.json.
 */
export const BLNS: string[] = JSON.parse(fs.readFileSync(path.join(import.meta.dirname, 'blns.json'), 'utf8')) as string[];

/**
 * People signed in straight through the store (the sign-in route is rate-limited per address,
 * which a test that needs twenty people would hit).
 */
export async function signedInPeople(
  server: TestServer,
  count: number,
  role: Role = 'member',
  label = 'Tester',
): Promise<Session[]> {
  const people: Session[] = [];
  for (let i = 0; i < count; i++) {
    const user = await createUser(server.app.store, { name: `${label} ${i + 1}`, role });
    const { secret } = await server.app.store.sessions.create(user.id);
    people.push({
      cookie: `${SESSION_COOKIE}=${secret}`,
      user: { id: user.id, name: user.name, role: user.role, email: user.email, group: user.group },
    });
  }
  return people;
}

/** The Y.XmlText (a paragraph's text) of a rich-text document that contains `text`. */
export function textContaining(doc: Y.Doc, text: string): Y.XmlText {
  let found: Y.XmlText | null = null;
  const walk = (node: Y.XmlFragment | Y.XmlElement | Y.XmlText) => {
    if (found) return;
    if (node instanceof Y.XmlText) {
      if (node.toString().includes(text)) found = node;
      return;
    }
    for (const child of node.toArray()) walk(child as Y.XmlElement);
  };
  walk(doc.getXmlFragment(RICH_TEXT_FIELD));
  if (!found) throw new Error(`no text containing ${text}`);
  return found;
}
