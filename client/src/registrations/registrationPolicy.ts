/** Who sees a public meeting's registrations (the server's registrationService decides). */
import { isModerator } from '../../../shared/roles.ts';
import type { PolicyUser } from '../meetings/meetingPolicy.ts';

/** See and decide registrations: the chair and the secretariat, on an archived meeting too (the server does not refuse it). */
export const canSeeRegistrations = (user: PolicyUser): boolean => isModerator(user.role);
