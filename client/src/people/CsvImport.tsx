/**
 * Importing people from a CSV: choose a file or paste it, preview each row ("new", "update" with
 * each change from → to, "no change" or "error: why"; a new person's row says the language their
 * invitation goes in, the file's language column or else the importer's), and only then import, all rows or none. A
 * file with rows in error, or one the server refuses, is said beside the field it came from (the
 * file, or the pasted text), in the reader's language: the server gives codes, not sentences.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportChange, ImportResult } from '../../../shared/schemas/users.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { DataTable } from '../ui/DataTable.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { InvitationLink } from './InvitationLink.tsx';
import { ImportRefused, importPeople } from './peopleApi.ts';
import { useErrorText } from './useErrorText.ts';

type Rows = ImportResult['rows'];
type Row = Rows[number];

const IMPORT_FIELDS = ['file', 'csv'] as const;

export function CsvImport({ onImported }: { onImported: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Rows | null>(null);
  const [imported, setImported] = useState<Rows | null>(null);
  /** Where the CSV came from: a refusal of it is said beside that field. */
  const [source, setSource] = useState<'file' | 'csv'>('csv');
  const fieldErrors = useFieldErrors(IMPORT_FIELDS);
  const besideSource = (message: string) => fieldErrors.check(source === 'file' ? { file: message } : { csv: message });
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  const count = (rows: Rows, outcome: string) => rows.filter((row) => row.outcome === outcome).length;

  /** Why a row cannot be imported, in the reader's language (the server's English when the code is unknown here). */
  const rowError = (row: Row) =>
    row.errorCode && i18n.exists(`people.import.rowErrors.${row.errorCode}`)
      ? t(`people.import.rowErrors.${row.errorCode}`, { ...row.errorParams })
      : row.error;
  /** Why the whole file was refused: the server's reason code, said here. */
  const refusalText = (caught: unknown) => {
    const details =
      caught instanceof ImportRefused ? (caught.details as { reason?: string; params?: object } | undefined) : undefined;
    if (details?.reason && i18n.exists(`people.import.refusal.${details.reason}`))
      return t(`people.import.refusal.${details.reason}`, { ...details.params });
    return errorText(caught);
  };
  const shown = (field: ImportChange['field'], value: string | null) => {
    if (value === null || value === '') return t('people.import.blank');
    if (field === 'role') return t(`roles.${value}`);
    if (field === 'group') return t(`groups.${value}`);
    if (field === 'language') return languageName(value);
    return value;
  };
  /** A language's name in the reader's language ("French", "français", "الفرنسية"), as the import's outcome says it. */
  const languageName = (code: string) => new Intl.DisplayNames([i18n.language], { type: 'language' }).of(code) ?? code;

  const run = async (dryRun: boolean) => {
    const emptyText = source === 'file' ? t('people.import.emptyFile') : t('people.import.empty');
    if (!fieldErrors.check({ file: !csv.trim() && emptyText })) return;
    setBusy(dryRun ? 'preview' : 'import');
    try {
      const result = await importPeople(csv, dryRun);
      if (dryRun) {
        setPreview(result.rows);
        setImported(null);
        // Rows in error: the file is what needs fixing; its field says so and the table below says which rows.
        if (count(result.rows, 'error') > 0) {
          besideSource(t('people.import.fixFirst'));
          return;
        }
      } else {
        setImported(result.rows);
        setPreview(null);
        onImported();
      }
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (caught) {
      const message = t('people.import.failed', { message: refusalText(caught) });
      if (caught instanceof ImportRefused) {
        if (caught.rows.length > 0) setPreview(caught.rows);
        besideSource(message);
      } else fieldErrors.setFormError(message);
    } finally {
      setBusy(null);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    const text = await file.text();
    setCsv(text);
    setSource('file');
    setPreview(null);
    setImported(null);
    fieldErrors.clear();
    // A file that holds nothing is said at once, where it was chosen.
    if (!text.trim()) fieldErrors.check({ file: t('people.import.emptyFile') });
  };

  const rows = imported ?? preview;
  const errors = preview ? count(preview, 'error') : 0;
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.import.title')}</h2>
      <p>{t('people.import.intro')}</p>
      <p>{t('people.import.spreadsheets')}</p>
      <div className="form">
        <Field label={t('people.import.file')} {...fieldErrors.field('file')}>
          {(control) => (
            <input {...control} type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event.target.files?.[0])} />
          )}
        </Field>
        <Field label={t('people.import.paste')} {...fieldErrors.field('csv')}>
          {(control) => (
            <textarea
              {...control}
              rows={6}
              spellCheck={false}
              value={csv}
              onChange={(event) => {
                setCsv(event.target.value);
                setSource('csv');
                setPreview(null);
              }}
            />
          )}
        </Field>
        <div className="people__buttons">
          <BusyButton type="button" className="button" busy={busy !== null} onClick={() => void run(true)}>
            {busy === 'preview' ? t('people.import.previewing') : t('people.import.preview')}
          </BusyButton>
        </div>
      </div>
      <ErrorAlert message={fieldErrors.formError} />
      {rows && (
        <>
          <h3 ref={previewHeading} tabIndex={-1}>
            {t('people.import.previewTitle')}
          </h3>
          <p role="status">
            {imported
              ? t('people.import.imported', { new: count(imported, 'new'), update: count(imported, 'update') })
              : t('people.import.summary', {
                  new: count(rows, 'new'),
                  update: count(rows, 'update'),
                  error: count(rows, 'error'),
                })}
            {count(rows, 'unchanged') > 0 && ` ${t('people.import.unchangedCount', { count: count(rows, 'unchanged') })}`}
          </p>
          <DataTable caption={t('people.import.previewTitle')} className="people__preview">
            <thead>
              <tr>
                <th scope="col">{t('people.import.line')}</th>
                <th scope="col">{t('people.admin.email')}</th>
                <th scope="col">{t('people.admin.name')}</th>
                <th scope="col">{t('people.import.outcome')}</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.line} className={row.outcome === 'error' ? 'people__row--error' : undefined}>
                  <td>{row.line}</td>
                  <td className="people__email">{row.email}</td>
                  <td dir="auto" className="people__preview-name">
                    {row.name}
                  </td>
                  <td>
                    {row.outcome === 'error'
                      ? t('people.import.error', { why: rowError(row) })
                      : row.outcome === 'new' && row.language
                        ? t('people.import.newIn', { language: languageName(row.language) })
                        : t(`people.import.${row.outcome}`)}
                    {row.changes && row.changes.length > 0 && (
                      <ul className="people__changes" aria-label={t('people.import.changes')}>
                        {row.changes.map((change) => (
                          <li key={change.field}>
                            {t('people.import.change', {
                              field: t(`people.admin.${change.field}`),
                              from: shown(change.field, change.from),
                              to: shown(change.field, change.to),
                            })}
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </DataTable>
          {/* Counts what would be written: unchanged rows are not (nothing to import when all are). */}
          {preview && errors === 0 && preview.length > count(preview, 'unchanged') && (
            <BusyButton type="button" className="button button--primary" busy={busy !== null} onClick={() => void run(false)}>
              {busy === 'import'
                ? t('people.import.importing')
                : t('people.import.confirm', { count: preview.length - count(preview, 'unchanged') })}
            </BusyButton>
          )}
          {imported && count(imported, 'new') > 0 && (
            <details className="people__links">
              <summary>{t('people.import.links')}</summary>
              {imported
                .filter((row) => row.invitation)
                .map((row) => (
                  <InvitationLink
                    key={row.line}
                    name={row.name ?? ''}
                    email={row.email ?? ''}
                    url={row.invitation!.url}
                    expiresAt={row.invitation!.expiresAt}
                  />
                ))}
            </details>
          )}
        </>
      )}
    </section>
  );
}
