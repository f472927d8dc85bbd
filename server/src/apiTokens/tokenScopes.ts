/**
 * Which scope an API token needs for a route: the one rule that bearerAuth enforces and that the
 * OpenAPI document states on each operation (`x-token-scope` and a sentence of its description,
 * added in app.ts's onRoute hook), so that the document cannot say one thing and the server do
 * another. `read` for GET and HEAD, `write` for commands, `admin` for a route only the
 * secretariat may call, which declares it with `config: SECRETARIAT_ONLY`.
 */
import type { Scope } from './apiTokenStore.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The route is the secretariat's alone: a token needs the admin scope there (see tokenScopes.ts). */
    tokenScope?: 'admin';
  }
  interface FastifySchema {
    /** The scope an API token needs for the operation, as the OpenAPI document shows it (app.ts). */
    'x-token-scope'?: Scope;
  }
}

/** The route option of a route only the secretariat may call (its service still checks the role). */
export const SECRETARIAT_ONLY = { tokenScope: 'admin' } as const;

const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export function requiredScope(method: string, config: { tokenScope?: 'admin' } | undefined): Scope {
  if (config?.tokenScope === 'admin') return 'admin';
  return READ_METHODS.has(method) ? 'read' : 'write';
}

/** What the OpenAPI document says of an operation that needs `scope`, after its own description. */
export function scopeDescription(scope: Scope): string {
  if (scope === 'admin') {
    return 'API token scope: admin. The secretariat’s alone: a token needs the admin scope and a person of the secretariat behind it.';
  }
  if (scope === 'write') return 'API token scope: write (or admin).';
  return 'API token scope: read (any token).';
}
