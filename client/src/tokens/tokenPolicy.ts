/** Which API tokens a person may create (the server's apiTokenPolicy.ts decides: checkScopes). */
import type { PolicyUser } from '../meetings/meetingPolicy.ts';
import type { Scope } from './tokensApi.ts';

/** The scopes offered: read and write to everyone, admin to the secretariat only. */
export const tokenScopes = (user: PolicyUser): Scope[] =>
  user.role === 'secretariat' ? ['read', 'write', 'admin'] : ['read', 'write'];
