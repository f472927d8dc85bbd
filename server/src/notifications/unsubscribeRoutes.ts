/**
 * One-click unsubscribe (RFC 8058), without signing in: the link of an email's
 * `List-Unsubscribe` header. GET shows a page that asks (link scanners follow GETs, so a GET
 * changes nothing); POST, from that page or from the mail client, turns the kind off.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { directionOf, type Language } from '../../../shared/i18n/languages.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import { NotificationKindSchema } from '../../../shared/schemas/notifications.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import { fill } from '../i18n/serverText.ts';
import { catalogue } from './emailStrings.ts';
import type { NotificationService } from './notificationService.ts';

// Any length: a link cut short in an email client is told on the page that it is not valid (the
// service's 404), not answered with the API's JSON 400.
const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 1000, pattern: '^[A-Za-z0-9_.-]+$' }) });

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function page(language: Language, title: string, body: string): string {
  return `<!doctype html>
<html lang="${language}" dir="${directionOf(language)}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} — Plenary</title>
<style>body{font:1rem/1.5 system-ui,sans-serif;max-inline-size:40rem;margin-inline:auto;padding:1rem}
button{font:inherit;padding:.5rem 1rem}button:focus-visible{outline:3px solid #1d4ed8;outline-offset:2px}</style></head>
<body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>
`;
}

export const unsubscribeRoutes: FastifyPluginAsyncTypebox<{ service: NotificationService }> = async (app, { service }) => {
  // RFC 8058's POST body is `List-Unsubscribe=One-Click`, form-encoded; the token in the URL is what counts.
  app.addContentTypeParser(
    ['application/x-www-form-urlencoded', 'multipart/form-data'],
    { parseAs: 'string' },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/unsubscribe/:token',
    {
      // Reached without signing in (a link from an email or a calendar, or the sign-in itself).
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'The page of an unsubscribe link: asks before turning anything off (HTML)',
        params: TokenParams,
        response: { 200: Type.String(), 404: Type.String() },
      },
    },
    async (request, reply) => {
      // In the language of the person the link belongs to (their emails' language).
      const described = await service.describeUnsubscribe(request.params.token, requestLanguage(request));
      // same-origin, not the app's no-referrer: under no-referrer a browser posts the page's form with
      // `Origin: null`, which the cross-site check refuses, so the button never worked. The link's token
      // still goes to no other site.
      void reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').header('referrer-policy', 'same-origin');
      if (!described) {
        const language = requestLanguage(request);
        const say = catalogue(language).unsubscribePage;
        return reply.code(404).send(page(language, say.title, `<p>${escapeHtml(say.invalid)}</p>`));
      }
      const say = catalogue(described.language).unsubscribePage;
      return page(
        described.language,
        say.title,
        `<form method="post"><p>${escapeHtml(fill(say.question, { kind: described.kindName }))}</p><button type="submit">${escapeHtml(say.button)}</button></form>`,
      );
    },
  );

  app.post(
    '/api/unsubscribe/:token',
    {
      // Reached without signing in (a link from an email or a calendar, or the sign-in itself).
      config: { public: true },
      schema: {
        tags: ['notifications'],
        summary: 'One-click unsubscribe (RFC 8058): turns the link’s kind of email off; no sign-in',
        params: TokenParams,
        response: {
          200: Type.Union([Type.Object({ unsubscribed: Type.Array(NotificationKindSchema) }), Type.String()]),
          404: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const described = await service.describeUnsubscribe(request.params.token, requestLanguage(request));
      const { kinds } = await service.unsubscribe(request.params.token);
      if (described && (request.headers.accept ?? '').includes('text/html')) {
        const say = catalogue(described.language).unsubscribePage;
        return reply
          .type('text/html; charset=utf-8')
          .send(
            page(
              described.language,
              say.title,
              `<p role="status">${escapeHtml(fill(say.done, { kind: described.kindName }))}</p>`,
            ),
          );
      }
      return { unsubscribed: kinds };
    },
  );
};
