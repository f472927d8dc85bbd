/**
 * Importing people from a CSV: choose a file or paste it, preview each row ("new", "update" or
 * "error: why"), and only then import, all rows or none. A file with rows in error, or one the
 * server refuses, is said beside the field it came from (the file, or the pasted text).
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/schemas/users.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { InvitationLink } from './InvitationLink.tsx';
import { ImportRefused, importPeople } from './peopleApi.ts';
import { useErrorText } from './useErrorText.ts';

type Rows = ImportResult['rows'];

const IMPORT_FIELDS = ['file', 'csv'] as const;

export function CsvImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
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

  const run = async (dryRun: boolean) => {
    if (!fieldErrors.check({ file: !csv.trim() && t('people.import.empty') })) return;
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
      const message = t('people.import.failed', { message: errorText(caught) });
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
    setCsv(await file.text());
    setSource('file');
    setPreview(null);
    setImported(null);
    fieldErrors.clear();
  };

  const rows = imported ?? preview;
  const errors = preview ? count(preview, 'error') : 0;
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.import.title')}</h2>
      <p>{t('people.import.intro')}</p>
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
          <button type="button" className="button" disabled={busy !== null} onClick={() => void run(true)}>
            {busy === 'preview' ? t('people.import.previewing') : t('people.import.preview')}
          </button>
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
          </p>
          <div className="people__table-wrap">
            <table className="people__table">
              <caption className="sr-only">{t('people.import.previewTitle')}</caption>
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
                    <td>{row.email}</td>
                    <td>{row.name}</td>
                    <td>
                      {row.outcome === 'error' ? t('people.import.error', { why: row.error }) : t(`people.import.${row.outcome}`)}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {preview && errors === 0 && (
            <button type="button" className="button button--primary" disabled={busy !== null} onClick={() => void run(false)}>
              {busy === 'import' ? t('people.import.importing') : t('people.import.confirm', { count: preview.length })}
            </button>
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
