/**
 * The type of a file told from its first bytes, never from its name. Only the kinds a meeting
 * needs are accepted: PDF, office documents (DOCX, XLSX, PPTX, ODF), raster images, plain text
 * and Markdown. Executables, scripts, HTML and SVG are refused: served from this origin they
 * could run code or pass for the application.
 */

export interface FileType {
  mime: string;
  /** The extension the download name gets when its own does not fit. */
  ext: string;
  /** PDF and raster images may be shown inline in the page (sandboxed); everything else downloads. */
  inline: boolean;
}

export type Sniffed = { ok: true; type: FileType } | { ok: false; reason: string };

const starts = (head: Buffer, bytes: number[] | string, at = 0): boolean => {
  const expected = typeof bytes === 'string' ? Buffer.from(bytes, 'latin1') : Buffer.from(bytes);
  return head.length >= at + expected.length && head.subarray(at, at + expected.length).equals(expected);
};

const OFFICE_BY_PART: [string, FileType][] = [
  ['word/', { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx', inline: false }],
  ['xl/', { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', ext: 'xlsx', inline: false }],
  ['ppt/', { mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', ext: 'pptx', inline: false }],
];

const ODF: [string, FileType][] = [
  ['application/vnd.oasis.opendocument.text', { mime: 'application/vnd.oasis.opendocument.text', ext: 'odt', inline: false }],
  [
    'application/vnd.oasis.opendocument.spreadsheet',
    { mime: 'application/vnd.oasis.opendocument.spreadsheet', ext: 'ods', inline: false },
  ],
  [
    'application/vnd.oasis.opendocument.presentation',
    { mime: 'application/vnd.oasis.opendocument.presentation', ext: 'odp', inline: false },
  ],
];

/** Names of the entries in a ZIP's local headers within `head`. */
function zipEntryNames(head: Buffer): string[] {
  const names: string[] = [];
  let at = 0;
  while (at + 30 <= head.length && head.readUInt32LE(at) === 0x04034b50) {
    const compressed = head.readUInt32LE(at + 18);
    const nameLength = head.readUInt16LE(at + 26);
    const extraLength = head.readUInt16LE(at + 28);
    names.push(head.subarray(at + 30, at + 30 + nameLength).toString('utf8'));
    const flags = head.readUInt16LE(at + 6);
    // A streamed entry (sizes after the data) cannot be skipped from its header: stop here.
    if (flags & 0x08) break;
    at += 30 + nameLength + extraLength + compressed;
  }
  return names;
}

function sniffZip(head: Buffer): Sniffed {
  const names = zipEntryNames(head);
  if (names[0] === 'mimetype') {
    const mimetype = head.subarray(38, 38 + 80).toString('latin1');
    const odf = ODF.find(([prefix]) => mimetype.startsWith(prefix));
    if (odf) return { ok: true, type: odf[1] };
  }
  // The whole head is scanned too: the parts may lie past the first entries' headers.
  const text = head.toString('latin1');
  if (names.includes('[Content_Types].xml') || text.includes('[Content_Types].xml')) {
    for (const [part, type] of OFFICE_BY_PART) {
      if (names.some((name) => name.startsWith(part)) || text.includes(part)) return { ok: true, type };
    }
  }
  return { ok: false, reason: 'a ZIP archive that is not an office document' };
}

const TEXT_PEEK = /<\s*(!doctype\s+html|html|script|svg|iframe|object|embed|body|head|meta)\b/i;

function sniffText(head: Buffer, name: string): Sniffed {
  if (head.includes(0)) return { ok: false, reason: 'a binary file of a kind that is not accepted' };
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(head.length === 64 * 1024 ? trimPartial(head) : head);
  } catch {
    return { ok: false, reason: 'a binary file of a kind that is not accepted' };
  }
  if (text.startsWith('#!')) return { ok: false, reason: 'a script' };
  if (TEXT_PEEK.test(text.slice(0, 4096)) || /^\s*<\?xml/i.test(text)) return { ok: false, reason: 'HTML, SVG or XML' };
  const markdown = /\.(md|markdown)$/i.test(name);
  return {
    ok: true,
    type: markdown
      ? { mime: 'text/markdown; charset=utf-8', ext: 'md', inline: false }
      : { mime: 'text/plain; charset=utf-8', ext: 'txt', inline: false },
  };
}

/** Drops a UTF-8 sequence cut at the end of the head. */
function trimPartial(head: Buffer): Buffer {
  const end = head.length;
  for (let back = 1; back <= 3 && end - back >= 0; back++) {
    const byte = head[end - back]!;
    if ((byte & 0xc0) === 0xc0) return head.subarray(0, end - back);
    if ((byte & 0x80) === 0) break;
  }
  return head;
}

export function sniffFileType(head: Buffer, name: string): Sniffed {
  if (head.length === 0) return { ok: false, reason: 'an empty file' };
  if (
    starts(head, 'MZ') ||
    starts(head, [0x7f, 0x45, 0x4c, 0x46]) ||
    starts(head, [0xcf, 0xfa, 0xed, 0xfe]) ||
    starts(head, [0xca, 0xfe, 0xba, 0xbe])
  ) {
    return { ok: false, reason: 'a program' };
  }
  if (starts(head, '%PDF-')) return { ok: true, type: { mime: 'application/pdf', ext: 'pdf', inline: true } };
  if (starts(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    return { ok: true, type: { mime: 'image/png', ext: 'png', inline: true } };
  if (starts(head, [0xff, 0xd8, 0xff])) return { ok: true, type: { mime: 'image/jpeg', ext: 'jpg', inline: true } };
  if (starts(head, 'GIF87a') || starts(head, 'GIF89a'))
    return { ok: true, type: { mime: 'image/gif', ext: 'gif', inline: true } };
  if (starts(head, 'RIFF') && starts(head, 'WEBP', 8))
    return { ok: true, type: { mime: 'image/webp', ext: 'webp', inline: true } };
  if (starts(head, [0x50, 0x4b, 0x03, 0x04])) return sniffZip(head);
  // A UTF-8 byte order mark is fine for text.
  return sniffText(starts(head, [0xef, 0xbb, 0xbf]) ? head.subarray(3) : head, name);
}
