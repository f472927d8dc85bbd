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
import { type Html, html } from './html.ts';
import { page } from './publicLayout.ts';
import { linksOf } from './publicRoutes.ts';
import { MIN_FILL_SECONDS, type RegistrationService, registrationsCsv } from './registrationService.ts';

/** Sign-ups a minute from one address. */
export const REGISTRATIONS_PER_MINUTE = 10;

const perAddress = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.ip },
});
const PENDING = 'Thank you. We have sent you an email: open the link in it to confirm your registration and choose a password.';
const GROUP_LABELS: Record<(typeof STAKEHOLDER_GROUPS)[number], string> = {
  government: 'Government',
  'private-sector': 'Private sector',
  'civil-society': 'Civil society',
  'technical-community': 'Technical community',
  intergovernmental: 'Intergovernmental organization',
};

/** The section of the meeting page that leads to the form (no token in it, so the page stays cacheable). */
export function registrationSection(meetingId: string, open: boolean): Html {
  return html`<section aria-labelledby="register"><h2 id="register">Take part</h2>
<p>Anyone may follow this meeting. To comment on proposals open for public comment and vote in polls open to everyone, register as an observer.</p>
${open ? html`<p><a href="${linksOf(meetingId).register}">Register for this meeting</a></p>` : html`<p>Registration for this meeting is closed.</p>`}
</section>`;
}

function formBody(meetingId: string, title: string, formToken: string, message: string | null): Html {
  return html`<p><a href="${linksOf(meetingId).meeting}">${title}</a></p>
<h1>Register for this meeting</h1>
${message ? html`<p role="alert">${message}</p>` : ''}
<form method="post" action="${linksOf(meetingId).register}">
<input type="hidden" name="formToken" value="${formToken}">
<label>Name <input name="name" required maxlength="200" autocomplete="name"></label>
<label>Email <input name="email" type="email" required maxlength="254" autocomplete="email"></label>
<label>Stakeholder group <select name="group" required>${STAKEHOLDER_GROUPS.map((group) => html`<option value="${group}">${GROUP_LABELS[group]}</option>`)}</select></label>
<label>Country <input name="country" required maxlength="100" autocomplete="country-name"></label>
<label>Affiliation <input name="affiliation" maxlength="200" autocomplete="organization"></label>
<div class="trap" aria-hidden="true"><label>Website (leave empty) <input name="website" tabindex="-1" autocomplete="off"></label></div>
<button type="submit">Register</button>
</form>`;
}

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
      return reply.code(202).send({ status: 'pending' as const, message: PENDING });
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
      const links = linksOf(meeting.id);
      const body = open
        ? formBody(meeting.id, meeting.title, service.formToken(meeting.id), null)
        : html`<h1>Register for this meeting</h1><p>Registration for this meeting is closed.</p>`;
      const meta = {
        title: `Register: ${meeting.title}`,
        description: `Register to take part in ${meeting.title}.`,
        canonical: `${origin}${links.register}`,
      };
      // With the app's no-referrer policy a form's POST carries `Origin: null`, which the cross-site check refuses.
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(page(meta, body));
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
      const links = linksOf(meeting.id);
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
          requestLanguage(request),
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
        const meta = {
          title: `Register: ${meeting.title}`,
          description: `Register to take part in ${meeting.title}.`,
          canonical: `${origin}${links.register}`,
        };
        const status =
          error.code === 'RATE_LIMITED' ? 429 : error.code === 'REGISTRATION_REFUSED' || error.code === 'BAD_REQUEST' ? 400 : 409;
        return reply
          .code(status)
          .header('cache-control', 'no-store')
          .header('referrer-policy', 'same-origin')
          .type('text/html; charset=utf-8')
          .send(page(meta, formBody(meeting.id, meeting.title, service.formToken(meeting.id), error.message)));
      }
      return reply.code(303).header('location', `${links.register}/sent`).send();
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
      const links = linksOf(meeting.id);
      const meta = { title: `Registered: ${meeting.title}`, description: PENDING, canonical: `${origin}${links.register}/sent` };
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            meta,
            html`<p><a href="${links.meeting}">${meeting.title}</a></p><h1>Check your email</h1><p role="status">${PENDING}</p>`,
          ),
        );
    },
  );
};
