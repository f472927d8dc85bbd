/**
 * `listNodes` (client/src/ui/listNodes.tsx), the join of the card's "Liaisons:" line: in each of
 * the six languages it reads as `formatList` reads the same texts, each item kept in its <bdi>.
 * The conjunction depends on the word after it in Spanish ("y", but "e" before an "i" sound):
 * formatted over placeholders ("0", "1"), the line read "Olena y Inés".
 */
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { listNodes } from '../../client/src/ui/listNodes.tsx';
import { formatList } from '../../shared/i18n/format.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';

const render = (language: string, texts: string[]) =>
  renderToStaticMarkup(
    createElement(
      'p',
      null,
      listNodes(
        language,
        texts.map((text) => createElement('bdi', { key: text }, text)),
        'conjunction',
        texts,
      ),
    ),
  );
const plain = (markup: string) => markup.replace(/<[^>]+>/g, '');

describe('listNodes', () => {
  it.each([...LANGUAGES])('joins names and titles as %s joins a list, each in its <bdi>', (language) => {
    for (const texts of [
      ['Olena', 'Inés'],
      ['DC-MAG liaison', 'IGF Support Association liaison'],
      ['Olena', 'Amadou', 'Ibrahim'],
    ]) {
      const markup = render(language, texts);
      expect(plain(markup)).toBe(formatList(language, texts));
      expect(markup.match(/<bdi>[^<]*<\/bdi>/g)).toEqual(texts.map((text) => `<bdi>${text}</bdi>`));
    }
  });

  it('says “e” before an i sound in Spanish, as the language does', () => {
    expect(plain(render('es', ['Olena', 'Inés']))).toBe('Olena e Inés');
    expect(plain(render('es', ['DC-MAG liaison', 'IGF Support Association liaison']))).toBe(
      'DC-MAG liaison e IGF Support Association liaison',
    );
    expect(plain(render('es', ['Olena', 'Amadou']))).toBe('Olena y Amadou');
  });
});
