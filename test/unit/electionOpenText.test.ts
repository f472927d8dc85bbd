/**
 * A refusal ELECTION_OPEN says, in each of the six languages, what the open election holds back:
 * its ballot's nominations, a candidate in the group, or the one role it fills (a co-facilitator,
 * or a liaison of that title), with the group's name; the general sentence only without details.
 * Since an open election stopped holding back every role, "nobody is appointed" would be untrue.
 */
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorText } from '../../client/src/i18n/errorText.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';
import { clientCatalogue } from '../helpers/catalogues.ts';

const GROUP = 'Working Group on Youth Engagement';

const DETAILS = {
  nominations: { held: 'nominations', group: GROUP },
  candidate: { held: 'candidate', group: GROUP },
  coFacilitator: { held: 'role', group: GROUP, role: 'co-facilitator' },
  liaison: { held: 'role', group: GROUP, role: 'liaison', title: 'DC-MAG liaison' },
} as const;

describe('the ELECTION_OPEN refusal, read by the client', () => {
  beforeAll(async () => {
    await i18next.init({
      fallbackLng: false,
      interpolation: { escapeValue: false },
      resources: Object.fromEntries(LANGUAGES.map((language) => [language, { translation: clientCatalogue(language) }])),
    });
  });

  describe.each(LANGUAGES)('in %s', (language) => {
    beforeAll(async () => {
      await i18next.changeLanguage(language);
    });

    it('names what the open election holds back, and the group, each in its own words', () => {
      const general = errorText('ELECTION_OPEN');
      const texts = Object.values(DETAILS).map((details) => errorText('ELECTION_OPEN', details));
      for (const text of texts) {
        expect(text).toContain(GROUP);
        expect(text).not.toBe(general);
        expect(text).not.toMatch(/\{\{|ELECTION_OPEN/);
      }
      expect(new Set(texts).size).toBe(texts.length);
      expect(errorText('ELECTION_OPEN', DETAILS.liaison)).toContain('DC-MAG liaison');
      expect(errorText('ELECTION_OPEN', DETAILS.coFacilitator)).toContain(
        i18next.t('workingGroups.roles.co-facilitator').toLocaleLowerCase(language),
      );
    });
  });

  it('no longer says, in English, that nobody is appointed while any election is open', () => {
    i18next.changeLanguage('en');
    expect(errorText('ELECTION_OPEN')).not.toMatch(/appointed/);
    expect(errorText('ELECTION_OPEN', DETAILS.liaison)).toBe(
      `An election for the role of DC-MAG liaison is open in ${GROUP}: nobody is given that role there until it has closed. Other roles are given as usual.`,
    );
  });
});
