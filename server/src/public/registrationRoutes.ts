/**
 * Registration for a public meeting: the JSON API (public POST; the secretariat's list, CSV and
 * open/close switch) and the HTML form that works without script (GET the form, POST it, 303).
 */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { STAKEHOLDER_GROUPS, type StakeholderGroup } from '../../../shared/roles.ts';
import { LangQuery, MeetingParams, refusals } from '../../../shared/schemas/common.ts';
import {
  PublicDocument,
  PublicMeetingParams,
  RegistrationAccepted,
  RegistrationBody,
  RegistrationFormToken,
  RegistrationSchema,
  RegistrationSettings,
  RegistrationStatus,
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
import { countOf, type Words, wordsFor } from './publicText.ts';
import {
  FIELD_MAX,
  type FieldProblem,
  MIN_FILL_SECONDS,
  REFUSALS,
  type RegistrationService,
  type RegistrationState,
  registrationsCsv,
} from './registrationService.ts';

/** Sign-ups a minute from one address. */
export const REGISTRATIONS_PER_MINUTE = 10;

const perAddress = (max: number) => ({
  rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.ip },
});

/**
 * The section of the meeting page that leads to the form (no token in it, so the page stays cacheable).
 * An archived meeting's says only that it is archived and registration closed: its intro invites
 * people to register, which nobody can any more.
 */
export function registrationSection(words: Words, links: Links, state: RegistrationState): Html {
  const text = words.text.registration;
  return html`<section aria-labelledby="register"><h2 id="register">${words.text.meeting.takePart}</h2>
${
  state === 'archived'
    ? html`<p>${text.archived}</p>`
    : html`<p>${text.intro}</p>
${state === 'open' ? html`<p><a href="${links.register}">${text.link}</a></p>` : html`<p>${text.closed}</p>`}`
}
</section>`;
}

/** The form's page when the meeting takes no registration: why, and the way back to the meeting. */
function closedBody(meeting: { title: string }, links: Links, words: Words, state: 'closed' | 'archived'): Html {
  const text = words.text.registration;
  return html`<p dir="auto"><a href="${links.meeting}">${meeting.title}</a></p>
<h1>${text.heading}</h1>
<p>${state === 'archived' ? text.archived : text.closed}</p>`;
}

/** What the visitor typed, given back after a refusal so that they fix only what is wrong. Never the honeypot nor the form time. */
interface FormValues {
  name: string;
  email: string;
  group: string;
  country: string;
  affiliation: string;
}

const EMPTY_FORM: FormValues = { name: '', email: '', group: '', country: '', affiliation: '' };

/** The typed values of a posted form (absent or not text: empty). */
function valuesOf(body: unknown): FormValues {
  const fields = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const text = (name: keyof FormValues) => (typeof fields[name] === 'string' ? (fields[name] as string) : '');
  return {
    name: text('name'),
    email: text('email'),
    group: text('group'),
    country: text('country'),
    affiliation: text('affiliation'),
  };
}

/** Why the form was refused: a sentence for the whole form, and a sentence beside each wrong field. */
interface Refusal {
  message: string | null;
  fields: Partial<Record<FieldProblem['field'], string>>;
}

/** The sentence beside a wrong field, in the reader's language. */
function problemOf(problem: FieldProblem, words: Words): string {
  const text = words.text.registration.errors;
  if (problem.reason === 'tooLong') {
    const max = FIELD_MAX[problem.field as keyof typeof FIELD_MAX];
    return fill(text.tooLong, { max: new Intl.NumberFormat(words.locale).format(max) });
  }
  if (problem.field === 'affiliation') return text.invalid;
  return text[problem.field];
}

/** Why the service (or the rate limit) refused a registration, in the reader's language (its own message is the API's English). */
function refusalOf(error: AppError, words: Words): Refusal {
  const text = words.text.registration.errors;
  const details = error.details as { field?: string; problems?: FieldProblem[]; retryAfter?: number } | undefined;
  switch (error.code) {
    case 'RATE_LIMITED':
      return {
        message: details?.retryAfter === undefined ? text.rateLimited : countOf(words, text.retryIn, details.retryAfter),
        fields: {},
      };
    case 'REGISTRATION_CLOSED':
      return { message: words.text.registration.closed, fields: {} };
    case 'REGISTRATION_REFUSED': {
      const reason = (Object.keys(REFUSALS) as (keyof typeof REFUSALS)[]).find((key) => REFUSALS[key] === error.message);
      return { message: text[reason ?? 'formToken'], fields: {} };
    }
    default: {
      const problems = details?.problems ?? [];
      if (!problems.length) return { message: text.invalid, fields: {} };
      return { message: null, fields: Object.fromEntries(problems.map((problem) => [problem.field, problemOf(problem, words)])) };
    }
  }
}

