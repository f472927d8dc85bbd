/** Lists and sentences whose parts stay elements (a <bdi> around a name), joined as the page's language joins them. */
import { Fragment, type ReactNode } from 'react';
import { intlLocale } from '../../../shared/i18n/format.ts';

/**
 * "a, b and c" in the language's own words and separators, like formatList, but each item is kept as given:
 * a name in its <bdi> stays isolated, so names and titles of either direction keep their order in Arabic too.
 * `texts`: what each item reads as. A conjunction may depend on the word after it (Spanish says "e", not "y",
 * before an i sound: "Olena e Inés"), so the list is formatted over the texts, not over placeholders;
 * without them it is formatted over "0", "1"… and reads the plain conjunction.
 */
export function listNodes(
  language: string,
  items: readonly ReactNode[],
  type: 'conjunction' | 'unit' = 'conjunction',
  texts: readonly string[] = items.map((_, index) => String(index)),
): ReactNode {
  const parts = new Intl.ListFormat(intlLocale(language), { style: 'long', type }).formatToParts(texts);
  // A list keeps its elements in the order given (CLDR's patterns put {0} before {1}): the n-th element is items[n].
  let next = 0;
  return parts.map((part, index) => (
    // Each literal is the language's separator or conjunction.
    <Fragment key={index}>{part.type === 'element' ? items[next++] : part.value}</Fragment>
  ));
}

/**
 * A translated sentence with elements in its placeholders: `template` is the translation asked with each
 * placeholder given as itself (`t(key, { name: '{{name}}' })`: i18next does not interpolate a value again),
 * so the words and their order stay each language's.
 */
export function sentenceNodes(template: string, nodes: Record<string, ReactNode>): ReactNode {
  return template.split(/(\{\{\w+\}\})/).map((piece, index) => {
    const name = /^\{\{(\w+)\}\}$/.exec(piece)?.[1];
    return <Fragment key={index}>{name !== undefined && name in nodes ? nodes[name] : piece}</Fragment>;
  });
}

/** The placeholders of `names`, given as themselves, for `sentenceNodes`. */
export const placeholders = (...names: string[]): Record<string, string> =>
  Object.fromEntries(names.map((name) => [name, `{{${name}}}`]));
