/**
 * An audit entry's detail as labelled fields (dl/dt/dd), nested as recorded: `from`/`to` of a change
 * read "Before"/"After" with their own fields. Known keys are named in the reader's language, others
 * keep their key; dates, times, numbers and lists are said the language's way (shared/i18n/format.ts).
 * Ids of people and meetings read as their names (the entry's `names`, looked up by the server), other
 * ids as ids marked as having no name; codes (a role, a group, a status) in the reader's words.
 */
import type { i18n as I18n } from 'i18next';
import { createContext, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { AUDIT_ID_FIELDS, AUDIT_REF_FIELDS, subjectParts } from '../../../shared/auditRefs.ts';
import { isIsoDate } from '../../../shared/dueDates.ts';
import { formatDateTime, formatDay, formatList, formatNumber } from '../../../shared/i18n/format.ts';
import { codeLabel, fieldLabel, subjectLabel } from './auditText.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Epoch milliseconds after 2001: a number in a field named like `expiresAt` is a moment, not a count.
const EPOCH_MS = 1e12;

type Names = Record<string, string>;
const Entry = createContext<{ action: string; names: Names }>({ action: '', names: {} });

/** An id kept apart from the text around it (a Latin id in an Arabic sentence keeps its order). */
const isolate = (id: string) => `\u2068${id}\u2069`;

export function AuditDetail({ detail, action, names }: { detail: Record<string, unknown>; action: string; names: Names }) {
  return (
    <Entry.Provider value={{ action, names }}>
      <Fields record={detail} />
    </Entry.Provider>
  );
}

/** The entry's subject: what kind of thing, then its name, or its id marked as having no name known. */
export function AuditSubject({ subject, names }: { subject: string; names: Names }) {
  const { t, i18n } = useTranslation();
  const parts = subjectParts(subject);
  if (!parts) return subject ? subjectLabel(i18n, subject) : null;
  const name = parts.ref ? names[parts.id] : undefined;
  return (
    <>
      <span className="audit-kind">{subjectLabel(i18n, parts.kind)}</span>
      {name !== undefined ? (
        <bdi>{name}</bdi>
      ) : (
        <span className="audit-unnamed">{t('auditLog.unnamed', { id: isolate(parts.id) })}</span>
      )}
    </>
  );
}

function Fields({ record }: { record: Record<string, unknown> }) {
  const { i18n } = useTranslation();
  const fields = Object.entries(record).filter(([, value]) => value !== undefined);
  if (fields.length === 0) return null;
  // A change listed as {field, from, to}: its from and to are values of that field (a role's code, say).
  const changed = typeof record.field === 'string' ? record.field : undefined;
  return (
    <dl className="audit-detail">
      {fields.map(([field, value]) => (
        <div key={field}>
          <dt>{fieldLabel(i18n, field)}</dt>
          <dd>
            <Value field={changed && (field === 'from' || field === 'to') ? changed : field} value={value} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

function Value({ field, value }: { field: string; value: unknown }) {
  const { t, i18n } = useTranslation();
  const entry = useContext(Entry);
  const language = i18n.language;
  const say = (item: unknown) => plain(item, field, language, t, (text) => named(text, field, entry, i18n));
  if (Array.isArray(value)) {
    if (value.length === 0) return t('auditLog.none');
    if (value.every((item) => item === null || typeof item !== 'object')) return formatList(language, value.map(say));
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
  if (typeof value === 'string' && (AUDIT_REF_FIELDS[field] || AUDIT_ID_FIELDS.has(field))) {
    const name = AUDIT_REF_FIELDS[field] ? entry.names[value] : undefined;
    return name !== undefined ? (
      <bdi>{name}</bdi>
    ) : (
      <span className="audit-unnamed">{t('auditLog.unnamed', { id: isolate(value) })}</span>
    );
  }
  if (typeof value === 'string' && INSTANT.test(value)) return <time dateTime={value}>{say(value)}</time>;
  // Recorded text (a title, a name) keeps its own direction on a page of the other one; a code reads in the page's words.
  if (typeof value === 'string' && !isIsoDate(value)) {
    const label = codeLabel(i18n, entry.action, field, value);
    return label === value ? <bdi>{value}</bdi> : label;
  }
  return say(value);
}

/** A recorded string in a list: a person's or meeting's name, a marked id, a code in the reader's words, else itself. */
function named(value: string, field: string, entry: { action: string; names: Names }, i18n: I18n): string {
  const name = AUDIT_REF_FIELDS[field] ? entry.names[value] : undefined;
  if (name !== undefined) return name;
  if (AUDIT_REF_FIELDS[field] || AUDIT_ID_FIELDS.has(field)) return i18n.t('auditLog.unnamed', { id: isolate(value) });
  return codeLabel(i18n, entry.action, field, value);
}

/** A single value as text: yes/no, a number or a moment in the language's way, else as `text` says a string. */
function plain(
  value: unknown,
  field: string,
  language: string,
  t: (key: string) => string,
  text: (value: string) => string,
): string {
  if (value === null || value === undefined) return t('auditLog.none');
  if (typeof value === 'boolean') return t(value ? 'auditLog.yes' : 'auditLog.no');
  if (typeof value === 'number') {
    if (/At$/.test(field) && value > EPOCH_MS) return formatDateTime(language, value);
    return formatNumber(language, value);
  }
  if (typeof value === 'string') {
    if (INSTANT.test(value) && !Number.isNaN(Date.parse(value))) return formatDateTime(language, Date.parse(value));
    if (isIsoDate(value)) return formatDay(language, value, 'medium');
    return text(value);
  }
  return String(value);
}
