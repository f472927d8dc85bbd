/**
 * Attachments over HTTP on SQLite and on PostgreSQL: upload, list, byte-identical download with
 * safe headers, new versions, removal and who may do each; over-size uploads refused with 413
 * before the body is read; a renamed program and an HTML page refused; the live projection;
 * every change refused on an archived meeting (409 MEETING_ARCHIVED) while reading still works;
 * and the text of a PDF and a DOCX found by search.
 */
import { randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEETING } from '../../server/src/demo/demoData.ts';
import { liveDoc } from '../../shared/documentNames.ts';
import type { AttachmentDto } from '../../shared/schemas/attachments.ts';
import type { SearchResult } from '../../shared/schemas/search.ts';
import { collabToken, connectPeer, http, login, type Peer, type Session, synced, waitFor } from '../helpers/clients.ts';
import { tinyDocx, tinyPdf } from '../helpers/documents.ts';
import { createMeeting } from '../helpers/meetings.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';
import type { TestServer } from '../helpers/testServer.ts';

const MEETING = DEMO_MEETING.id;
const LIMIT = 1024 * 1024;
const ITEM = 'oc1-timeline';

async function upload(
  server: TestServer,
  who: Session,
  data: Buffer,
  name: string,
  path = `/api/meetings/${MEETING}/attachments`,
) {
  const form = new FormData();
  form.append('file', new Blob([new Uint8Array(data)]), name);
  const response = await fetch(server.baseUrl + path, { method: 'POST', headers: { cookie: who.cookie }, body: form });
  return { status: response.status, body: (await response.json()) as AttachmentDto & { error?: { code: string } } };
}

