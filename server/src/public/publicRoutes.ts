/**
 * The public pages of a `public` meeting: no sign-in, no inline script (one same-origin deferred
 * script for live updating, which the pages do not need), cached (ETag and a short
 * max-age, so a crowd of readers costs the live session little) and rate-limited per address.
 * Every route answers 404 for a `mag` meeting, signed in or not.
 */
import { readFileSync } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayIso } from '../../../shared/dueDates.ts';
import { refusals } from '../../../shared/schemas/common.ts';
import {
  PublicAttachmentParams,
  PublicDocument,
  PublicFingerprint,
  PublicMeetingParams,
  PublicPollParams,
  PublicVersionParams,
} from '../../../shared/schemas/public.ts';
import { contentDisposition } from '../attachments/fileName.ts';
import { publicLanguage } from '../i18n/requestLanguage.ts';
import { fill, labelled, serverText } from '../i18n/serverText.ts';
import { renderDocx } from '../meetingRecord/pack/packDocx.ts';
import { renderHtml } from '../meetingRecord/pack/packHtml.ts';
import { renderMarkdown } from '../meetingRecord/pack/packMarkdown.ts';
import { etagOf } from './contentHash.ts';
import { type Html, html } from './html.ts';
import type { PublicAttachment } from './publicAttachments.ts';
import { renderFeed } from './publicFeed.ts';
import { LIVE_SCRIPT_PATH, page } from './publicLayout.ts';
import { PublicPageCache, type RenderedPage } from './publicPageCache.ts';
import { dateRange, formOf, type Links, meetingBody, pollBody, versionBody } from './publicPages.ts';
import { type PublicService, publicAttachmentPath } from './publicService.ts';
import { countOf, type Words, wordsFor } from './publicText.ts';

export interface PublicRouteOptions {
  service: PublicService;
  /** The first PUBLIC_ORIGIN: canonical URLs and the feed's ids. */
  origin: string;
  /** Requests per minute per address on each public route. */
  perMinute: number;
  /** Requests per minute per address on the fingerprint route that the live script polls. */
  livePerMinute: number;
  /** Counts each public page served (a public reader counts here, not in "Here now"). */
  countView?: (route: string, status: number) => void;
  /** The registration section of the meeting page (the registration feature fills it in). */
  registrationForm?: (meetingId: string, words: Words, links: Links) => Promise<Html>;
  /** The rendered pages (meeting page, feed, versions, polls, packs) shared between readers (the routes' own by default). */
  pageCache?: PublicPageCache;
}

export const MAX_AGE_SECONDS = 30;

/** Read once: the script is static, so its ETag (its content's hash) holds for the process's life. */
const LIVE_SCRIPT = readFileSync(new URL('./assets/live.js', import.meta.url), 'utf8');

/** The addresses of a meeting's public pages; `query` (`?lang=xx` or '') is kept on those said in a language. */
export function linksOf(meetingId: string, query = ''): Links {
  const base = `/public/meetings/${encodeURIComponent(meetingId)}`;
  return {
    meeting: `${base}${query}`,
    feed: `${base}/feed.atom${query}`,
    live: `${base}/live`,
    version: (id) => `${base}/versions/${encodeURIComponent(id)}${query}`,
    // The exported content a digest is of: the same bytes in every language.
    versionMd: (id) => `${base}/versions/${encodeURIComponent(id)}.md`,
    poll: (id) => `${base}/polls/${encodeURIComponent(id)}${query}`,
    pack: (format) => `${base}/pack.${format}${query}`,
    attachment: (id) => publicAttachmentPath(meetingId, id),
    register: `${base}/register${query}`,
    registered: `${base}/register/sent${query}`,
  };
}

/** The language a public page is said in, and its links that keep it. */
export function wordsOf(request: FastifyRequest, meetingId: string): { words: Words; links: Links } {
  const { language, chosen } = publicLanguage(request);
  const words = wordsFor(language, chosen);
  return { words, links: linksOf(meetingId, words.query) };
}

