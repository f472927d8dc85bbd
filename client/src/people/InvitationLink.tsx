/** The invitation link, shown to the secretariat to copy and send (until email sends it too). */

import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/i18n/format.ts';

export function InvitationLink({
  name,
  email,
  url,
  expiresAt,
  focus,
}: {
  name: string;
  email: string;
  url: string;
  expiresAt: number;
  /** Take the focus when shown (after adding someone, the link is what comes next). */
  focus?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const input = useRef<HTMLInputElement>(null);
  const [status, setStatus] = useState<string>('');
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus) heading.current?.focus();
  }, [focus, url]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(url);
      setStatus(t('people.invitation.copied'));
    } catch {
      input.current?.select();
      input.current?.focus();
      setStatus(t('people.invitation.copyFailed'));
    }
  };
  const date = formatDateTime(i18n.language, expiresAt, { dateStyle: 'long' });
  return (
    <section className="people__invitation alert alert--info" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {t('people.invitation.title', { name })}
      </h3>
      <p id={`${id}-hint`}>{t('people.invitation.hint', { email, date })}</p>
      <div className="people__copy">
        <label htmlFor={`${id}-link`} className="sr-only">
          {t('people.invitation.link')}
        </label>
        <input
          ref={input}
          id={`${id}-link`}
          readOnly
          value={url}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.target.select()}
        />
        <button type="button" className="button" onClick={() => void copy()}>
          {t('people.invitation.copy')}
        </button>
      </div>
      <p role="status" className="people__status">
        {status}
      </p>
    </section>
  );
}
