/**
 * A poll's "up to N choices" in every plural form a language has, through i18next as the board
 * says it: Arabic has six (zero, one, two, few, many, other), and "حتى 2 خيارات" (the plural of
 * three to ten) said of two is wrong; the dual says it. The poll form's "give at least N options" too.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../client/src/i18n');
const polls = (language: string) =>
  JSON.parse(readFileSync(path.join(root, language === 'en' ? 'en' : `locales/${language}`, 'polls.json'), 'utf8'));

async function sayer(language: string) {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources: { [language]: { translation: { polls: polls(language) } } } });
  return (count: number, key = 'polls.maxChoices') => instance.t(key, { count });
}

describe('a poll’s most choices per ballot', () => {
  it('is said in each of the six Arabic plural forms', async () => {
    const say = await sayer('ar');
    expect(say(0)).toBe('بلا خيارات');
    expect(say(1)).toBe('حتى خيار واحد');
    expect(say(2)).toBe('حتى خيارين');
    expect(say(3)).toBe('حتى 3 خيارات');
    expect(say(10)).toBe('حتى 10 خيارات');
    expect(say(11)).toBe('حتى 11 خيارًا');
    expect(say(100)).toBe('حتى 100 خيار');
    // The form's "give at least 2 options" is said of two too.
    expect(say(2, 'polls.form.tooFewOptions')).toBe('أدخل خيارين على الأقل.');
  });

  it('agrees with its number in English and Russian', async () => {
    const english = await sayer('en');
    expect([english(1), english(2)]).toEqual(['up to 1 choice', 'up to 2 choices']);
    const russian = await sayer('ru');
    expect([russian(1), russian(3), russian(5), russian(21)]).toEqual([
      'не более 1 варианта',
      'не более 3 вариантов',
      'не более 5 вариантов',
      'не более 21 варианта',
    ]);
  });
});
