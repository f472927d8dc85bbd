/** Who may administer people. The server decides; the client only hides what would be refused. */
import type { Role } from '../../../shared/roles.ts';
import { AppError, forbidden } from '../http/appError.ts';
import type { User } from './userStore.ts';

/** Only the secretariat lists, invites, changes, imports, deactivates and reactivates people. */
export function mayManagePeople(role: Role): boolean {
  return role === 'secretariat';
}

export function assertMayManagePeople(actor: User): void {
  if (!mayManagePeople(actor.role)) throw forbidden('Only the secretariat may administer people.');
}

/** A secretariat cannot lock itself out: no deactivating or demoting one's own account. */
export function assertNotOwnLockout(
  actor: User,
  targetId: string,
  change: { role?: Role | undefined; deactivate?: boolean },
): void {
  if (actor.id !== targetId) return;
  if (change.deactivate) throw new AppError('OWN_ACCOUNT', 'You cannot deactivate your own account.');
  if (change.role !== undefined && change.role !== actor.role) {
    throw new AppError('OWN_ACCOUNT', 'You cannot change your own role; ask another member of the secretariat.');
  }
}
