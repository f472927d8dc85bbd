/**
 * Importing people from a CSV: choose a file or paste it, preview each row ("new", "update" or
 * "error: why"), and only then import, all rows or none.
 */
import { useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportResult } from '../../../shared/schemas/users.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { ImportRefused, importPeople } from './peopleApi.ts';
import { InvitationLink } from './InvitationLink.tsx';
import { useErrorText } from './useErrorText.ts';

type Rows = ImportResult['rows'];

export function CsvImport({ onImported }: { onImported: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [csv, setCsv] = useState('');
  const [preview, setPreview] = useState<Rows | null>(null);
  const [imported, setImported] = useState<Rows | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState<'preview' | 'import' | null>(null);
  const previewHeading = useRef<HTMLHeadingElement>(null);
  const id = useId();

  const count = (rows: Rows, outcome: string) => rows.filter((row) => row.outcome === outcome).length;

  const run = async (dryRun: boolean) => {
    if (!csv.trim()) {
      setError(t('people.import.empty'));
      return;
    }
    setBusy(dryRun ? 'preview' : 'import');
    setError(null);
    try {
      const result = await importPeople(csv, dryRun);
      if (dryRun) {
        setPreview(result.rows);
        setImported(null);
      } else {
        setImported(result.rows);
        setPreview(null);
        onImported();
      }
      requestAnimationFrame(() => previewHeading.current?.focus());
    } catch (caught) {
      if (caught instanceof ImportRefused && caught.rows.length > 0) setPreview(caught.rows);
      setError(t('people.import.failed', { message: errorText(caught) }));
    } finally {
      setBusy(null);
    }
  };

  const readFile = async (file: File | undefined) => {
    if (!file) return;
    setCsv(await file.text());
    setPreview(null);
    setImported(null);
  };

  const rows = imported ?? preview;
  const errors = preview ? count(preview, 'error') : 0;
  return (
    <section className="people__section" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t('people.import.title')}</h2>
      <p>{t('people.import.intro')}</p>
      <div className="form">
        <Field label={t('people.import.file')}>
          {(control) => (
            <input {...control} type="file" accept=".csv,text/csv" onChange={(event) => void readFile(event.target.files?.[0])} />
          )}
        </Field>
        <Field label={t('people.import.paste')}>
          {(control) => (
            <textarea
              {...control}
              rows={6}
              spellCheck={false}
              value={csv}
              onChange={(event) => {
                setCsv(event.target.value);
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
      <ErrorAlert message={error} />
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
          {preview && errors > 0 && <p className="alert alert--error">{t('people.import.fixFirst')}</p>}
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
