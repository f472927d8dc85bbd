/**
 * One click to the meeting pack ("Action items & next steps") in each format, and the action
 * items' deadlines for a calendar. The server builds each file from the board's data.
 */
import { useTranslation } from 'react-i18next';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';

const FORMATS = [
  { file: 'pack.html', key: 'html' },
  { file: 'pack.docx', key: 'docx' },
  { file: 'pack.md', key: 'markdown' },
  { file: 'actions.ics', key: 'ical' },
] as const;

export function PackLinks() {
  const { t, i18n } = useTranslation();
  const { meeting } = useMeetingContext();
  // The documents are made in the language the page shows.
  const lang = `?lang=${encodeURIComponent(i18n.resolvedLanguage ?? 'en')}`;
  const base = `/api/meetings/${encodeURIComponent(meeting.id)}`;
  return (
    <section className="panel pack" aria-labelledby="pack-title">
      <h2 id="pack-title" className="panel__title">
        {t('pack.title')}
      </h2>
      <p className="pack__intro">{t('pack.intro')}</p>
      <ul className="pack__links">
        {FORMATS.map((format) => (
          <li key={format.key}>
            <a
              href={`${base}/${format.file}${lang}`}
              {...(format.key === 'html' ? { target: '_blank', rel: 'noopener' } : { download: '' })}
            >
              {t(`pack.format.${format.key}`)}
            </a>
            <span className="pack__hint"> {t(`pack.hint.${format.key}`)}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
