/** Who reads the audit log (the server's auditPolicy.ts decides: mayReadAuditLog). */
import type { PolicyUser } from '../meetings/meetingPolicy.ts';

/** Read and download the audit log: the secretariat only, since it names everyone and everything they did. */
export const canReadAuditLog = (user: PolicyUser): boolean => user.role === 'secretariat';
