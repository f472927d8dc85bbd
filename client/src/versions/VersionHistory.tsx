/**
 * The agenda's version history: name the agenda as it is, see what changed since a version or
 * between two, and (secretariat, chair) restore one as a new edit that everyone sees live.
 */

import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../shared/i18n/format.ts';
import type { DiffDto, VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { get, post } from '../app/api.ts';
import { useMeetingContext } from '../meetings/MeetingContext.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { DiffView } from './DiffView.tsx';
import './versions.css';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { versionName } from './versionName.ts';
import { canRestoreVersion, canSaveVersion } from './versionPolicy.ts';

const SAVE_FIELDS = ['name'] as const;

export function VersionHistory() {
  const { t, i18n } = useTranslation();
  const { meeting, user } = useMeetingContext();
  const base = `/api/meetings/${encodeURIComponent(meeting.id)}/versions`;
  const [versions, setVersions] = useState<VersionDto[] | null>(null);
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('current');
  const [diff, setDiff] = useState<DiffDto | null>(null);
  const [confirming, setConfirming] = useState<VersionDto | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const saveErrors = useFieldErrors(SAVE_FIELDS);

  const load = useCallback(() => {
    get<VersionDto[]>(base).then(
      (list) => {
        setVersions(list);
        setFrom((current) => current || list[0]?.id || '');
      },
      (failure: Error) => setError(failure.message),
    );
  }, [base]);
  useEffect(load, [load]);

  const when = (at: number) => formatDateTime(i18n.language, at);
  // Automatic names are worded in the reader's language (versionName.ts).
  const nameOf = (version: VersionDto) => versionName(version, t, i18n.language, versions ?? []);
  const label = (version: VersionDto) => `${nameOf(version)} (${when(version.createdAt)})`;

  const save = (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    setStatus('');
    if (!saveErrors.check({ name: !hasVisibleText(name) && t('versions.errors.name') })) return;
    post<VersionDto>(base, { name }).then(
      (version) => {
        setName('');
        setStatus(t('versions.saved', { name: version.name }));
        load();
      },
      (failure: unknown) => saveErrors.fail(failure, { name: t('versions.errors.name') }),
    );
  };

  const compare = (fromId: string, toId: string) => {
    setError(null);
    get<DiffDto>(
      `${base}/diff?from=${encodeURIComponent(fromId)}&to=${encodeURIComponent(toId)}&lang=${encodeURIComponent(i18n.resolvedLanguage ?? 'en')}`,
    ).then(
      (result) => {
        setDiff(result);
        dialog.current?.showModal();
      },
      (failure: Error) => setError(failure.message),
    );
  };

  const restore = (version: VersionDto) => {
    setError(null);
    return post<{ changed: boolean }>(`${base}/${encodeURIComponent(version.id)}/restore`).then(
      (result) => {
        setConfirming(null);
        setStatus(
          result.changed
            ? t('versions.restored', { name: nameOf(version) })
            : t('versions.restoredNothing', { name: nameOf(version) }),
        );
        load();
      },
      (failure: Error) => setError(failure.message),
    );
  };

  return (
    <section className="panel versions" aria-labelledby="versions-title">
      <h2 id="versions-title" className="panel__title">
        {t('versions.title')}
      </h2>
      {canSaveVersion(user, meeting) && (
        <form className="versions__save" onSubmit={save} noValidate>
          <Field label={t('versions.nameLabel')} {...saveErrors.field('name')} limit={{ length: name.length, max: 120 }}>
            {(control) => (
              <div className="versions__save-row">
                <input {...control} value={name} maxLength={120} required onChange={(event) => setName(event.target.value)} />
                <button type="submit" className="button">
                  {t('versions.save')}
                </button>
              </div>
            )}
          </Field>
        </form>
      )}
      <p role="status" className="versions__status">
        {status}
      </p>
      <ErrorAlert message={error ?? saveErrors.formError} />
      {versions && versions.length > 0 && (
        <>
          <ol className="versions__list">
            {versions.map((version) => (
              <li key={version.id} className="versions__item">
                <p className="versions__name">
                  <strong id={`version-${version.id}`} dir="auto">
                    {nameOf(version)}
                  </strong>
                </p>
                <p className="versions__meta">
                  {t(`versions.kind.${version.kind}`)} · {when(version.createdAt)}
                  {version.createdBy && (
                    <>
                      {' · '}
                      <bdi>{version.createdBy.name}</bdi>
                    </>
                  )}
                </p>
                <div className="versions__buttons">
                  <button
                    type="button"
                    className="button button--quiet"
                    aria-describedby={`version-${version.id}`}
                    onClick={() => compare(version.id, 'current')}
                  >
                    {t('versions.changesSince')}
                  </button>
                  {canRestoreVersion(user, meeting) && (
                    <button
                      type="button"
                      className="button button--quiet"
                      aria-describedby={`version-${version.id}`}
                      onClick={() => setConfirming(version)}
                    >
                      {t('versions.restore')}
                    </button>
                  )}
                </div>
              </li>
            ))}
          </ol>
          <ConfirmDialog
            open={confirming !== null}
            title={t('versions.confirmLabel')}
            message={confirming ? t('versions.confirmRestore', { name: nameOf(confirming) }) : ''}
            confirmLabel={t('versions.confirm')}
            danger={false}
            onConfirm={() => (confirming ? restore(confirming) : undefined)}
            onClose={() => setConfirming(null)}
          />
          <form
            className="versions__compare"
            onSubmit={(event) => {
              event.preventDefault();
              if (from) compare(from, to);
            }}
          >
            <fieldset>
              <legend>{t('versions.compareTitle')}</legend>
              <label htmlFor="version-from">{t('versions.from')}</label>
              <select id="version-from" value={from} onChange={(event) => setFrom(event.target.value)}>
                {versions.map((version) => (
                  <option key={version.id} value={version.id}>
                    {label(version)}
                  </option>
                ))}
              </select>
              <label htmlFor="version-to">{t('versions.to')}</label>
              <select id="version-to" value={to} onChange={(event) => setTo(event.target.value)}>
                <option value="current">{t('versions.current')}</option>
                {versions.map((version) => (
                  <option key={version.id} value={version.id}>
                    {label(version)}
                  </option>
                ))}
              </select>
              <button type="submit" className="button">
                {t('versions.compare')}
              </button>
            </fieldset>
          </form>
        </>
      )}
      {versions?.length === 0 && <p>{t('versions.none')}</p>}
      <dialog ref={dialog} className="versions__dialog" aria-labelledby="diff-title" onClose={() => setDiff(null)}>
        <div className="section-heading">
          <h2 id="diff-title">
            {diff
              ? t('versions.diffTitle', { from: nameOf(diff.from), to: diff.to ? nameOf(diff.to) : t('versions.current') })
              : ''}
          </h2>
          <button type="button" className="button" onClick={() => dialog.current?.close()}>
            {t('versions.close')}
          </button>
        </div>
        {diff && <DiffView diff={diff} />}
      </dialog>
    </section>
  );
}
