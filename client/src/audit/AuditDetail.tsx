/**
 * An audit entry's detail as labelled fields (dl/dt/dd), nested as recorded: `from`/`to` of a change
 * read "Before"/"After" with their own fields. Known keys are named in the reader's language, others
 * keep their key; dates, times, numbers and lists are said the language's way (shared/i18n/format.ts).
 * Ids read as the names of what they refer to (the entry's `names`, looked up by the server: people,
 * meetings, polls, proposals, working groups, agenda items, action items, calls, questions, documents,
 * API tokens, speakers' hands, agenda versions), as text; an id of a thing that no longer
 * exists, or of one the server does not name, as the id marked so; codes (a role, a group, a status)
 * in the reader's words.
 */
import type { i18n as I18n } from 'i18next';
import { createContext, type ReactNode, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import { auditFieldKindIn, changedField, detailField, isAuditIdField, subjectParts } from '../../../shared/auditRefs.ts';
import { isIsoDate } from '../../../shared/dueDates.ts';
import { formatDateTime, formatDay, formatList, formatNumber } from '../../../shared/i18n/format.ts';
import { codeLabel, fieldLabel, formText, saidByCode, subjectLabel } from './auditText.ts';

const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
// Epoch milliseconds after 2001: a number in a field named like `expiresAt` is a moment, not a count.
const EPOCH_MS = 1e12;

type Names = Record<string, string | null>;
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

/**
 * An id as the reader reads it: the name of what it refers to (recorded text, shown as text), else
 * the id marked as belonging to a thing that no longer exists (`names` says null) or as having no
 * name known (the server names no such thing, or did not say).
 */
function readId(id: string, name: string | null | undefined, i18n: I18n): IdRead {
  if (typeof name === 'string') return { name };
  return { mark: i18n.t(name === null ? 'auditLog.gone' : 'auditLog.unnamed', { id: isolate(id) }) };
}

type IdRead = { name: string } | { mark: string };

/**
 * A detail field's id, read as `readId` says. `within`: the record holding the field, which may say
 * what the id is (an action item's source `{type: 'poll', id}`).
 */
const idText = (
  value: string,
  field: string,
  within: Record<string, unknown>,
  entry: { action: string; names: Names },
  i18n: I18n,
): IdRead => readId(value, auditFieldKindIn(entry.action, field, within) ? entry.names[value] : undefined, i18n);

function Id({ read }: { read: IdRead }) {
  return 'name' in read ? <Name name={read.name} /> : <span className="audit-unnamed">{read.mark}</span>;
}

/** A name's parts the server isolated (FSI … PDI): a comment's start, its author, its document's title. */
const ISOLATED = /\u2068([^\u2068\u2069]*)\u2069/g;

/**
 * A recorded name, as text in a <bdi>. A name made of several (a thread: its comment, the comment's
 * author and its proposal, joined by the reader's words) follows the page's direction, each of its
 * parts in a <bdi> of its own: on an Arabic page a Latin title does not carry the Arabic words
 * around it into its order, nor the author's name into the title.
 */
function Name({ name }: { name: string }) {
  if (!name.includes('\u2068')) return <bdi>{name}</bdi>;
  const parts: ReactNode[] = [];
  let at = 0;
  for (const match of name.matchAll(ISOLATED)) {
    if (match.index > at) parts.push(name.slice(at, match.index));
    parts.push(<bdi key={match.index}>{match[1]}</bdi>);
    at = match.index + match[0].length;
  }
  if (at < name.length) parts.push(name.slice(at));
  return <span className="audit-name">{parts}</span>;
}

/** The entry's subject: what kind of thing, then its name, or its id marked as gone or as having no name known. */
export function AuditSubject({ subject, names }: { subject: string; names: Names }) {
  const { i18n } = useTranslation();
  const parts = subjectParts(subject);
  if (!parts) return subject ? subjectLabel(i18n, subject) : null;
  const name = parts.ref ? names[parts.id] : undefined;
  return (
    <>
      <span className="audit-kind">{subjectLabel(i18n, parts.kind)}</span>
      <Id read={readId(parts.id, name, i18n)} />
    </>
  );
}

/** `under`: the field the record is the value of, whose change its `from` and `to` may be. */
function Fields({ record, under }: { record: Record<string, unknown>; under?: string }) {
  const { i18n } = useTranslation();
  const { action } = useContext(Entry);
  const fields = Object.entries(record).filter(
    ([field, value]) => value !== undefined && !saidByCode(i18n, action, field, record),
  );
  if (fields.length === 0) return null;
  // A change ({field, from, to}, or {from, to} under the field's key): its from and to are values of that field.
  const changed = changedField(record, under);
  return (
    <dl className="audit-detail">
      {fields.map(([field, value]) => (
        <div key={field}>
          <dt>{fieldLabel(i18n, field, action)}</dt>
          <dd>
            <Value field={detailField(field, changed)} value={value} within={record} />
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** `within`: the record the value is a field of (for an array, of its items). */
function Value({ field, value, within }: { field: string; value: unknown; within: Record<string, unknown> }) {
  const { t, i18n } = useTranslation();
  const entry = useContext(Entry);
  const language = i18n.language;
  const say = (item: unknown) => plain(item, field, language, t, (text) => named(text, field, within, entry, i18n));
  if (Array.isArray(value)) {
    if (value.length === 0) return t('auditLog.none');
    if (value.every((item) => item === null || typeof item !== 'object')) return formatList(language, value.map(say));
    return (
      <ol className="audit-detail__list">
        {value.map((item, index) => (
          <li key={index}>
            <Value field={field} value={item} within={within} />
          </li>
        ))}
      </ol>
    );
  }
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.keys(record).length === 0 ? t('auditLog.none') : <Fields record={record} under={field} />;
  }
  if (typeof value === 'string' && isAuditIdField(entry.action, field, within)) {
    // An empty id is none: a hand raised while no item was current.
    return value === '' ? t('auditLog.none') : <Id read={idText(value, field, within, entry, i18n)} />;
  }
  if (typeof value === 'string' && INSTANT.test(value)) return <time dateTime={value}>{say(value)}</time>;
  if (typeof value === 'string' && field === 'form' && entry.action.startsWith('meeting.')) {
    // An older meeting change's English line ("Hybrid, Geneva"), in the reader's words.
    const form = formText(i18n, value);
    if (form !== undefined) return <Name name={form} />;
  }
  // An empty text recorded is one taken away (a meeting's place cleared): it reads as none, not
  // as a label followed by nothing.
  if (value === '') return t('auditLog.none');
  // Recorded text (a title, a name) keeps its own direction on a page of the other one; a code reads in the page's words.
  if (typeof value === 'string' && !isIsoDate(value)) {
    const label = codeLabel(i18n, entry.action, field, value);
    return label === value ? <bdi>{value}</bdi> : label;
  }
  return say(value);
}

/** A recorded string in a list: the name of what an id refers to, a marked id, a code in the reader's words, else itself. */
function named(
  value: string,
  field: string,
  within: Record<string, unknown>,
  entry: { action: string; names: Names },
  i18n: I18n,
): string {
  if (isAuditIdField(entry.action, field, within)) {
    const read = idText(value, field, within, entry, i18n);
    return 'name' in read ? read.name : read.mark;
  }
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
