/**
 * The client's strings for one language as i18next holds them (common.json at the top, every other
 * file under its name), read from client/src/i18n: for unit tests that ask the page's own wording
 * through i18next with only that language's catalogue.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Language } from '../../shared/i18n/languages.ts';

const root = path.resolve(import.meta.dirname, '../..');

export function clientCatalogue(language: Language): Record<string, unknown> {
  const dir = path.join(root, 'client/src/i18n', language === 'en' ? 'en' : `locales/${language}`);
  const translation: Record<string, unknown> = {};
  for (const file of readdirSync(dir).filter((name) => name.endsWith('.json'))) {
    const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, unknown>;
    if (file === 'common.json') Object.assign(translation, content);
    else translation[file.slice(0, -'.json'.length)] = content;
  }
  return translation;
}
