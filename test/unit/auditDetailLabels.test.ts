/**
 * The secretariat reads an audit entry's detail by labels in its own language: every key the server
 * writes in a detail, and every code it records as a value, must read as words in all six
 * languages, not as `outcome`, `digestTime` or `immediate`. The keys and codes are listed beside
 * the writers (shared/auditDetails.ts), and the server's types hold every detail written to them
 * (the audit log's `record` takes a detail only when each of its keys is listed: `npm run typecheck`
 * refuses any other, as test/unit/auditDetailTypes.test.ts shows). This test asks the page's own
 * labelling (client/src/audit/auditText.ts) for each, through i18next with only that language's catalogue.
 */
import i18next, { type i18n as I18n } from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { codeLabel, codeLabelKey, fieldLabel } from '../../client/src/audit/auditText.ts';
import { AUDIT_DETAIL_CODES, AUDIT_DETAIL_FIELDS } from '../../shared/auditDetails.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';
import { clientCatalogue } from '../helpers/catalogues.ts';

describe('the audit log’s detail', () => {
  describe.each(LANGUAGES)('in %s', (language) => {
    let i18n: I18n;
    beforeAll(async () => {
      i18n = i18next.createInstance();
      await i18n.init({
        lng: language,
        fallbackLng: false,
        resources: { [language]: { translation: clientCatalogue(language) } },
      });
    });

    it('names every field', () => {
      const unnamed = AUDIT_DETAIL_FIELDS.filter((field) => fieldLabel(i18n, field) === field);
      const fieldsOfCodes = AUDIT_DETAIL_CODES.filter(({ action, field }) => fieldLabel(i18n, field, action) === field);
      expect({ unnamed, fieldsOfCodes: fieldsOfCodes.map(({ action, field }) => `${action} ${field}`) }).toEqual({
        unnamed: [],
        fieldsOfCodes: [],
      });
    });

    it('says every recorded code in words', () => {
      // A code is said in words when the page looks its label up and the catalogue has it (English
      // "read" for the scope `read` is a label that happens to be the code); a language or a field's
      // name is said by codeLabel itself.
      const labelled = (action: string, field: string, code: string) => {
        if (field === 'language' || field === 'field') return codeLabel(i18n, action, field, code) !== code;
        const key = codeLabelKey(action, field, code);
        return key !== undefined && i18n.exists(key);
      };
      const raw = AUDIT_DETAIL_CODES.flatMap(({ action, field, codes }) =>
        codes.filter((code) => !labelled(action, field, code)).map((code) => `${action} ${field}: ${code}`),
      );
      expect(raw).toEqual([]);
    });
  });

  it('calls a person’s name a name, and a thing’s name as before, in Russian and Chinese', async () => {
    for (const [language, person, thing] of [
      ['ru', 'Имя', 'Название'],
      ['zh', '姓名', '名称'],
    ] as const) {
      const i18n = i18next.createInstance();
      await i18n.init({
        lng: language,
        fallbackLng: false,
        resources: { [language]: { translation: clientCatalogue(language) } },
      });
      expect([fieldLabel(i18n, 'name', 'user.import'), fieldLabel(i18n, 'name', 'user.change')]).toEqual([person, person]);
      expect(codeLabel(i18n, 'user.import', 'field', 'name')).toBe(person);
      expect(fieldLabel(i18n, 'name', 'attachment.create')).toBe(thing);
    }
  });
});
