/** A file as an HTTP answer: its type, and a name to show inline or to save. */
import type { FastifyReply } from 'fastify';

export interface FileAnswer {
  type: string;
  /** `inline` opens it in the browser; `attachment` saves it. */
  disposition: 'inline' | 'attachment';
  /** Made of [A-Za-z0-9._-] only (ids and fixed suffixes), so it needs no quoting rules. */
  fileName: string;
  body: string | Buffer | Uint8Array;
}

export function sendFile(reply: FastifyReply, file: FileAnswer): FastifyReply {
  return reply.type(file.type).header('content-disposition', `${file.disposition}; filename="${file.fileName}"`).send(file.body);
}
