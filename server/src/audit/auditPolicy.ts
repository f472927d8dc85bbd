/** Who may read the audit log: the secretariat only (it names everyone and everything they did). */
import type { Role } from '../../../shared/roles.ts';
import { forbidden } from '../http/appError.ts';

export function mayReadAuditLog(role: Role): boolean {
  return role === 'secretariat';
}

export function requireAuditReader(user: { role: Role }): void {
  if (!mayReadAuditLog(user.role)) throw forbidden('Only the secretariat may read the audit log.');
}
