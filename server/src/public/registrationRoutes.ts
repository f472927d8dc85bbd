/**
 * Registration for a public meeting: the JSON API (public POST; the secretariat's list, CSV and
 * open/close switch) and the HTML form that works without script (GET the form, POST it, 303).
 */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import { MeetingParams, refusals } from '../../../shared/schemas/common.ts';
import {
  PublicDocument,
  PublicMeetingParams,
  RegistrationAccepted,
  RegistrationBody,
  RegistrationFormToken,
  RegistrationSchema,
  RegistrationSettings,
} from '../../../shared/schemas/public.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { AppError } from '../http/appError.ts';
import { sendFile } from '../http/fileReply.ts';
import { requestLanguage } from '../i18n/requestLanguage.ts';
import { fill } from '../i18n/serverText.ts';
import { type Html, html } from './html.ts';
import { page } from './publicLayout.ts';
import type { Links } from './publicPages.ts';
import { wordsOf } from './publicRoutes.ts';
import { type Words, wordsFor } from './publicText.ts';
import { MIN_FILL_SECONDS, REFUSALS, type RegistrationService, registrationsCsv } from './registrationService.ts';

/** Sign-ups a minute from one address. */
export const REGISTRATIONS_PER_MINUTE = 10;

const perAddress = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.ip },
});

/** The section of the meeting page that leads to the form (no token in it, so the page stays cacheable). */
export function registrationSection(words: Words, links: Links, open: boolean): Html {
  const text = words.text.registration;
  return html`<section aria-labelledby="register"><h2 id="register">${words.text.meeting.takePart}</h2>
<p>${text.intro}</p>
${open ? html`<p><a href="${links.register}">${text.link}</a></p>` : html`<p>${text.closed}</p>`}
</section>`;
}

/** Why the service refused a registration, in the reader's language (its own message is the API's English). */
function refusalOf(error: AppError, words: Words): string {
  const text = words.text.registration.errors;
  const field = (error.details as { field?: string } | undefined)?.field;
  switch (error.code) {
    case 'RATE_LIMITED':
      return text.rateLimited;
    case 'REGISTRATION_CLOSED':
      return words.text.registration.closed;
    case 'ALREADY_REGISTERED':
      return text.alreadyRegistered;
    case 'REGISTRATION_REFUSED': {
      const reason = (Object.keys(REFUSALS) as (keyof typeof REFUSALS)[]).find((key) => REFUSALS[key] === error.message);
      return text[reason ?? 'formToken'];
    }
    default:
      return field === 'email' || field === 'name' || field === 'country' ? text[field] : text.invalid;
  }
}

function formBody(
  meeting: { id: string; title: string },
  links: Links,
  words: Words,
  formToken: string,
  message: string | null,
): Html {
  const text = words.text.registration;
  return html`<p dir="auto"><a href="${links.meeting}">${meeting.title}</a></p>
<h1>${text.heading}</h1>
${message ? html`<p role="alert">${message}</p>` : ''}
<form method="post" action="${links.register}">
<input type="hidden" name="formToken" value="${formToken}">
<label>${text.name} <input name="name" type="text" dir="auto" required maxlength="200" autocomplete="name"></label>
<label>${text.email} <input name="email" type="email" dir="ltr" required maxlength="254" autocomplete="email"></label>
<label>${text.group} <select name="group" required>${STAKEHOLDER_GROUPS.map((group) => html`<option value="${group}">${text.groups[group]}</option>`)}</select></label>
<label>${text.country} <input name="country" type="text" dir="auto" required maxlength="100" autocomplete="country-name"></label>
<label>${text.affiliation} <input name="affiliation" type="text" dir="auto" maxlength="200" autocomplete="organization"></label>
<div class="trap" aria-hidden="true"><label>${text.trap} <input name="website" type="text" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">${text.submit}</button>
</form>`;
}

/** The head of the form's pages. */
const formMeta = (meeting: { title: string }, links: Links, words: Words, origin: string) => ({
  title: fill(words.text.registration.title, { title: meeting.title }),
  description: fill(words.text.registration.description, { title: meeting.title }),
  canonical: `${origin}${links.register}`,
});

