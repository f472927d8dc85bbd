/**
 * Every word of notifications, emails and the unsubscribe page exists in the six UN languages,
 * with the placeholders of the English one; counted phrases have exactly the plural forms the
 * language's Intl.PluralRules chooses between; and an email composed for a reader says it in
 * their language.
 */
import { describe, expect, it } from 'vitest';
import { counted, intlLocale, type Plural } from '../../server/src/i18n/serverText.ts';
import { STORE_WORDS } from '../../server/src/i18n/storeWords.ts';
import { EMAIL_CATALOGUES } from '../../server/src/notifications/emailCatalogue.ts';
import { composeEmail } from '../../server/src/notifications/emailCompose.ts';
import { notificationText } from '../../server/src/notifications/emailStrings.ts';
import type { StoredNotification } from '../../server/src/notifications/notificationStore.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';
import { NOTIFICATION_KINDS } from '../../shared/schemas/notifications.ts';
import { PROPOSAL_STATUSES } from '../../shared/schemas/proposals.ts';

type Tree = { [key: string]: string | Tree };
const PLURAL_SETS = new Set(['subjectMany', 'subjectDigest', 'introMany', 'introDigest', 'andMore']);

/** Plain strings by dotted key, and plural groups by key. */
function walk(tree: Tree, prefix = '', strings = new Map<string, string>(), plurals = new Map<string, Plural>()) {
  for (const [key, value] of Object.entries(tree)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (PLURAL_SETS.has(name)) plurals.set(name, value as Plural);
    else if (typeof value === 'string') strings.set(name, value);
    else walk(value, name, strings, plurals);
  }
  return { strings, plurals };
}
const placeholders = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]).sort();
/** A `{name}` the filler would leave as it is (the server's catalogues all say `{{name}}`). */
const SINGLE_BRACE = /(^|[^{])\{\w+\}/;
const english = walk(EMAIL_CATALOGUES.en as unknown as Tree);

describe('email catalogue', () => {
  it('names every kind of notification and every proposal status', () => {
    for (const language of LANGUAGES) {
      const catalogue = EMAIL_CATALOGUES[language];
      for (const kind of NOTIFICATION_KINDS) {
        expect(catalogue.sentence[kind], `${language} sentence ${kind}`).toBeTruthy();
        expect(catalogue.kindName[kind], `${language} kind name ${kind}`).toBeTruthy();
      }
      for (const status of PROPOSAL_STATUSES)
        expect(STORE_WORDS[language].proposalStatus[status], `${language} ${status}`).toBeTruthy();
    }
  });

  it.each(LANGUAGES.filter((language) => language !== 'en'))(
    '%s has every string, with the same placeholders, none left in English',
    (language) => {
      const own = walk(EMAIL_CATALOGUES[language] as unknown as Tree);
      expect([...own.strings.keys()].sort()).toEqual([...english.strings.keys()].sort());
      for (const [key, text] of english.strings) {
        const translated = own.strings.get(key)!;
        expect(translated.trim(), `${language} ${key}`).not.toBe('');
        expect(translated, `${language} ${key}`).not.toMatch(SINGLE_BRACE);
        expect(text, `en ${key}`).not.toMatch(SINGLE_BRACE);
        expect(placeholders(translated), `${language} ${key}`).toEqual(placeholders(text));
        expect(translated, `${language} ${key} is still English`).not.toBe(text);
      }
    },
  );

  it.each(LANGUAGES)('%s has exactly the plural forms its plural rules choose between', (language) => {
    const categories = new Intl.PluralRules(intlLocale(language)).resolvedOptions().pluralCategories.slice().sort();
    const { plurals } = walk(EMAIL_CATALOGUES[language] as unknown as Tree);
    expect([...plurals.keys()].sort()).toEqual([...english.plurals.keys()].sort());
    for (const [key, forms] of plurals) {
      expect(Object.keys(forms).sort(), `${language} ${key}`).toEqual(categories);
      for (const form of Object.values(forms)) expect(form, `${language} ${key}`).not.toMatch(SINGLE_BRACE);
      // Every form says only what English has to say (a language may spell "one" or "two" out).
      for (const form of Object.values(forms) as string[]) {
        for (const name of placeholders(form)) expect(placeholders(english.plurals.get(key)!.other)).toContain(name);
      }
      expect(placeholders(forms.other), `${language} ${key}.other`).toEqual(placeholders(english.plurals.get(key)!.other));
    }
  });

  it('counts with each language’s plural rules and digits', () => {
    const say = (language: 'ru' | 'ar' | 'en' | 'fr', n: number) => counted(language, EMAIL_CATALOGUES[language].subjectMany, n);
    expect(say('en', 1)).toBe('[Plenary] 1 new notification');
    expect(say('en', 2)).toBe('[Plenary] 2 new notifications');
    expect(say('ru', 1)).toBe('[Plenary] 1 новое уведомление');
    expect(say('ru', 3)).toBe('[Plenary] 3 новых уведомления');
    expect(say('ru', 5)).toBe('[Plenary] 5 новых уведомлений');
    expect(say('ru', 21)).toBe('[Plenary] 21 новое уведомление');
    expect(say('ar', 2)).toBe('[Plenary] إشعاران جديدان');
    expect(say('ar', 3)).toContain('إشعارات جديدة');
    expect(say('ar', 11)).toContain('إشعارًا جديدًا');
    expect(say('ar', 100)).toContain('إشعار جديد');
    expect(say('fr', 1)).toBe('[Plenary] 1 nouvelle notification');
    expect(say('fr', 1200)).toBe('[Plenary] 1\u202f200 nouvelles notifications');
  });

  it('says a notification in the reader’s language: statuses and due dates too; people’s words isolated in Arabic', () => {
    expect(notificationText('fr', 'proposal.status', { title: 'BPF Cybersecurity', status: 'on hold' })).toBe(
      'Votre proposition « BPF Cybersecurity » est désormais : en suspens',
    );
    expect(notificationText('es', 'action.due', { title: 'Informe', dueOn: '2025-04-10', due: 'by 10 April' })).toBe(
      'Una de sus acciones vence el 10 de abril de 2025: «Informe»',
    );
    expect(notificationText('en', 'action.due', { title: 'Report' })).toBe('An action of yours is due in 3 days: “Report”');
    expect(notificationText('ar', 'mention', { actor: 'Kwame', title: 'Agenda?' })).toBe(
      'أشار إليك \u2068Kwame\u2069 في تعليق على «\u2068Agenda?\u2069»',
    );
    // A language the board does not speak reads English.
    expect(notificationText('de', 'mention', {})).toBe('Someone mentioned you in a comment on “”');
  });

  it('composes a French digest in French, and an Arabic email right to left', () => {
    const item = (id: string): StoredNotification => ({
      id,
      kind: 'mention',
      at: 0,
      read: false,
      link: '/meetings/m1?thread=t1',
      params: { actor: 'Olena', title: 'Programme' },
    });
    const base = {
      to: 'x@example.org',
      origin: 'https://board.example',
      unsubscribeUrl: 'https://board.example/u',
      messageId: '<m@p>',
    };
    const french = composeEmail({ ...base, language: 'fr', items: [item('a'), item('b')], more: 3, digest: true });
    expect(french.subject).toBe('[Plenary] Votre résumé quotidien : 5 notifications');
    expect(french.text).toContain('Olena vous a mentionné dans un commentaire sur « Programme »');
    expect(french.text).toContain('…et 3 autres sur le tableau.');
    expect(french.text).toContain('Ne plus recevoir le résumé quotidien :');
    expect(french.html).toContain('<html lang="fr" dir="ltr">');
    const arabic = composeEmail({ ...base, language: 'ar', items: [item('a')], more: 0, digest: false });
    expect(arabic.html).toContain('<html lang="ar" dir="rtl">');
    expect(arabic.text).toContain('إيقاف رسائل البريد الإلكتروني بشأن الإشارات:');
  });
});
