/**
 * HTTP routes of attachments. Uploads are multipart (field `file`; `itemId` or `proposalId` in
 * the query or as fields before the file) and stream into the file store; a request whose
 * Content-Length already says it is too large is refused with 413 before its body is read, and
 * one that grows past the limit is cut off there.
 */
import multipart from '@fastify/multipart';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import {
  ATTACHMENT_LIMITS,
  AttachmentDownloadQuery,
  AttachmentListQuery,
  AttachmentSchema,
  AttachmentUploadQuery,
} from '../../../shared/schemas/attachments.ts';
import { ErrorResponse, IdParams, MeetingParams } from '../../../shared/schemas/common.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { AppError, badRequest } from '../http/appError.ts';
import { perPersonPerMinute } from '../http/rateLimits.ts';
import { type AttachmentService, tooLarge, type Upload } from './attachmentService.ts';
import { contentDisposition } from './fileName.ts';

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };
const uploadErrors = { ...errors, 413: ErrorResponse, 415: ErrorResponse, 429: ErrorResponse };
/** Room for the multipart framing and a few small fields around the file. */
const FRAMING_BYTES = 64 * 1024;

const SANDBOX = "default-src 'none'; sandbox; frame-ancestors 'self'";
// Chromium will not show a PDF in a sandboxed document; a PDF shown inline gets no sandbox but no sources either.
const PDF_INLINE = "default-src 'none'; frame-ancestors 'self'";

export const attachmentRoutes: FastifyPluginAsyncTypebox<{ service: AttachmentService }> = async (app, { service }) => {
  const maxBytes = service.maxBytes;
  await app.register(multipart, { limits: { fileSize: maxBytes + 1, files: 1, fields: 4, fieldSize: 256, parts: 6 } });

  /**
   * Refuses a declared over-size body before reading it, and closes the connection after. Only
   * a multipart upload may be larger than the app's usual body limit.
   */
  const refuseDeclaredOversize = async (request: FastifyRequest, reply: FastifyReply) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    const multipartBody = /^multipart\/form-data\b/i.test(request.headers['content-type'] ?? '');
    if (!multipartBody && declared > request.server.initialConfig.bodyLimit!) {
      reply.header('connection', 'close');
      throw new AppError('PAYLOAD_TOO_LARGE', 'Send the file as multipart/form-data in the field `file`.');
    }
    if (declared > maxBytes + FRAMING_BYTES) {
      reply.header('connection', 'close');
      throw tooLarge(maxBytes);
    }
  };

  const readUpload = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<{ upload: Upload; fields: Record<string, string> }> => {
    if (!request.isMultipart()) throw new AppError('NO_FILE', 'Send the file as multipart/form-data in the field `file`.');
    const data = await request.file();
    if (data?.fieldname !== 'file') throw new AppError('NO_FILE', 'Send the file in the field `file`.');
    const fields: Record<string, string> = {};
    for (const [name, field] of Object.entries(data.fields)) {
      const value = Array.isArray(field) ? field[0] : field;
      if (value?.type === 'field' && typeof value.value === 'string') fields[name] = value.value;
    }
    // Past the limit the rest of the body is not read: the connection closes after the 413.
    reply.header('connection', 'close');
    return { upload: { stream: data.file, filename: data.filename || 'file' }, fields };
  };

  const target = (query: { itemId?: string; proposalId?: string }, fields: Record<string, string>) => {
    const itemId = query.itemId ?? fields.itemId;
    const proposalId = query.proposalId ?? fields.proposalId;
    for (const [field, value] of [
      ['itemId', itemId],
      ['proposalId', proposalId],
    ] as const) {
      if (value !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw badRequest(`${field} is not a valid id.`, { field });
    }
    return { itemId: itemId || undefined, proposalId: proposalId || undefined };
  };

  app.get(
    '/api/meetings/:meetingId/attachments',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Attachments of a meeting, or of one agenda item or proposal',
        params: MeetingParams,
        querystring: AttachmentListQuery,
        response: { 200: Type.Array(AttachmentSchema), ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.list(request.params.meetingId, request.query);
    },
  );

  app.post(
    '/api/meetings/:meetingId/attachments',
    {
      bodyLimit: maxBytes + FRAMING_BYTES,
      onRequest: refuseDeclaredOversize,
      config: perPersonPerMinute(ATTACHMENT_LIMITS.perMinute),
      schema: {
        tags: ['attachments'],
        summary: 'Attach a file (multipart field `file`) to the meeting, an agenda item (`itemId`) or a proposal (`proposalId`)',
        consumes: ['multipart/form-data'],
        params: MeetingParams,
        querystring: AttachmentUploadQuery,
        response: { 201: AttachmentSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const { meetingId } = request.params;
      // Everything the query says is checked before a byte of the file is read.
      await service.checkUpload(meetingId, user, target(request.query, {}));
      const { upload, fields } = await readUpload(request, reply);
      const where = target(request.query, fields);
      if (where.itemId !== request.query.itemId || where.proposalId !== request.query.proposalId) {
        await service.checkUpload(meetingId, user, where);
      }
      const attachment = await service.create(meetingId, user, where, upload);
      return reply.code(201).header('connection', 'keep-alive').send(attachment);
    },
  );

  app.post(
    '/api/attachments/:id/versions',
    {
      bodyLimit: maxBytes + FRAMING_BYTES,
      onRequest: refuseDeclaredOversize,
      config: perPersonPerMinute(ATTACHMENT_LIMITS.perMinute),
      schema: {
        tags: ['attachments'],
        summary: 'Replace an attachment with a new version (multipart field `file`); older versions are kept',
        consumes: ['multipart/form-data'],
        params: IdParams,
        response: { 201: AttachmentSchema, ...uploadErrors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await service.checkVersion(request.params.id, user);
      const { upload } = await readUpload(request, reply);
      const attachment = await service.addVersion(request.params.id, user, upload);
      return reply.code(201).header('connection', 'keep-alive').send(attachment);
    },
  );

  app.get(
    '/api/attachments/:id',
    {
      schema: {
        tags: ['attachments'],
        summary: 'Download an attachment (`version` for an older one; `inline=1` to preview a PDF or image)',
        params: IdParams,
        querystring: AttachmentDownloadQuery,
        response: { 200: Type.Any({ description: 'the file' }), ...errors },
      },
    },
    async (request, reply) => {
      requireUser(request);
      const file = await service.download(request.params.id, request.query.version);
      const inline = request.query.inline === '1' && file.type.inline;
      return reply
        .header('content-type', file.mime)
        .header('content-length', String(file.size))
        .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', file.name))
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', inline && file.mime === 'application/pdf' ? PDF_INLINE : SANDBOX)
        .header('cross-origin-resource-policy', 'same-origin')
        .header('cache-control', 'private, max-age=0, must-revalidate')
        .send(file.stream);
    },
  );

  app.get(
    '/api/attachments/:id/meta',
    {
      schema: {
        tags: ['attachments'],
        summary: 'One attachment with its versions',
        params: IdParams,
        response: { 200: AttachmentSchema, ...errors },
      },
    },
    async (request) => {
      requireUser(request);
      return service.get(request.params.id);
    },
  );

  app.delete(
    '/api/attachments/:id',
    {
      config: perPersonPerMinute(ATTACHMENT_LIMITS.perMinute),
      schema: {
        tags: ['attachments'],
        summary: 'Remove an attachment (the secretariat, the chair, or whoever added it)',
        params: IdParams,
        response: { 204: Type.Null({ description: 'removed' }), ...errors },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      await service.remove(request.params.id, user);
      return reply.code(204).send(null);
    },
  );
};
