/**
 * The public pages' ways of saying things: counts in each language's plural forms, the meeting's
 * format and place, and translated sentences around a link (escaped, the link kept as HTML).
 */
import { describe, expect, it } from 'vitest';
import type { Meeting } from '../../server/src/meetings/meetingStore.ts';
import { html, say } from '../../server/src/public/html.ts';
import { formOf } from '../../server/src/public/publicPages.ts';
import { countOf, PUBLIC_TEXT, wordsFor } from '../../server/src/public/publicText.ts';

describe('countOf', () => {
  it('says a count in the plural form its language uses for it, with the language’s digits', () => {
    const said = (language: 'en' | 'ru' | 'ar', count: number) => {
      const words = wordsFor(language, false);
      return countOf(words, words.text.poll.ballots, count);
    };
    expect([said('en', 1), said('en', 2)]).toEqual(['1 ballot', '2 ballots']);
    const ru = PUBLIC_TEXT.ru.poll.ballots;
    expect([said('ru', 1), said('ru', 3), said('ru', 5), said('ru', 21)]).toEqual([
      ru.one!.replace('{{count}}', '1'),
      ru.few!.replace('{{count}}', '3'),
      ru.many!.replace('{{count}}', '5'),
      ru.one!.replace('{{count}}', '21'),
    ]);
    const ar = PUBLIC_TEXT.ar.poll.ballots;
    expect(said('ar', 2)).toBe(ar.two!.replace('{{count}}', new Intl.NumberFormat('ar').format(2)));
    expect(said('ar', 11)).toBe(ar.many!.replace('{{count}}', new Intl.NumberFormat('ar').format(11)));
  });
});

describe('formOf', () => {
  const meeting = (format: Meeting['format'], place: string) => ({ format, place }) as Meeting;
  it('says the format in the language and the place as written, joined the language’s way', () => {
    expect(formOf(meeting('hybrid', ''), wordsFor('fr', true))).toBe('Hybride');
    expect(formOf(meeting('in-person', ' Genève '), wordsFor('fr', true))).toBe('En présentiel, Genève');
    expect(formOf(meeting('online', 'Riyadh'), wordsFor('zh', true))).toBe('线上，Riyadh');
    // A meeting from before places kept its place in its English one-line form only.
    const legacy = { format: 'hybrid', place: '', form: 'Hybrid, Lillestrøm' } as Meeting;
    expect(formOf(legacy, wordsFor('es', true))).toBe('Híbrida, Lillestrøm');
    expect(formOf({ ...legacy, form: 'Hybrid' }, wordsFor('ru', true))).toBe('Гибридный формат');
    // Its line as typed by hand, read as the audit log's page reads it; a line of another format gives no place.
    expect(formOf({ ...legacy, form: 'hybrid,Lillestrøm' }, wordsFor('fr', true))).toBe('Hybride, Lillestrøm');
    expect(formOf({ ...legacy, form: 'Online, Lillestrøm' }, wordsFor('fr', true))).toBe('Hybride');
  });
});

describe('say', () => {
  it('escapes the template and plain values, keeps HTML values, and lets each language order the sentence', () => {
    const link = html`<a href="/v?lang=fr">version “${'<b>1</b>'}”</a>`;
    expect(say('Taken on {{version}} <now>.', { version: link }).value).toBe(
      'Taken on <a href="/v?lang=fr">version “&lt;b&gt;1&lt;/b&gt;”</a> &lt;now&gt;.',
    );
    expect(say('{{a}} · {{b}}', { a: 'x & y', b: 3 }).value).toBe('x &amp; y · 3');
  });
});
