/** The meeting pack in its formats, and the deadlines as iCalendar. */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { todayIso } from '../../../../shared/dueDates.ts';
import type { Language } from '../../../../shared/i18n/languages.ts';
import { LangQuery, MeetingParams, refusals } from '../../../../shared/schemas/common.ts';
import { toStorableValue } from '../../../../shared/storableText.ts';
import { AttachmentStore } from '../../attachments/attachmentStore.ts';
import { requireUser } from '../../auth/authPlugin.ts';
import { packFloorRecord } from '../../floor/packFloor.ts';
import { sendFile } from '../../http/fileReply.ts';
import { perPersonPerMinute } from '../../http/rateLimits.ts';
import { requestLanguage } from '../../i18n/requestLanguage.ts';
import type { Meeting } from '../../meetings/meetingStore.ts';
import { requireMeeting } from '../../meetings/requireMeeting.ts';
import { readDecisions } from '../../public/decisionRead.ts';
import type { Store } from '../../storage/store.ts';
import type { ActionService } from '../actions/actionService.ts';
import { withOverdue } from '../actions/actionStore.ts';
import { readAgenda } from '../agendaDocument.ts';
import type { RunService } from '../run/runService.ts';
import { namedVersionDigests } from '../versions/versionDigest.ts';
import { VersionStore } from '../versions/versionStore.ts';
import { renderDocx } from './packDocx.ts';
import { renderHtml } from './packHtml.ts';
import { renderIcal } from './packIcal.ts';
import { renderMarkdown } from './packMarkdown.ts';
import { buildPack, type PackModel } from './packModel.ts';

export interface PackRouteOptions {
  store: Store;
  actions: ActionService;
  run: RunService;
  /** The board's public origin (the first PUBLIC_ORIGIN), for the pack's absolute links. */
  origin: string;
}

const errors = refusals(401, 404);

/** A file name from the meeting's id (ids are [A-Za-z0-9_-]). */
const fileName = (meeting: Meeting, suffix: string) => `${meeting.id}-${suffix}`;

export const packRoutes: FastifyPluginAsyncTypebox<PackRouteOptions> = async (app, { store, actions, run, origin }) => {
  const meetingOf = (meetingId: string): Promise<Meeting> => requireMeeting(store.meetings, meetingId);

  async function pack(meetingId: string, language: Language): Promise<{ meeting: Meeting; model: PackModel }> {
    const meeting = await meetingOf(meetingId);
    const { items } = await readAgenda(store.documents, meetingId);
    const today = todayIso();
    const list = (await actions.actions.list(meetingId)).map((action) => withOverdue(action, today));
    const { dayEnd } = await run.state(meetingId);
    const floor = await packFloorRecord(store, meetingId);
    const attachments = await new AttachmentStore(store.db).list(meetingId);
    const versions = await namedVersionDigests(store.documents, meeting, await new VersionStore(store.db).list(meetingId));
    // The decisions from the read the public page makes, so the circulated record and the public one agree.
    const decisions = await readDecisions(store.db, meetingId);
    // Every text the pack writes (md, html, docx) passes here: titles, names and notes stored in SQL before the
    // unstorable-text rule may hold a NUL or a lone surrogate, which becomes U+FFFD (the agenda document's already has).
    return {
      meeting,
      model: toStorableValue(
        buildPack(meeting, items, list, { dayEnd, language, floor, attachments, versions, origin, decisions }),
      ),
    };
  }

  // A file, not JSON: documented for OpenAPI, sent as is.
  const file = Type.Unsafe<string | Buffer>({ type: 'string', description: 'the file' });

  /** A file of the meeting for anyone signed in, in the reader's language (?lang=); `send` writes the reply. */
  const meetingFile = (
    path: string,
    summary: string,
    send: (request: FastifyRequest, reply: FastifyReply, meetingId: string, language: Language) => Promise<FastifyReply>,
  ) =>
    app.get(
      `/api/meetings/:meetingId/${path}`,
      {
        config: perPersonPerMinute(30),
        schema: {
          tags: ['meeting pack'],
          summary,
          params: MeetingParams,
          querystring: LangQuery,
          response: { 200: file, ...errors },
        },
      },
      async (request, reply) => {
        requireUser(request);
        return send(request, reply, request.params.meetingId, requestLanguage(request));
      },
    );

  meetingFile(
    'pack.md',
    'The meeting pack ("Action items & next steps") as Markdown',
    async (_request, reply, meetingId, language) => {
      const { meeting, model } = await pack(meetingId, language);
      return sendFile(reply, {
        type: 'text/markdown; charset=utf-8',
        disposition: 'inline',
        fileName: fileName(meeting, 'action-items.md'),
        body: renderMarkdown(model),
      });
    },
  );

  meetingFile(
    'pack.html',
    'The meeting pack as a printable HTML page (print it to make a PDF)',
    async (_request, reply, meetingId, language) => {
      const { model } = await pack(meetingId, language);
      return (
        reply
          .type('text/html; charset=utf-8')
          // The page has no script at all; say so to the browser too.
          .header(
            'content-security-policy',
            "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
          )
          .send(renderHtml(model))
      );
    },
  );

  meetingFile('pack.docx', 'The meeting pack as a Word document (DOCX)', async (_request, reply, meetingId, language) => {
    const { meeting, model } = await pack(meetingId, language);
    return sendFile(reply, {
      type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      disposition: 'attachment',
      fileName: fileName(meeting, 'action-items.docx'),
      body: await renderDocx(model),
    });
  });

  meetingFile(
    'actions.ics',
    'The action items’ deadlines as iCalendar (one all-day event per pending action with a due date)',
    async (request, reply, meetingId, language) => {
      const meeting = await meetingOf(meetingId);
      const today = todayIso();
      const list = (await actions.actions.list(meeting.id)).map((action) => withOverdue(action, today));
      const origin = `${request.protocol}://${request.host}`;
      return sendFile(reply, {
        type: 'text/calendar; charset=utf-8',
        disposition: 'attachment',
        fileName: fileName(meeting, 'actions.ics'),
        body: renderIcal(toStorableValue(meeting), toStorableValue(list), { origin, language }),
      });
    },
  );
};