async function download(server: TestServer, who: Session, path: string) {
  const response = await fetch(server.baseUrl + path, { headers: { cookie: who.cookie } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/**
 * Sends a multipart upload slowly; resolves with the status (0 when the server closed the
 * connection before its answer could be read) and how many file bytes went out by then. With a
 * declared length, it sends one chunk and waits: the answer must come without the rest.
 */
function slowUpload(
  server: TestServer,
  who: Session,
  total: number,
  declareLength: boolean,
): Promise<{ status: number; sent: number }> {
  return new Promise((resolve, reject) => {
    const boundary = 'plenary-test-boundary';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.txt"\r\nContent-Type: text/plain\r\n\r\n`,
    );
    const url = new URL(`/api/meetings/${MEETING}/attachments`, server.baseUrl);
    const headers: Record<string, string | number> = {
      cookie: who.cookie,
      'content-type': `multipart/form-data; boundary=${boundary}`,
    };
    if (declareLength) headers['content-length'] = head.length + total + boundary.length + 8;
    let sent = 0;
    let answered = false;
    const req = httpRequest(url, { method: 'POST', headers }, (response) => {
      answered = true;
      response.resume();
      resolve({ status: response.statusCode ?? 0, sent });
    });
    req.on('error', (error: NodeJS.ErrnoException) => {
      if (answered) return;
      if (error.code === 'EPIPE' || error.code === 'ECONNRESET') resolve({ status: 0, sent });
      else reject(error);
    });
    req.write(head);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const pump = () => {
      if (answered || req.destroyed || (declareLength && sent > 0)) return;
      if (sent >= total) return req.end(`\r\n--${boundary}--\r\n`);
      sent += chunk.length;
      req.write(chunk, () => setTimeout(pump, 2));
    };
    pump();
  });
}

describe.each(BACKENDS)('attachments on %s', (backend) => {
  const { server } = serverSuite({ backend, database: 'attachments', env: { MAX_ATTACHMENT_BYTES: String(LIMIT) } });
  let secretariat: Session;
  let kwame: Session;
  let mei: Session;
  let observer: Session;
  let live: Peer | undefined;

  beforeAll(async () => {
    secretariat = await login(server.baseUrl, 'secretariat@example.org');
    kwame = await login(server.baseUrl, 'kwame@example.org');
    mei = await login(server.baseUrl, 'mei@example.org');
    observer = await login(server.baseUrl, 'tomas@example.org');
  });
  afterAll(() => live?.destroy());

  it('uploads, lists, downloads byte-identical with safe headers, and projects the attachment live', async () => {
    live = connectPeer(server.wsUrl, liveDoc(MEETING), () => collabToken(server.baseUrl, mei, liveDoc(MEETING)));
    await synced(live);
    const data = Buffer.concat([tinyPdf(['IGF 2024 stocktaking summary']), randomBytes(200_000)]);
    const created = await upload(
      server,
      kwame,
      data,
      'Stocktaking summary.pdf',
      `/api/meetings/${MEETING}/attachments?itemId=${ITEM}`,
    );
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: 'Stocktaking summary.pdf',
      size: data.length,
      mime: 'application/pdf',
      version: 1,
      itemId: ITEM,
      preview: true,
    });
    expect(created.body.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(created.body.uploadedBy.name).toBe('Kwame Asante');

    const listed = await http<AttachmentDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/attachments?itemId=${ITEM}`, {
      cookie: observer.cookie,
    });
    expect(listed.body.map((a) => a.id)).toContain(created.body.id);

    const got = await download(server, observer, `/api/attachments/${created.body.id}`);
    expect(got.status).toBe(200);
    expect(got.bytes.equals(data)).toBe(true);
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="Stocktaking summary.pdf"; filename*=UTF-8''Stocktaking%20summary.pdf`,
    );
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('content-security-policy')).toContain('sandbox');
    const inline = await download(server, observer, `/api/attachments/${created.body.id}?inline=1`);
    expect(inline.headers.get('content-disposition')).toMatch(/^inline;/);

    const entry = await waitFor(() => live!.doc.getMap('attachments').get(created.body.id) as AttachmentDto | undefined, {
      message: 'the live attachment',
    });
    expect(entry!.name).toBe('Stocktaking summary.pdf');
    // The meeting pack lists it, with its link, under its agenda item.
    const pack = await http<string>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/pack.md`, { cookie: observer.cookie });
    expect(pack.body).toContain(`[Stocktaking summary.pdf](<${server.baseUrl}/api/attachments/${created.body.id}>) — `);
    const html = await http<string>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/pack.html`, { cookie: observer.cookie });
    expect(html.body).toContain(`<a href="${server.baseUrl}/api/attachments/${created.body.id}">Stocktaking summary.pdf</a>`);
  });

  it('keeps every version, and removes for the uploader, the secretariat and the chair only', async () => {
    const first = await upload(server, mei, Buffer.from('# Draft timeline\n\nFirst draft.\n'), 'timeline.md');
    expect(first.status).toBe(201);
    expect(first.body.mime).toBe('text/markdown; charset=utf-8');
    const second = await upload(
      server,
      kwame,
      Buffer.from('# Draft timeline\n\nSecond draft, after the call.\n'),
      'timeline v2.md',
      `/api/attachments/${first.body.id}/versions`,
    );
    expect(second.status).toBe(201);
    expect(second.body.version).toBe(2);
    expect(second.body.versions.map((v) => [v.version, v.name])).toEqual([
      [2, 'timeline v2.md'],
      [1, 'timeline.md'],
    ]);
    expect((await download(server, mei, `/api/attachments/${first.body.id}?version=1`)).bytes.toString()).toContain(
      'First draft',
    );
    expect((await download(server, mei, `/api/attachments/${first.body.id}`)).bytes.toString()).toContain('Second draft');

    expect((await upload(server, observer, Buffer.from('hello'), 'note.txt')).status).toBe(403);
    expect((await http(server.baseUrl, 'DELETE', `/api/attachments/${first.body.id}`, { cookie: kwame.cookie })).status).toBe(
      403,
    );
    expect((await http(server.baseUrl, 'DELETE', `/api/attachments/${first.body.id}`, { cookie: mei.cookie })).status).toBe(204);
    expect((await download(server, mei, `/api/attachments/${first.body.id}`)).status).toBe(404);
    const other = await upload(server, kwame, Buffer.from('Notes'), 'notes.txt');
    expect(
      (await http(server.baseUrl, 'DELETE', `/api/attachments/${other.body.id}`, { cookie: secretariat.cookie })).status,
    ).toBe(204);
  });

  it('refuses an empty file as empty (400 FILE_EMPTY), not as a type it is not, and keeps nothing', async () => {
    const before = await http<AttachmentDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/attachments`, {
      cookie: kwame.cookie,
    });
    const refused = await upload(server, kwame, Buffer.alloc(0), 'minutes.pdf');
    expect(refused.status).toBe(400);
    expect(refused.body.error?.code).toBe('FILE_EMPTY');
    const after = await http<AttachmentDto[]>(server.baseUrl, 'GET', `/api/meetings/${MEETING}/attachments`, {
      cookie: kwame.cookie,
    });
    expect(after.body.map((a) => a.id)).toEqual(before.body.map((a) => a.id));
    // A file with something in it is still judged by its content.
    expect((await upload(server, kwame, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'minutes.pdf')).status).toBe(415);
  });

  it('refuses a renamed program, an HTML page with a script and an SVG, whatever their names', async () => {
    const program = Buffer.concat([Buffer.from('MZ'), randomBytes(2000)]);
    const refused = await upload(server, kwame, program, 'agenda.pdf');
    expect(refused.status).toBe(415);
    expect(refused.body.error?.code).toBe('FILE_TYPE_REFUSED');
    expect((await upload(server, kwame, Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), 'report.docx')).status).toBe(415);
    expect((await upload(server, kwame, Buffer.from('#!/bin/sh\nrm -rf /\n'), 'readme.txt')).status).toBe(415);
    expect(
      (await upload(server, kwame, Buffer.from('<!doctype html><script>alert(document.cookie)</script>'), 'minutes.txt')).status,
    ).toBe(415);
    expect(
      (
        await upload(
          server,
          kwame,
          Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'),
          'logo.png',
        )
      ).status,
    ).toBe(415);
  });

  it('sanitises file names for every operating system', async () => {
    const created = await upload(server, kwame, Buffer.from('text'), '../../CON.txt');
    expect(created.body.name).toBe('_CON.txt');
    const trailing = await upload(server, kwame, Buffer.from('text'), 'minutes\u0007 final. . ');
    expect(trailing.body.name).toBe('minutes_ final.txt');
  });

  it('refuses an over-size upload with 413 before reading the whole body', async () => {
    const declared = await slowUpload(server, kwame, 8 * LIMIT, true);
    expect(declared.status).toBe(413);
    expect(declared.sent).toBeLessThan(LIMIT);
    const streamed = await slowUpload(server, kwame, 8 * LIMIT, false);
    // The server answers 413 and closes at the limit; the answer can be lost if the client is mid-write.
    expect([413, 0]).toContain(streamed.status);
    expect(streamed.sent).toBeLessThan(3 * LIMIT);
    // The server still serves.
    expect((await upload(server, kwame, Buffer.from('still here'), 'after.txt')).status).toBe(201);
  });

  it('refuses every change to the documents of an archived meeting with 409 and changes nothing; lists and downloads still work', async () => {
    const id = await createMeeting(server.baseUrl, {
      title: 'Archived with documents',
      startsOn: '2025-02-17',
      endsOn: '2025-02-17',
      copyFrom: MEETING,
    });
    const items = await http<{ id: string }[]>(server.baseUrl, 'GET', `/api/meetings/${id}/agenda-items`, {
      cookie: kwame.cookie,
    });
    const proposal = await http<{ id: string }>(server.baseUrl, 'POST', `/api/meetings/${id}/proposals`, {
      cookie: kwame.cookie,
      body: { kind: 'PN', title: 'A network on documents', summary: 'Why' },
    });
    expect(proposal.status, JSON.stringify(proposal.body)).toBe(201);
    const base = `/api/meetings/${id}/attachments`;
    const targets = [base, `${base}?itemId=${items.body[0]!.id}`, `${base}?proposalId=${proposal.body.id}`];
    const before: AttachmentDto[] = [];
    for (const path of targets) {
      const created = await upload(server, kwame, Buffer.from(`Before the archive: ${path}`), 'before.txt', path);
      expect(created.status, path).toBe(201);
      before.push(created.body);
    }
    const archived = await http(server.baseUrl, 'POST', `/api/meetings/${id}/archive`, { cookie: secretariat.cookie });
    expect(archived.status).toBe(200);

    const refused = (result: { status: number; body: unknown }, what: string) => {
      expect(result.status, what).toBe(409);
      expect((result.body as { error: { code: string } }).error.code, what).toBe('MEETING_ARCHIVED');
    };
    for (const path of targets) refused(await upload(server, kwame, Buffer.from('After the archive'), 'after.txt', path), path);
    for (const attachment of before) {
      const versions = `/api/attachments/${attachment.id}/versions`;
      refused(await upload(server, kwame, Buffer.from('After the archive'), 'after.txt', versions), versions);
      // Neither the uploader nor the secretariat may remove it.
      for (const who of [kwame, secretariat])
        refused(await http(server.baseUrl, 'DELETE', `/api/attachments/${attachment.id}`, { cookie: who.cookie }), 'DELETE');
    }

    // Nothing changed, and reading stays open.
    const listed = await http<AttachmentDto[]>(server.baseUrl, 'GET', base, { cookie: observer.cookie });
    expect(listed.status).toBe(200);
    expect(listed.body.map((a) => [a.id, a.version, a.versions.length]).sort()).toEqual(before.map((a) => [a.id, 1, 1]).sort());
    for (const [index, attachment] of before.entries()) {
      const got = await download(server, observer, `/api/attachments/${attachment.id}`);
      expect(got.status).toBe(200);
      expect(got.bytes.toString()).toBe(`Before the archive: ${targets[index]}`);
    }
    const onItem = await http<AttachmentDto[]>(server.baseUrl, 'GET', `${base}?itemId=${items.body[0]!.id}`, {
      cookie: observer.cookie,
    });
    expect(onItem.body.map((a) => a.id)).toEqual([before[1]!.id]);
  });

  it('finds words inside a PDF and a DOCX, with a link to the agenda item', async () => {
    await upload(
      server,
      mei,
      tinyPdf(['Retreat venue options: Kigali and Oslo']),
      'venues.pdf',
      `/api/meetings/${MEETING}/attachments?itemId=${ITEM}`,
    );
    await upload(server, mei, tinyDocx(['Outreach plan for the Caribbean youth IGF']), 'outreach.docx');
    const search = (q: string) =>
      http<{ results: SearchResult[] }>(server.baseUrl, 'GET', `/api/search?q=${encodeURIComponent(q)}&meetingId=${MEETING}`, {
        cookie: observer.cookie,
      });
    const pdf = (await waitFor(async () => (await search('kigali')).body.results.find((r) => r.kind === 'attachment'), {
      message: 'the PDF text',
      timeout: 20_000,
    }))!;
    expect(pdf.title).toBe('venues.pdf');
    expect(pdf.link).toBe(`/meetings/${MEETING}?tab=attachments#item-${ITEM}`);
    const [start, end] = pdf.matches[0]!;
    expect(pdf.snippet.slice(start, end)).toBe('Kigali');
    const docx = (await waitFor(async () => (await search('caribbean youth')).body.results.find((r) => r.kind === 'attachment'), {
      message: 'the DOCX text',
      timeout: 20_000,
    }))!;
    expect(docx.title).toBe('outreach.docx');
  });

  it('finds a text file’s “Ёлка” by “Ёлка”, “ёлка” and “елка”, and marks the word as written', async () => {
    // On SQLite "елка" found nothing; on PostgreSQL "Ёлка" and "ёлка" found nothing.
    const uploaded = await upload(server, mei, Buffer.from('Новогодняя Ёлка на площади'), 'square.txt');
    expect(uploaded.status).toBe(201);
    const search = (q: string) =>
      http<{ results: SearchResult[] }>(server.baseUrl, 'GET', `/api/search?q=${encodeURIComponent(q)}&meetingId=${MEETING}`, {
        cookie: observer.cookie,
      });
    // The text is extracted after the upload's answer, in a worker: waited for through the first query.
    await waitFor(async () => (await search('площади')).body.results.some((r) => r.id === uploaded.body.id), {
      message: 'the text file indexed',
      timeout: 20_000,
    });
    for (const query of ['Ёлка', 'ёлка', 'елка', 'ЕЛКА']) {
      const found = (await search(query)).body.results.find((r) => r.id === uploaded.body.id);
      expect(found, query).toBeDefined();
      const [start, end] = found!.matches.find(([at]) => found!.snippet.slice(at).startsWith('Ё'))!;
      expect(found!.snippet.slice(start, end), query).toBe('Ёлка');
    }
  });
});
