/**
 * File names safe on every operating system: no path separators or control characters, none of
 * Windows' reserved names (CON, NUL, COM1…), no trailing dots or spaces, at most 180 characters,
 * and an extension that matches the content.
 */
import { ATTACHMENT_LIMITS } from '../../../shared/schemas/attachments.ts';

const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i;
// biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters from file names is the point.
const UNSAFE = /[\u0000-\u001f\u007f-\u009f<>:"/\\|?*\u200b-\u200f\u202a-\u202e\u2066-\u2069]/gu;

export function sanitiseFileName(raw: string, ext: string): string {
  let name = raw.normalize('NFC');
  // Keep the last path segment of a name sent as a path.
  name = name.split(/[/\\]/).pop() ?? '';
  name = name
    .replace(UNSAFE, '_')
    .replace(/\s+/gu, ' ')
    .trim()
    .replace(/[. ]+$/u, '')
    .replace(/^\.+/u, '');
  const dot = name.lastIndexOf('.');
  let base = dot > 0 ? name.slice(0, dot) : name;
  const given = dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
  const textLike = ext === 'txt' || ext === 'md';
  const keepExt =
    given === ext || (ext === 'jpg' && given === 'jpeg') || (textLike && ['txt', 'md', 'markdown', 'csv'].includes(given));
  if (!keepExt && dot > 0) base = name;
  if (RESERVED.test(base.split('.')[0] ?? '')) base = `_${base}`;
  if (!base) base = 'file';
  const suffix = `.${keepExt ? given : ext}`;
  const room = ATTACHMENT_LIMITS.nameChars - suffix.length;
  const chars = [...base];
  if (chars.length > room) base = chars.slice(0, room).join('').trim();
  return `${base}${suffix}`;
}

/** `Content-Disposition` with an ASCII fallback and the UTF-8 name (RFC 6266 / 5987). */
export function contentDisposition(kind: 'inline' | 'attachment', name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