/** Sets the ETag and cache headers; true when the reader already has this content (answer 304). */
function cachedByReader(request: FastifyRequest, reply: FastifyReply, etag: string, said: boolean): boolean {
  // What is said in words (pages, feed, pack) follows Accept-Language unless ?lang= is given; files and scripts do not.
  void reply
    .header('etag', etag)
    .header('cache-control', `public, max-age=${MAX_AGE_SECONDS}`)
    .header('vary', said ? 'accept-encoding, accept-language' : 'accept-encoding');
  const asked = request.headers['if-none-match'];
  // RFC 9110 §13.1.2: `*` matches any current representation (these routes answer 404 before
  // asking, when there is none); otherwise weak comparison, a list matching if any of it does.
  return (
    asked?.split(',').some((tag) => {
      const trimmed = tag.trim();
      return trimmed === '*' || trimmed.replace(/^W\//, '') === etag;
    }) ?? false
  );
}

/**
 * Sends `body` with an ETag of its content; answers 304 when the reader already has it. `said`: the
 * body is in the reader's language (it varies with Accept-Language).
 */
export function sendCached(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  body: string | Buffer,
  said = true,
): FastifyReply {
  if (cachedByReader(request, reply, etagOf(body), said)) return reply.code(304).send();
  return reply.type(type).send(body);
}

/** Sends a page rendered once for many readers, with the ETag made at its render (`sendCached`'s, unhashed again). */
function sendRendered(
  request: FastifyRequest,
  reply: FastifyReply,
  type: string,
  rendered: RenderedPage,
  said = true,
): FastifyReply {
  if (cachedByReader(request, reply, rendered.etag, said)) return reply.code(304).send();
  return reply.type(type).send(rendered.body);
}

// A public file is never run or rendered as a page of this site: it is saved, sandboxed, and typed by its content.
const FILE_CSP = "default-src 'none'; sandbox; frame-ancestors 'none'";

/** Sends a public attachment to save, typed by its content, with its SHA-256 as the ETag (files are stored by it). */
function sendPublicFile(request: FastifyRequest, reply: FastifyReply, file: PublicAttachment, stream: Readable): FastifyReply {
  void reply
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', FILE_CSP)
    .header('content-disposition', contentDisposition('attachment', file.name));
  if (cachedByReader(request, reply, `"${file.sha256}"`, false)) {
    stream.destroy();
    return reply.code(304).send();
  }
  return reply.type(file.mime).header('content-length', String(file.size)).send(stream);
}

const HTML = 'text/html; charset=utf-8';
const errors = refusals(404);

export const publicRoutes: FastifyPluginAsyncTypebox<PublicRouteOptions> = async (
  app,
  { service, origin, perMinute, livePerMinute, countView, registrationForm, pageCache },
) => {
  const pages = pageCache ?? new PublicPageCache();
  /**
   * A page of the meeting rendered once for every reader asking for it while the meeting is as it is. The
   * fingerprint first, read after the request arrived (so a change stored before it is shown), then the page
   * read after that: a page is at least as new as the fingerprint it is kept under, so a reader given it never
   * misses a change (at worst reloads once more). A `mag` or unknown meeting is refused here, before anything is
   * kept; an unknown version or poll is refused by its render, which is not kept. The key holds everything the
   * page is rendered from: the meeting's content (its fingerprint), which page (`kind`: its route and id), the
   * language and whether it was chosen (`query`: `?lang=` kept in the links; '' for a page with no links in a
   * language), and the UTC day (an action turns overdue with it). The origin is the server's. Nothing of the
   * reader: no public page has a sign-in nor a form token. Only pages drawn from what the fingerprint covers
   * may come through here (docs/public-consultation.md, "One render per change, shared").
   */
  const shared = async (
    meetingId: string,
    kind: readonly string[],
    { language, query }: { language: string; query: string },
    render: (fingerprint: string) => Promise<string | Buffer>,
  ): Promise<RenderedPage> => {
    const fingerprint = await service.freshFingerprint(meetingId);
    const key = JSON.stringify([meetingId, ...kind, language, query, todayIso(), fingerprint]);
    return pages.get(key, () => render(fingerprint));
  };
  if (countView) {
    app.addHook('onResponse', async (request, reply) => countView(request.routeOptions.url ?? 'unknown', reply.statusCode));
  }
  const limit = (max: number) => ({
    rateLimit: { max, timeWindow: 60_000, keyGenerator: (request: FastifyRequest) => request.ip },
  });
  const config = limit(perMinute);
  const tags = ['public'];

  app.get(
    '/public/meetings/:meetingId',
    {
      config,
      schema: {
        tags,
        summary: 'The public page of a public meeting (HTML; its one script only adds live updating)',
        params: PublicMeetingParams,
        response: { 200: PublicDocument, ...errors },
      },
    },
    async (request, reply) => {
      const { words, links } = wordsOf(request, request.params.meetingId);
      const rendered = await shared(request.params.meetingId, ['meeting'], words, async (fingerprint) => {
        const view = await service.view(request.params.meetingId, words.language);
        const registration = registrationForm ? await registrationForm(view.meeting.id, words, links) : html``;
        return page(
          {
            title: view.meeting.title,
            description: fill(words.text.meeting.description, {
              dates: dateRange(view.meeting, words),
              form: formOf(view.meeting, words),
            }),
            canonical: `${origin}${links.meeting}`,
            feed: links.feed,
            live: { url: links.live, fingerprint },
          },
          meetingBody(view, links, registration, words),
          words,
        );
      });
      return sendRendered(request, reply, HTML, rendered);
    },
  );

  app.get(
    '/public/meetings/:meetingId/live',
    {
      config: limit(livePerMinute),
      schema: {
        tags,
        summary:
          'A hash of what the public meeting page shows; the page’s script polls it and reloads the content when it changes',
        params: PublicMeetingParams,
        response: { 200: PublicFingerprint, ...errors },
      },
    },
    async (request, reply) => {
      void reply.header('cache-control', 'no-store');
      return { fingerprint: await service.fingerprint(request.params.meetingId) };
    },
  );

  app.get(
    LIVE_SCRIPT_PATH,
    { config, schema: { tags, summary: 'The public meeting page’s live-updating script', response: { 200: PublicDocument } } },
    async (request, reply) => sendCached(request, reply, 'text/javascript; charset=utf-8', LIVE_SCRIPT, false),
  );

  app.get(
    '/public/meetings/:meetingId/feed.atom',
    {
      config,
      schema: {
        tags,
        summary: 'An Atom feed of a public meeting’s changes',
        params: PublicMeetingParams,
        response: { 200: PublicDocument, ...errors },
      },
    },
    async (request, reply) => {
      const { meetingId } = request.params;
      const { words, links } = wordsOf(request, meetingId);
      const rendered = await shared(meetingId, ['feed'], words, async () =>
        renderFeed(await service.view(meetingId, words.language), links, origin, words),
      );
      return sendRendered(request, reply, 'application/atom+xml; charset=utf-8', rendered);
    },
  );

  app.get(
    '/public/meetings/:meetingId/versions/:versionId',
    {
      config,
      schema: {
        tags,
        summary: 'A named version of the agenda, with the SHA-256 of its exported content; `…/:versionId.md` is that content',
        params: PublicVersionParams,
        response: { 200: PublicDocument, ...errors },
      },
    },
    async (request, reply) => {
      const { meetingId, versionId: raw } = request.params;
      const markdown = raw.endsWith('.md');
      const versionId = markdown ? raw.slice(0, -3) : raw;
      if (markdown) {
        // The exported content: the same bytes in every language.
        const rendered = await shared(meetingId, ['version.md', versionId], { language: '', query: '' }, async () => {
          return (await service.version(meetingId, versionId)).markdown;
        });
        return sendRendered(request, reply, 'text/markdown; charset=utf-8', rendered, false);
      }
      const { words, links } = wordsOf(request, meetingId);
      const rendered = await shared(meetingId, ['version', versionId], words, async () => {
        const view = await service.version(meetingId, versionId);
        const text = words.text.version;
        return page(
          {
            title: fill(text.title, { meeting: view.meeting.title, name: view.version.name }),
            description: fill(text.description, { name: view.version.name, digest: view.sha256 }),
            canonical: `${origin}${links.version(view.version.id)}`,
            feed: links.feed,
          },
          versionBody(view, links, words),
          words,
        );
      });
      return sendRendered(request, reply, HTML, rendered);
    },
  );

  app.get(
    '/public/meetings/:meetingId/polls/:pollId',
    {
      config,
      schema: {
        tags,
        summary: 'The permanent page of a closed poll and its results',
        params: PublicPollParams,
        response: { 200: PublicDocument, ...errors },
      },
    },
    async (request, reply) => {
      const { meetingId, pollId } = request.params;
      const { words, links } = wordsOf(request, meetingId);
      const rendered = await shared(meetingId, ['poll', pollId], words, async () => {
        const { meeting, poll, version } = await service.poll(meetingId, pollId);
        const ballots = countOf(words, words.text.poll.ballots, poll.results.ballots);
        return page(
          {
            title: labelled(serverText(words.language), meeting.title, poll.poll.question),
            description: fill(words.text.poll.description, { question: poll.poll.question, ballots }),
            canonical: `${origin}${links.poll(poll.poll.id)}`,
            feed: links.feed,
          },
          pollBody(meeting, poll, links, version, words),
          words,
        );
      });
      return sendRendered(request, reply, HTML, rendered);
    },
  );

  app.get(
    '/public/meetings/:meetingId/attachments/:attachmentId',
    {
      config,
      schema: {
        tags,
        summary: 'Download the current version of a public meeting’s attachment (not one of a proposal closed to public comment)',
        params: PublicAttachmentParams,
        response: { 200: PublicDocument, ...errors },
      },
    },
    async (request, reply) => {
      const { file, stream } = await service.attachment(request.params.meetingId, request.params.attachmentId);
      return sendPublicFile(request, reply, file, stream);
    },
  );

  for (const format of ['md', 'html', 'docx'] as const) {
    app.get(
      `/public/meetings/:meetingId/pack.${format}`,
      {
        config,
        schema: {
          tags,
          summary: `The meeting pack of a public meeting (${format})`,
          params: PublicMeetingParams,
          response: { 200: PublicDocument, ...errors },
        },
      },
      async (request, reply) => {
        const { meetingId } = request.params;
        const { language } = publicLanguage(request);
        // The pack's links carry no `?lang=`: one rendering per language, whether chosen or told by the browser.
        const rendered = await shared(meetingId, ['pack', format], { language, query: '' }, async () => {
          const { pack } = await service.view(meetingId, language);
          if (format === 'md') return renderMarkdown(pack);
          if (format === 'html') return renderHtml(pack);
          return Buffer.from(await renderDocx(pack));
        });
        const name = `${meetingId}-action-items.${format}`;
        if (format === 'md') {
          void reply.header('content-disposition', `inline; filename="${name}"`);
          return sendRendered(request, reply, 'text/markdown; charset=utf-8', rendered);
        }
        if (format === 'html') {
          void reply.header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          );
          return sendRendered(request, reply, HTML, rendered);
        }
        void reply.header('content-disposition', `attachment; filename="${name}"`);
        return sendRendered(request, reply, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', rendered);
      },
    );
  }
};
