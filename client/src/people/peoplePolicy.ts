/** Who administers people (the server's peoplePolicy.ts decides: mayManagePeople). */
import type { PolicyUser } from '../meetings/meetingPolicy.ts';

/** List, invite, change, import, deactivate and reactivate people: the secretariat. No meeting: people are the board's. */
export const canManagePeople = (user: PolicyUser): boolean => user.role === 'secretariat';
