/**
 * Text of a document for search: PDF through unpdf (pdf.js), DOCX/PPTX/ODF by unzipping their
 * XML parts and dropping the tags, text and Markdown as they are. Runs in a worker thread
 * (textExtractor.ts) so that a large PDF never holds up requests.
 */
import { strFromU8, unzipSync } from 'fflate';

const MAX_TEXT_CHARS = 500_000;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

export function xmlText(xml: string): string {
  return xml
    .replace(/<\/(w:p|a:p|text:p|text:h)>/g, '\n')
    .replace(/<(w:tab|w:br|text:tab|text:line-break)\b[^>]*\/>/g, ' ')
    .replace(/<[^>]+>/g, '')
    .replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (whole, code: string) => {
      if (code[0] === '#') {
        const point =
          code[1] === 'x' || code[1] === 'X' ? Number.parseInt(code.slice(2), 16) : Number.parseInt(code.slice(1), 10);
        return Number.isFinite(point) && point <= 0x10ffff ? String.fromCodePoint(point) : '';
      }
      return ENTITIES[code.toLowerCase()] ?? whole;
    })
    .replace(/[ \t]+/g, ' ')
    .replace(/\n\s*\n+/g, '\n')
    .trim();
}

const XML_PARTS: Record<string, RegExp> = {
  docx: /^word\/(document|footnotes|endnotes)\.xml$/,
  pptx: /^ppt\/slides\/slide\d+\.xml$/,
  odf: /^content\.xml$/,
};

function zipText(data: Uint8Array, parts: RegExp): string {
  const files = unzipSync(data, { filter: (file) => parts.test(file.name) && file.originalSize < 64 * 1024 * 1024 });
  return Object.keys(files)
    .sort((a, b) => a.localeCompare(b, 'en', { numeric: true }))
    .map((name) => xmlText(strFromU8(files[name]!)))
    .join('\n');
}

export async function extractText(mime: string, data: Uint8Array): Promise<string> {
  let text = '';
  if (mime === 'application/pdf') {
    const { extractText: pdfText, getDocumentProxy } = await import('unpdf');
    const pdf = await getDocumentProxy(data);
    const result = await pdfText(pdf, { mergePages: true });
    text = Array.isArray(result.text) ? result.text.join('\n') : result.text;
    await pdf.cleanup();
  } else if (mime.includes('wordprocessingml')) {
    text = zipText(data, XML_PARTS.docx!);
  } else if (mime.includes('presentationml')) {
    text = zipText(data, XML_PARTS.pptx!);
  } else if (mime.startsWith('application/vnd.oasis.opendocument')) {
    text = zipText(data, XML_PARTS.odf!);
  } else if (mime.startsWith('text/')) {
    text = new TextDecoder().decode(data);
  }
  return text.slice(0, MAX_TEXT_CHARS);
}
