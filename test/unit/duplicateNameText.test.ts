/**
 * A working group's name refused as taken (409 DUPLICATE, `details.taken`) says, in each of the six
 * languages, which group has it, and, for one of two groups left reading as one name by migration
 * 255 (`twin`), that one of the two must take another name first. Before, every DUPLICATE read
 * "This already exists.", naming nothing.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../client/src/i18n/errorText.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';
import { clientCatalogue } from '../helpers/catalogues.ts';

const TAKEN = 'Ｍｅｄｉａ\u00a0Literacy';

describe('a working group’s name refused as taken, read by the client', () => {
  beforeAll(async () => {
    await i18next.init({
      fallbackLng: false,
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: clientCatalogue(language) }])),
    });
  });

  it.each(LANGUAGES)('names the group that has it, and says when it is the renamed group’s twin (%s)', async (language) => {
    await i18next.changeLanguage(language);
    const general = errorText('DUPLICATE');
    const taken = errorText('DUPLICATE', { field: 'name', taken: TAKEN, twin: false });
    const twin = errorText('DUPLICATE', { field: 'name', taken: TAKEN, twin: true });
    for (const text of [taken, twin]) {
      expect(text).toContain(TAKEN);
      expect(text).not.toBe(general);
      expect(text).not.toMatch(/\{\{|DUPLICATE/);
    }
    expect(twin).not.toBe(taken);
    // Another DUPLICATE (no `taken`) keeps the general sentence.
    expect(errorText('DUPLICATE', { field: 'title' })).toBe(general);
  });
});
