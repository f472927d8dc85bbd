/**
 * Text people must write has something visible in it: a title of tabs, NBSPs or zero-width
 * characters is refused like an empty one, by the schema every feature shares and with its field
 * named, while text in any of the six languages, or with an invisible character inside, is kept.
 */
import Fastify from 'fastify';
import { Type } from 'typebox';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorHandler } from '../../server/src/http/errorHandler.ts';
import { RequiredText } from '../../shared/schemas/common.ts';
import { NewProposalBody } from '../../shared/schemas/proposals.ts';
import { hasVisibleText } from '../../shared/visibleText.ts';

const BLANK: Record<string, string> = {
  'a tab': '\t',
  'a no-break space': '\u00a0',
  'the Ogham space mark': '\u1680',
  'the spaces U+2000 to U+200A': '\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a',
  'a zero-width space': '\u200b',
  'an ideographic space': '\u3000',
  'a byte order mark': '\ufeff',
  'zero-width non-joiner and joiner': '\u200c\u200d',
  'a word joiner and a soft hyphen': '\u2060\u00ad',
  'bidi marks and isolates': '\u200e\u200f\u202e\u2066\u2069\u061c',
  'a Hangul filler and the braille blank': '\u3164\u2800',
  'a control character': '\u0007',
  'the tester’s title': '\u200b\u00a0\u3000',
  'a mix with line breaks': ' \n\r\u00a0\u200b\ufeff\t ',
  'combining accents alone': '\u0301\u0308\u0327',
  'Arabic harakat alone': '\u064e\u0650\u0651',
  'an enclosing keycap alone, after a space': ' \u20e3',
};

const VISIBLE: Record<string, string> = {
  Arabic: 'شبكة السياسات المعنية بالوصول المجدي',
  Chinese: '互联网治理论坛',
  Cyrillic: 'Форум по вопросам управления Интернетом',
  'a single letter': 'a',
  'a single digit': '0',
  'punctuation only': '?',
  'a zero-width space before a letter': '\u200bA',
  'a joiner between letters': 'A\u200dB',
  'an emoji family joined by ZWJ': '👩\u200d👩\u200d👧',
  'Persian with a ZWNJ': 'می\u200cخواهم',
  'a letter between no-break spaces': '\u00a0x\u00a0',
  'an Arabic title with a right-to-left mark': '\u200fمقترح',
  'a decomposed accented letter': 'e\u0301',
  'Arabic with harakat': 'مُقْتَرَح',
  Hindi: 'इंटरनेट शासन',
  Thai: 'อินเทอร์เน็ต',
  'a keycap emoji': '1\ufe0f\u20e3',
};

describe('hasVisibleText', () => {
  for (const [what, text] of Object.entries(BLANK)) {
    it(`finds nothing visible in ${what}`, () => expect(hasVisibleText(text)).toBe(false));
  }
  for (const [what, text] of Object.entries(VISIBLE)) {
    it(`finds something visible in ${what}`, () => expect(hasVisibleText(text)).toBe(true));
  }
  it('finds nothing in an empty string', () => expect(hasVisibleText('')).toBe(false));
});

describe('RequiredText in a route’s schema, as Fastify validates it', () => {
  const app = Fastify();
  beforeAll(async () => {
    await app.register(errorHandler);
    app.post('/proposals', { schema: { body: NewProposalBody } }, async () => ({ ok: true }));
    app.post('/names', { schema: { body: Type.Object({ name: RequiredText(200) }) } }, async () => ({ ok: true }));
    await app.ready();
  });
  afterAll(() => app.close());

  const send = async (url: string, payload: object) => {
    const response = await app.inject({ method: 'POST', url, payload });
    return { status: response.statusCode, error: response.json().error };
  };

  for (const [what, text] of Object.entries(BLANK)) {
    it(`refuses a title of ${what} with a 400 naming the field`, async () => {
      expect(await send('/proposals', { kind: 'PN', title: text, summary: '' })).toMatchObject({
        status: 400,
        error: { code: 'BAD_REQUEST', details: { field: 'title' } },
      });
      expect(await send('/names', { name: text })).toMatchObject({ status: 400, error: { details: { field: 'name' } } });
    });
  }

  for (const [what, text] of Object.entries(VISIBLE)) {
    it(`accepts a title in ${what}`, async () => {
      expect((await send('/proposals', { kind: 'PN', title: text, summary: '' })).status).toBe(200);
      expect((await send('/names', { name: text })).status).toBe(200);
    });
  }
});
