/**
 * An audit entry's detail as labelled fields (dl/dt/dd), nested as recorded: `from`/`to` of a change
 * read "Before"/"After" with their own fields. Known keys are named in the reader's language, others
 * keep their key; dates, times, numbers and lists are said the language's way (shared/i18n/format.ts).
 */
import { useTranslation } from 'react-i18next';
import { isIsoDate } from '../../../shared/dueDates.ts';
import { formatDateTime, formatDay, formatList, formatNumber } from '../../../shared/i18n/format.ts';
import { fieldLabel } from './auditText.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Epoch milliseconds after 2001: a number in a field named like `expiresAt` is a moment, not a count.
const EPOCH_MS = 1e12;

export function AuditDetail({ detail }: { detail: Record<string, unknown> }) {
  return <Fields record={detail} />;
}

function Fields({ record }: { record: Record<string, unknown> }) {
  const { i18n } = useTranslation();
  const fields = Object.entries(record).filter(([, value]) => value !== undefined);
  if (fields.length === 0) return null;
  return (
    <dl className="audit-detail">
      {fields.map(([field, value]) => (
        <div key={field}>
          <dt>{fieldLabel(i18n, field)}</dt>
          <dd>
            <Value field={field} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ field, value }: { field: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  if (Array.isArray(value)) {
    if (value.length === 0) return t('auditLog.none');
    if (value.every((item) => item === null || typeof item !== 'object'))
      return formatList(
        language,
        value.map((item) => plain(item, field, language, t)),
      );
    return (
      <ol className="audit-detail__list">
        {value.map((item, index) => (
          <li key={index}>
            <Value field={field} value={item} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.keys(record).length === 0 ? t('auditLog.none') : <Fields record={record} />;
  }
  if (typeof value === 'string' && INSTANT.test(value)) return <time dateTime={value}>{plain(value, field, language, t)}</time>;
  // Recorded text (a title, a name, an id) keeps its own direction on a page of the other one.
  if (typeof value === 'string' && !isIsoDate(value)) return <bdi>{value}</bdi>;
  return plain(value, field, language, t);
}

/** A single value as text: yes/no, a number or a moment in the language's way, else as recorded. */
function plain(value: unknown, field: string, language: string, t: (key: string) => string): string {
  if (value === null || value === undefined) return t('auditLog.none');
  if (typeof value === 'boolean') return t(value ? 'auditLog.yes' : 'auditLog.no');
  if (typeof value === 'number') {
    if (/At$/.test(field) && value > EPOCH_MS) return formatDateTime(language, value);
    return formatNumber(language, value);
  }
  if (typeof value === 'string') {
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(language, Date.parse(value));
    if (isIsoDate(value)) return formatDay(language, value, 'medium');
    return value;
  }
  return String(value);
}
