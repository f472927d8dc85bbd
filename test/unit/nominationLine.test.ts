/**
 * A nomination on the working group card: "Amadou (Civil society), nominated by Olena". The comma
 * between the nominee and how they were nominated is the language's (Arabic "،", Chinese "，"): the
 * card wrote a Latin comma in every language. The line is the catalogue's `nominationLine` with the
 * nominee (a <bdi>) and how they were nominated in its placeholders, as the card renders it.
 */
import { createElement, Fragment } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import en from '../../client/src/i18n/en/workingGroups.json' with { type: 'json' };
import ar from '../../client/src/i18n/locales/ar/workingGroups.json' with { type: 'json' };
import es from '../../client/src/i18n/locales/es/workingGroups.json' with { type: 'json' };
import fr from '../../client/src/i18n/locales/fr/workingGroups.json' with { type: 'json' };
import ru from '../../client/src/i18n/locales/ru/workingGroups.json' with { type: 'json' };
import zh from '../../client/src/i18n/locales/zh/workingGroups.json' with { type: 'json' };
import { sentenceNodes } from '../../client/src/ui/listNodes.tsx';

const CATALOGUES = { en, ar, es, fr, ru, zh } as unknown as Record<string, Record<string, string>>;

/** The card's line, as text: the nominee in its <bdi> and their group, then how they were nominated. */
const line = (language: string) => {
  const words = CATALOGUES[language]!;
  const nominee = createElement(Fragment, null, createElement('bdi', null, 'Amadou'), ' (G)');
  const markup = renderToStaticMarkup(
    createElement('p', null, sentenceNodes(String(words.nominationLine), { nominee, how: String(words.selfNominated) })),
  );
  return markup.replace(/<[^>]+>/g, '');
};

describe('a nomination’s line on the working group card', () => {
  it.each([
    ['en', 'Amadou (G), nominated themself'],
    ['fr', 'Amadou (G), s’est porté(e) candidat(e)'],
    ['es', 'Amadou (G), se postuló'],
    ['ru', 'Amadou (G), выдвинул(а) себя'],
    ['ar', 'Amadou (G)، رشّح نفسه'],
    ['zh', 'Amadou (G)，自荐'],
  ])('separates the nominee from how they were nominated with %s’s comma', (language, expected) => {
    expect(line(language)).toBe(expected);
  });
});
