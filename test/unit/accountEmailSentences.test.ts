/**
 * An account email greets the person on a line of its own ("Здравствуйте, Иван Петров!",
 * "Hola, Ana:", "Bonjour Léa,") and then starts a sentence: in every language that has capitals,
 * the paragraph after the greeting starts with one, in each of the four account emails.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_EMAIL_KINDS, composeAccountEmail } from '../../server/src/notifications/accountEmails.ts';
import { LANGUAGES } from '../../shared/i18n/languages.ts';

describe('account emails after their greeting', () => {
  it.each(LANGUAGES)('start a sentence in %s', (language) => {
    const lowercase = ACCOUNT_EMAIL_KINDS.flatMap((kind) => {
      const mail = composeAccountEmail(
        {
          kind,
          userId: 'u1',
          to: 'ivan@example.org',
          name: 'Иван Петров',
          language,
          url: 'https://board.example.org/invitations/abc',
          meetingTitle: 'Forum',
          ...(kind === 'account-exists' ? {} : { expiresAt: Date.UTC(2026, 11, 14, 12) }),
        },
        'm1@example.org',
      );
      const [greeting, sentence] = mail.text.split('\n');
      expect(greeting).toContain('Иван Петров');
      const first = sentence!.charAt(0);
      return first !== first.toLocaleUpperCase(language) ? [`${kind}: ${sentence}`] : [];
    });
    expect(lowercase).toEqual([]);
  });
});
