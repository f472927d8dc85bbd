/**
 * A meeting of its own for a test, made by the secretariat through the API as the board makes one:
 * one day, online, 10:00 UTC unless the test says otherwise.
 *
 *   const meetingId = await createMeeting(server.baseUrl, { title: 'Night session', startTime: '23:30' });
 */
import type { NewMeetingBody } from '../../shared/schemas/meetings.ts';
import { http, login } from './clients.ts';

/** The request's fields (`NewMeetingBody`, as the route takes them): a title, the rest defaulted. */
export type MeetingFields = Partial<NewMeetingBody> & { title: string };

/** The new meeting's id; throws with the server's answer when it is refused. */
export async function createMeeting(baseUrl: string, fields: MeetingFields): Promise<string> {
  const secretariat = await login(baseUrl, 'secretariat@example.org');
  const created = await http<{ id: string }>(baseUrl, 'POST', '/api/meetings', {
    cookie: secretariat.cookie,
    body: { startsOn: '2027-04-06', endsOn: '2027-04-06', startTime: '10:00', timeZone: 'UTC', format: 'online', ...fields },
  });
  if (created.status !== 201) throw new Error(`the meeting was not created: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.id;
}
