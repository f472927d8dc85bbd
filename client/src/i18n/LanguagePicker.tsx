/**
 * The language picker in the header of every page, signed in or not. Each option is written in
 * its own language (and marked so: `lang` and `dir` per option) so anyone can find theirs. A
 * signed-in person's choice is stored on them (`PUT /api/me`) and follows them to other devices,
 * emails and documents; before sign-in it is kept on this device.
 */
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, isLanguage, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import { put } from '../app/api.ts';
import { currentLanguage, switchLanguage } from './i18n.ts';

export function LanguagePicker({ user }: { user: PublicUser | null | undefined }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [failed, setFailed] = useState(false);
  const language = isLanguage(i18n.language) ? i18n.language : currentLanguage();

  const choose = async (next: Language) => {
    setFailed(false);
    try {
      await switchLanguage(next);
      if (user) await put('/api/me', { language: next });
    } catch {
      setFailed(true);
    }
  };

  return (
    <div className="language-picker">
      <label htmlFor={id} className="sr-only">
        {t('app.language')}
      </label>
      <select
        id={id}
        className="language-picker__select"
        value={language}
        onChange={(event) => void choose(event.target.value as Language)}
        aria-describedby={failed ? `${id}-failed` : undefined}
      >
        {LANGUAGES.map((code) => (
          <option key={code} value={code} lang={code} dir={directionOf(code)}>
            {LANGUAGE_NAMES[code]}
          </option>
        ))}
      </select>
      {failed && (
        <span id={`${id}-failed`} role="alert" className="language-picker__failed">
          {t('app.languageFailed')}
        </span>
      )}
    </div>
  );
}

/** A signed-in person's stored language wins over this device's; nothing stored keeps the device's. */
export function useLanguageOfPerson(user: PublicUser | null | undefined): void {
  useEffect(() => {
    const stored = user?.language;
    if (isLanguage(stored) && stored !== currentLanguage()) void switchLanguage(stored).catch(() => undefined);
  }, [user?.language]);
}
