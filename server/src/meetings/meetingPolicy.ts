/** Who may administer meetings and their calls for proposals: the secretariat only. */
import type { Role } from '../../../shared/roles.ts';
import { forbidden } from '../http/appError.ts';

export function mayAdministerMeetings(role: Role): boolean {
  return role === 'secretariat';
}

export function requireMeetingAdministrator(user: { role: Role }): void {
  if (!mayAdministerMeetings(user.role))
    throw forbidden('Only the secretariat may create, change, archive or delete meetings and calls.');
}
