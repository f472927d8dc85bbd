/** Moving a meeting on to one of its agenda items, as the chair does, for tests of what follows the current item. */
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { http, login, type Session } from './clients.ts';

/**
 * Makes the agenda item at `index` (in the agenda's order) the meeting's current one, as the chair
 * (demo meeting unless told), and returns the chair's session. Throws when the item is missing or
 * the server refuses, so that a test does not go on with the wrong item.
 */
export async function setCurrentItem(
  baseUrl: string,
  index: number,
  { meetingId = DEMO_MEETING.id, email = 'chair@example.org' }: { meetingId?: string; email?: string } = {},
): Promise<Session> {
  const session = await login(baseUrl, email);
  const items = await http<{ id: string }[]>(baseUrl, 'GET', `/api/meetings/${meetingId}/agenda-items`, {
    cookie: session.cookie,
  });
  if (items.status !== 200) throw new Error(`the agenda items could not be read: ${items.status} ${JSON.stringify(items.body)}`);
  const itemId = items.body[index]?.id;
  if (!itemId) throw new Error(`meeting ${meetingId} has no agenda item ${index}`);
  const put = await http(baseUrl, 'PUT', `/api/meetings/${meetingId}/current-item`, { cookie: session.cookie, body: { itemId } });
  if (put.status !== 200) throw new Error(`the current item was not set: ${put.status} ${JSON.stringify(put.body)}`);
  return session;
}
