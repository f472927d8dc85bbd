/** The audit log's reader for the secretariat (the log itself is core: server/src/audit/auditLog.ts). */
import type { Feature } from '../feature.ts';
import { auditRoutes } from './auditRoutes.ts';
import { AuditService } from './auditService.ts';

export const auditFeature: Feature = {
  name: 'audit',
  async register({ http, store }) {
    await http.register(auditRoutes, { service: new AuditService(store) });
  },
};
