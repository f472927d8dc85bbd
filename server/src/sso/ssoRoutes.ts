/**
 * Single sign-on with OpenID Connect (authorization code flow with PKCE), and the secretariat's
 * switch that turns password sign-in off for one person. Signing out is the board's own
 * (POST /api/auth/logout ends the board session; the provider's session is left as it is).
 */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { Type } from 'typebox';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.ts';
import { PasswordLoginBody, PasswordLoginState, ProviderParams, SsoProvider } from '../../../shared/schemas/sso.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireRole } from '../auth/authPlugin.ts';
import { AppError, notFound } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';
import type { OidcClient, OidcIdentity } from './oidcClient.ts';
import { OIDC_STATE_COOKIE, OIDC_STATE_TTL_MS, type OidcStateSealer } from './oidcState.ts';
import type { SsoService } from './ssoService.ts';
import type { SsoStore } from './ssoStore.ts';

export interface SsoRoutesOptions {
  store: Store;
  clients: Map<string, OidcClient>;
  sealer: OidcStateSealer;
  service: SsoService;
  sso: SsoStore;
  publicOrigin: string;
  secureCookies: boolean;
}

const STATE_COOKIE_PATH = '/api/auth/oidc';

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The callback is a page the browser navigates to: a refusal is a page, with its code. */
function refusalPage(reply: FastifyReply, status: number, code: string, message: string): FastifyReply {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign-in refused</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Sign-in refused</h1><p id="reason" data-code="${escapeHtml(code)}">${escapeHtml(message)}</p>
<p><a href="/login">Back to sign-in</a></p></main></body></html>`;
  return reply.status(status).type('text/html; charset=utf-8').send(html);
}

export const ssoRoutes: FastifyPluginAsyncTypebox<SsoRoutesOptions> = async (app, options) => {
  const { store, clients, sealer, service, sso, publicOrigin, secureCookies } = options;
  const stateCookie = { httpOnly: true, sameSite: 'lax' as const, secure: secureCookies, path: STATE_COOKIE_PATH };

  app.get(
    '/api/auth/providers',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'The single sign-on providers, for the sign-in page',
        response: { 200: Type.Array(SsoProvider) },
      },
    },
    async () =>
      [...clients.values()].map(({ provider }) => ({
        name: provider.name,
        label: provider.label,
        startUrl: `/api/auth/oidc/${provider.name}/start`,
      })),
  );

  app.get(
    '/api/auth/oidc/:provider/start',
    {
      // Reached without signing in (a link from an email or a calendar, or the sign-in itself).
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Start single sign-on: redirects to the provider (state, nonce and PKCE verifier in a signed, 10-minute cookie)',
        params: ProviderParams,
        response: { 404: ErrorResponse, 503: ErrorResponse },
      },
    },
    async (request, reply) => {
      const client = clients.get(request.params.provider);
      if (!client) throw notFound('The sign-in provider');
      let started: Awaited<ReturnType<OidcClient['start']>>;
      try {
        started = await client.start();
      } catch (error) {
        request.log.error({ err: error, provider: client.provider.name }, 'could not reach the sign-in provider');
        throw new AppError('UNAVAILABLE', 'The sign-in provider cannot be reached; try again later.');
      }
      const { url, ...checks } = started;
      void reply.setCookie(OIDC_STATE_COOKIE, sealer.seal({ p: client.provider.name, ...checks }), {
        ...stateCookie,
        maxAge: OIDC_STATE_TTL_MS / 1000,
      });
      return reply.redirect(url, 302);
    },
  );

  app.get(
    '/api/auth/oidc/:provider/callback',
    {
      // Reached without signing in (a link from an email or a calendar, or the sign-in itself).
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Where the provider sends the browser back: signs in and redirects to /, or shows why not',
        params: ProviderParams,
      },
      // The query holds the authorization code: keep it out of the request log.
      logLevel: 'warn',
    },
    async (request, reply) => {
      const client = clients.get(request.params.provider);
      if (!client) return refusalPage(reply, 404, 'NOT_FOUND', 'This sign-in provider is not configured.');
      const checks = sealer.open(request.cookies[OIDC_STATE_COOKIE]);
      void reply.clearCookie(OIDC_STATE_COOKIE, stateCookie);
      if (!checks || checks.p !== client.provider.name) {
        return refusalPage(reply, 400, 'SSO_FAILED', 'This sign-in took too long or did not start here; please start again.');
      }
      const callbackUrl = new URL(request.url, publicOrigin);
      if (callbackUrl.searchParams.has('error')) {
        return refusalPage(
          reply,
          400,
          'SSO_FAILED',
          `The provider refused the sign-in (${callbackUrl.searchParams.get('error')}).`,
        );
      }
      let identity: OidcIdentity;
      try {
        identity = await client.finish(callbackUrl, checks);
      } catch (error) {
        request.log.warn({ err: error, provider: client.provider.name }, 'single sign-on failed');
        return refusalPage(reply, 400, 'SSO_FAILED', 'The sign-in could not be verified; please start again.');
      }
      let user: User;
      try {
        user = await service.personOf(client.provider.name, identity);
      } catch (error) {
        if (!(error instanceof AppError)) throw error;
        return refusalPage(reply, error.statusCode, error.code, error.message);
      }
      await app.signIn(reply, user.id, { method: 'oidc', provider: client.provider.name });
      return reply.redirect('/', 302);
    },
  );

  app.patch(
    '/api/users/:id/password-login',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary: 'Turn password sign-in on or off for one person (secretariat only); off: single sign-on only',
        params: IdParams,
        body: PasswordLoginBody,
        response: { 200: PasswordLoginState, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['secretariat']);
      const { id } = request.params;
      const { enabled } = request.body;
      await store.db.transaction(async (tx) => {
        const user = await store.users.byId(id, tx);
        if (!user) throw notFound('The user');
        // Password sign-in already on (off): the same answer, nothing recorded.
        if (!(await sso.setPasswordLogin(id, enabled, actor.id, tx))) return;
        await store.audit.record(
          { actorId: actor.id, action: 'user.password-login', subject: `user:${id}`, detail: { enabled } },
          tx,
        );
      });
      return { id, passwordLogin: enabled };
    },
  );
};