/** The id of a field's input, which the summary links to. */
const inputId = (field: keyof FormValues) => `reg-${field}`;

/**
 * The form. After a refusal: a summary at the top (focused on load, and an alert) that links to
 * each wrong field, each wrong field marked invalid and described by its own sentence beside it,
 * and the values as they were typed (escaped like all text).
 */
function formBody(
  meeting: { id: string; title: string },
  links: Links,
  words: Words,
  formToken: string,
  values: FormValues = EMPTY_FORM,
  refusal: Refusal | null = null,
): Html {
  const text = words.text.registration;
  const wrong = refusal?.fields ?? {};
  // The attributes that tie a wrong field to its sentence, and the sentence itself.
  const invalid = (field: keyof FormValues) =>
    wrong[field] ? html` aria-invalid="true" aria-describedby="${inputId(field)}-error"` : '';
  const said = (field: keyof FormValues) =>
    wrong[field] ? html`<p class="field-error" id="${inputId(field)}-error">${wrong[field]}</p>` : '';
  const order: (keyof FormValues)[] = ['name', 'email', 'group', 'country', 'affiliation'];
  const summary = refusal
    ? html`<div class="error-summary" role="alert" tabindex="-1" autofocus aria-labelledby="form-errors">
<h2 id="form-errors">${text.errors.summary}</h2>
${refusal.message ? html`<p>${refusal.message}</p>` : ''}
${
  Object.keys(wrong).length
    ? html`<ul>${order
        .filter((field) => wrong[field])
        .map(
          (field) =>
            html`<li><a href="#${inputId(field)}">${fill(text.errors.item, { field: text[field], message: wrong[field] ?? '' })}</a></li>`,
        )}</ul>`
    : ''
}
</div>`
    : '';
  return html`<p dir="auto"><a href="${links.meeting}">${meeting.title}</a></p>
<h1>${text.heading}</h1>
${summary}
<form method="post" action="${links.register}">
<input type="hidden" name="formToken" value="${formToken}">
<label>${text.name} <input id="${inputId('name')}" name="name" type="text" dir="auto" required maxlength="200" autocomplete="name" value="${values.name}"${invalid('name')}></label>
${said('name')}
<label>${text.email} <input id="${inputId('email')}" name="email" type="email" dir="ltr" required maxlength="254" autocomplete="email" value="${values.email}"${invalid('email')}></label>
${said('email')}
<label>${text.group} <select id="${inputId('group')}" name="group" required${invalid('group')}><option value=""${STAKEHOLDER_GROUPS.includes(values.group as StakeholderGroup) ? '' : html` selected`}>${text.choose}</option>${STAKEHOLDER_GROUPS.map((group) => html`<option value="${group}"${group === values.group ? html` selected` : ''}>${words.store.stakeholderGroup[group]}</option>`)}</select></label>
${said('group')}
<label>${text.country} <input id="${inputId('country')}" name="country" type="text" dir="auto" required maxlength="100" autocomplete="country-name" value="${values.country}"${invalid('country')}></label>
${said('country')}
<label>${fill(text.optional, { field: text.affiliation })} <input id="${inputId('affiliation')}" name="affiliation" type="text" dir="auto" maxlength="200" autocomplete="organization" value="${values.affiliation}"${invalid('affiliation')}></label>
${said('affiliation')}
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
        summary: 'The registrations as CSV, in ?lang= or the reader’s language (secretariat, chair)',
        params: MeetingParams,
        querystring: LangQuery,
        response: { 200: PublicDocument, ...refusals(401, 403, 404) },
      },
    },
    async (request, reply) => {
      const rows = await service.list(requireUser(request), request.params.meetingId);
      return sendFile(reply, {
        type: 'text/csv; charset=utf-8',
        disposition: 'attachment',
        fileName: `${request.params.meetingId}-registrations.csv`,
        body: registrationsCsv(rows, requestLanguage(request)),
      });
    },
  );

  app.get(
    '/api/meetings/:meetingId/registration',
    {
      schema: {
        tags,
        summary: 'Whether registration for a public meeting is open, and whether the meeting is archived (secretariat, chair)',
        params: MeetingParams,
        response: { 200: RegistrationStatus, ...refusals(401, 403, 404) },
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
        response: { 200: RegistrationSettings, ...refusals(400, 401, 403, 404, 409) },
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
      const state = await service.state(meeting.id);
      const { words, links } = wordsOf(request, meeting.id);
      const body =
        state === 'open'
          ? formBody(meeting, links, words, service.formToken(meeting.id))
          : closedBody(meeting, links, words, state);
      // With the app's no-referrer policy a form's POST carries `Origin: null`, which the cross-site check refuses.
      return reply
        .header('cache-control', 'no-store')
        .header('referrer-policy', 'same-origin')
        .type('text/html; charset=utf-8')
        .send(page(formMeta(meeting, links, words, origin), body, words));
    },
  );

  /** The form again, with the reason, the wrong fields and the typed values, in the status of the refusal. */
  const refusalPage = async (
    request: FastifyRequest<{ Params: { meetingId: string } }>,
    reply: FastifyReply,
    error: AppError,
  ) => {
    const meeting = await service.options().pages.meeting(request.params.meetingId);
    const { words, links } = wordsOf(request, meeting.id);
    // An archived meeting, or one whose registration is closed, takes no registration at all: no form to fix and send again.
    const closed = error.code === 'MEETING_ARCHIVED' ? 'archived' : error.code === 'REGISTRATION_CLOSED' ? 'closed' : null;
    const body = closed
      ? closedBody(meeting, links, words, closed)
      : formBody(meeting, links, words, service.formToken(meeting.id), valuesOf(request.body), refusalOf(error, words));
    const retryAfter = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
    // The per-domain limit says "in a minute"; the route's limit has set its own Retry-After already.
    if (error.code === 'RATE_LIMITED' && retryAfter === undefined) reply.header('retry-after', '60');
    return reply
      .code(error.statusCode)
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'same-origin')
      .type('text/html; charset=utf-8')
      .send(page(formMeta(meeting, links, words, origin), body, words));
  };

  app.post(
    '/public/meetings/:meetingId/register',
    {
      config: {
        rateLimit: {
          ...perAddress(REGISTRATIONS_PER_MINUTE).rateLimit,
          // The wait in seconds, so that the page can say it in the reader's language (the app's builder gives English only).
          errorResponseBuilder: (_request, context) =>
            new AppError('RATE_LIMITED', `Too many requests; try again in ${context.after}.`, {
              retryAfter: Math.max(1, Math.ceil(context.ttl / 1000)),
            }),
        },
      },
      // The rate limit and the meeting guard (an archived meeting) refuse before the handler runs: a person who
      // sent the form gets a page in their language, never the API's JSON.
      errorHandler: async (error, request, reply) => {
        if (!(error instanceof AppError) || (error.code !== 'RATE_LIMITED' && error.code !== 'MEETING_ARCHIVED')) throw error;
        return refusalPage(request, reply, error);
      },
      schema: {
        tags,
        summary: 'The registration form’s POST: 303 to the thank-you page, or the form again with the reason',
        params: PublicMeetingParams,
      },
    },
    async (request, reply) => {
      const meeting = await service.options().pages.meeting(request.params.meetingId);
      const { words, links } = wordsOf(request, meeting.id);
      const fields = valuesOf(request.body);
      const posted = (request.body ?? {}) as Record<string, unknown>;
      try {
        await service.register(
          meeting.id,
          {
            ...fields,
            group: fields.group as never,
            website: typeof posted.website === 'string' ? posted.website : '',
            formToken: typeof posted.formToken === 'string' ? posted.formToken : '',
          },
          words.language,
        );
      } catch (error) {
        if (!(error instanceof AppError) || error.code === 'NOT_FOUND') throw error;
        return refusalPage(request, reply, error);
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