export const registrationRoutes: FastifyPluginAsyncTypebox<{ service: RegistrationService; origin: string }> = async (
  app,
  { service, origin },
) => {
  const tags = ['registrations'];
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
    done(null, Object.fromEntries(new URLSearchParams(String(body))));
  });

  app.get(
    '/api/meetings/:meetingId/registrations/form',
    {
      config: { public: true, ...perAddress(60) },
      schema: {
        tags,
        summary: 'A signed form time to send back with a registration (public meetings)',
        params: MeetingParams,
        response: { 200: RegistrationFormToken, ...refusals(404) },
      },
    },
    async (request) => {
      const meeting = await service.options().pages.meeting(request.params.meetingId);
      return { formToken: service.formToken(meeting.id), minSeconds: MIN_FILL_SECONDS };
    },
  );

  app.post(
    '/api/meetings/:meetingId/registrations',
    {
      config: { public: true, ...perAddress(REGISTRATIONS_PER_MINUTE) },
      schema: {
        tags,
        summary: 'Register for a public meeting as an observer; a confirmation link is emailed (no sign-in)',
        params: MeetingParams,
        body: RegistrationBody,
        response: { 202: RegistrationAccepted, ...refusals(400, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      await service.register(request.params.meetingId, request.body, requestLanguage(request));
      const message = wordsFor(requestLanguage(request), false).text.registration.pending;
      return reply.code(202).send({ status: 'pending' as const, message });
    },
  );

  app.get(
    '/api/meetings/:meetingId/registrations',
    {
      schema: {
        tags,
        summary: 'The registrations of a public meeting (secretariat, chair)',
        params: MeetingParams,
        response: { 200: Type.Array(RegistrationSchema), ...refusals(401, 403, 404) },
      },
    },
    async (request) => service.list(requireUser(request), request.params.meetingId),
  );

  app.get(
    '/api/meetings/:meetingId/registrations.csv',
    {
      schema: {
        tags,
        summary: 'The registrations as CSV (secretariat, chair)',
        params: MeetingParams,
        response: { 200: PublicDocument, ...refusals(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rows = await service.list(requireUser(request), request.params.meetingId);
      return sendFile(reply, {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment',
        fileName: `${request.params.meetingId}-registrations.csv`,
        body: registrationsCsv(rows),
      });
    },
  );

  app.get(
    '/api/meetings/:meetingId/registration',
    {
      schema: {
        tags,
        summary: 'Whether registration for a public meeting is open (secretariat, chair)',
        params: MeetingParams,
        response: { 200: RegistrationSettings, ...refusals(401, 403, 404) },
      },
    },
    async (request) => service.settings(requireUser(request), request.params.meetingId),
  );

  app.patch(
    '/api/meetings/:meetingId/registration',
    {
      schema: {
        tags,
        summary: 'Open or close registration for a public meeting (secretariat, chair)',
        params: MeetingParams,
        body: RegistrationSettings,
        response: { 200: RegistrationSettings, ...refusals(400, 401, 403, 404) },
      },
    },
    async (request) => service.setOpen(requireUser(request), request.params.meetingId, request.body.open),
  );

  // The form without script: never cached, since it carries a fresh form time.
  app.get(
    '/public/meetings/:meetingId/register',
    {
      config: perAddress(60),
      schema: {
        tags,
        summary: 'The registration form (HTML)',
        params: PublicMeetingParams,
        response: { 200: PublicDocument, ...refusals(404) },
      },
    },
    async (request, reply) => {
      const meeting = await service.options().pages.meeting(request.params.meetingId);
      const open = await service.isOpen(meeting.id);
      const { words, links } = wordsOf(request, meeting.id);
      const text = words.text.registration;
      const body = open
        ? formBody(meeting, links, words, service.formToken(meeting.id), null)
        : html`<h1>${text.heading}</h1><p>${text.closed}</p>`;
      // With the app's no-referrer policy a form's POST carries `Origin: null`, which the cross-site check refuses.
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(page(formMeta(meeting, links, words, origin), body, words));
    },
  );

  app.post(
    '/public/meetings/:meetingId/register',
    {
      config: perAddress(REGISTRATIONS_PER_MINUTE),
      schema: {
        tags,
        summary: 'The registration form’s POST: 303 to the thank-you page, or the form again with the reason',
        params: PublicMeetingParams,
      },
    },
    async (request, reply) => {
      const meeting = await service.options().pages.meeting(request.params.meetingId);
      const { words, links } = wordsOf(request, meeting.id);
      const fields = (request.body ?? {}) as Record<string, string>;
      try {
        await service.register(
          meeting.id,
          {
            name: fields.name ?? '',
            email: fields.email ?? '',
            group: (fields.group ?? '') as never,
            country: fields.country ?? '',
            affiliation: fields.affiliation ?? '',
            website: fields.website ?? '',
            formToken: fields.formToken ?? '',
          },
          words.language,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
        const status =
          error.code === 'RATE_LIMITED' ? 429 : error.code === 'REGISTRATION_REFUSED' || error.code === 'BAD_REQUEST' ? 400 : 409;
        return reply
          .code(status)
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'same-origin')
          .type('text/html; charset=utf-8')
          .send(
            page(
              formMeta(meeting, links, words, origin),
              formBody(meeting, links, words, service.formToken(meeting.id), refusalOf(error, words)),
              words,
            ),
          );
      }
      return reply.code(303).header('location', links.registered).send();
    },
  );

  app.get(
    '/public/meetings/:meetingId/register/sent',
    {
      config: perAddress(60),
      schema: {
        tags,
        summary: 'After registering: check your email (HTML)',
        params: PublicMeetingParams,
        response: { 200: PublicDocument, ...refusals(404) },
      },
    },
    async (request, reply) => {
      const meeting = await service.options().pages.meeting(request.params.meetingId);
      const { words, links } = wordsOf(request, meeting.id);
      const text = words.text.registration;
      const meta = {
        title: fill(text.sentTitle, { title: meeting.title }),
        description: text.pending,
        canonical: `${origin}${links.registered}`,
      };
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            meta,
            html`<p dir="auto"><a href="${links.meeting}">${meeting.title}</a></p><h1>${text.sentHeading}</h1><p role="status">${text.pending}</p>`,
            words,
          ),
        );
    },
  );
};
