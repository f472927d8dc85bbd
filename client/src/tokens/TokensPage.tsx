/**
 * /settings/tokens: create a personal API token (name, scopes, expiry), see it once and copy it,
 * list one's tokens with when each was last used, revoke them.
 */

import { type FormEvent, useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../../../shared/i18n/format.ts';
import type { CreatedToken, TokenInfo } from '../../../shared/schemas/apiTokens.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { useSession } from '../app/session.tsx';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ConfirmDialog } from '../ui/ConfirmDialog.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { focusById } from '../ui/focus.ts';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { createToken, listTokens, revokeToken, type Scope } from './tokensApi.ts';
import './tokens.css';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { tokenScopes } from './tokenPolicy.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const isoDate = (at: number) => new Date(at).toISOString().slice(0, 10);

export function TokensPage() {
  const { t, i18n } = useTranslation();
  usePageTitle(t('tokens.title'));
  const { user } = useSession();
  const [tokens, setTokens] = useState<TokenInfo[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Scope[]>(['read']);
  const [expiry, setExpiry] = useState(() => isoDate(Date.now() + 90 * DAY_MS));
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  /** The token whose revoking is being confirmed. */
  const [revoking, setRevoking] = useState<TokenInfo | null>(null);
  const errors = useFieldErrors(['name', 'scopes', 'expiresAt'] as const);
  const { busy, message, run } = useCommand((why) => t('tokens.failed', { message: why }));
  const scopesId = useId();
  const { id: scopesFieldId, error: scopesError } = errors.field('scopes');
  const date = (at: number) => formatDate(i18n.language, at);

  const load = useCallback(async () => {
    try {
      setTokens(await listTokens());
    } catch (error) {
      setLoadError(t('tokens.failed', { message: (error as Error).message }));
    }
  }, [t]);
  useEffect(() => void load(), [load]);

  const available: Scope[] = user ? tokenScopes(user) : ['read', 'write'];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const words = {
      name: t('form.required', { field: t('tokens.name') }),
      scopes: t('tokens.needScope'),
      // The server checks the range (and names the field); the date picker offers only valid days.
      expiresAt: expiry ? t('tokens.expiryOutOfRange') : t('form.required', { field: t('tokens.expiry') }),
    };
    const valid = errors.check({
      name: !hasVisibleText(name) && words.name,
      scopes: scopes.length === 0 && words.scopes,
      expiresAt: !expiry && words.expiresAt,
    });
    if (!valid) return;
    setCreated(null);
    setCopyNote(null);
    await run(
      async () => {
        // The end of the chosen day, in the person's time zone.
        const expiresAt = new Date(`${expiry}T23:59:59`).toISOString();
        setCreated(await createToken({ name: name.trim(), scopes, expiresAt }));
        setName('');
        await load();
      },
      t('tokens.createdTitle'),
      (error) => errors.fail(error, words),
    );
  };

  const copy = async () => {
    if (!created) return;
    try {
      await navigator.clipboard.writeText(created.token);
      setCopyNote(t('tokens.copied'));
    } catch {
      setCopyNote(t('tokens.copyFailed'));
    }
  };

  const toggle = (scope: Scope, on: boolean) =>
    setScopes((current) => (on ? [...new Set([...current, scope])] : current.filter((s) => s !== scope)));

  return (
    <section className="page tokens" aria-labelledby="tokens-title">
      <h1 id="tokens-title">{t('tokens.title')}</h1>
      <p>{t('tokens.intro')}</p>

      <h2>{t('tokens.createTitle')}</h2>
      <form className="form tokens__form" onSubmit={submit} noValidate>
        <Field
          label={t('tokens.name')}
          hint={t('tokens.nameHint')}
          {...errors.field('name')}
          limit={{ length: name.length, max: 100 }}
        >
          {(control) => (
            <input
              {...control}
              name="name"
              required
              maxLength={100}
              value={name}
              onChange={(event) => setName(event.target.value)}
            />
          )}
        </Field>
        <fieldset className="form__group tokens__scopes" aria-describedby={scopesId}>
          <legend>{t('tokens.scopes')}</legend>
          {scopesError && (
            <p id={`${scopesFieldId}-error`} className="form__error">
              {scopesError}
            </p>
          )}
          {available.map((scope, index) => (
            <label key={scope} className="form__check">
              <input
                // The first box stands for the group: a refusal of the scopes puts the focus there.
                id={index === 0 ? scopesFieldId : undefined}
                aria-invalid={scopesError ? true : undefined}
                aria-describedby={scopesError ? `${scopesFieldId}-error` : undefined}
                type="checkbox"
                name="scopes"
                value={scope}
                checked={scopes.includes(scope)}
                onChange={(event) => toggle(scope, event.target.checked)}
              />
              {t(`tokens.scope.${scope}`)}
            </label>
          ))}
          <span id={scopesId} className="sr-only">
            {t('tokens.scopes')}
          </span>
        </fieldset>
        <Field label={t('tokens.expiry')} hint={t('tokens.expiryHint')} {...errors.field('expiresAt')}>
          {(control) => (
            <input
              {...control}
              name="expiresAt"
              type="date"
              required
              min={isoDate(Date.now() + DAY_MS)}
              max={isoDate(Date.now() + 365 * DAY_MS)}
              value={expiry}
              onChange={(event) => setExpiry(event.target.value)}
            />
          )}
        </Field>
        <ErrorAlert message={errors.formError ?? (message?.error ? message.text : null)} />
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {busy ? t('tokens.creating') : t('tokens.create')}
        </BusyButton>
      </form>

      {created && (
        <div className="alert alert--info tokens__created" role="status">
          <h2>{t('tokens.createdTitle')}</h2>
          <p>{t('tokens.createdHint')}</p>
          <p className="tokens__value">
            <code data-testid="new-token">{created.token}</code>
          </p>
          <button type="button" className="button" onClick={() => void copy()}>
            {t('tokens.copy')}
          </button>
          {copyNote && <p>{copyNote}</p>}
        </div>
      )}

      <h2>{t('tokens.listTitle')}</h2>
      <ErrorAlert message={loadError} />
      {tokens && tokens.length === 0 && <p>{t('tokens.none')}</p>}
      {tokens && tokens.length > 0 && (
        <ul className="card-list">
          {tokens.map((token) => (
            <li key={token.id} className="card">
              <h3 id={`token-${token.id}`} className="card__title" tabIndex={-1} dir="auto">
                {token.name}
              </h3>
              <p className="card__meta">
                {token.scopes.map((scope) => t(`tokens.scopeLabel.${scope}`)).join(', ')} ·{' '}
                {t('tokens.created', { date: date(token.createdAt) })} ·{' '}
                {t(token.expiresAt > Date.now() ? 'tokens.expires' : 'tokens.expired', { date: date(token.expiresAt) })} ·{' '}
                {token.lastUsedAt ? t('tokens.lastUsed', { date: date(token.lastUsedAt) }) : t('tokens.neverUsed')}
                {token.revokedAt && <> · {t('tokens.revokedOn', { date: date(token.revokedAt) })}</>}
              </p>
              {!token.revokedAt && token.expiresAt > Date.now() && (
                <BusyButton type="button" className="button" busy={busy} onClick={() => setRevoking(token)}>
                  {t('tokens.revoke', { name: token.name })}
                </BusyButton>
              )}
            </li>
          ))}
        </ul>
      )}
      {revoking && (
        <ConfirmDialog
          open
          title={t('tokens.revokeDialog.title', { name: revoking.name })}
          message={t('tokens.revokeDialog.body')}
          confirmLabel={t('tokens.revokeDialog.confirm')}
          cancelLabel={t('tokens.revokeDialog.cancel')}
          onClose={() => setRevoking(null)}
          onConfirm={() => {
            setRevoking(null);
            return run(
              async () => {
                await revokeToken(revoking.id);
                await load();
                // Its "Revoke" button goes: the focus goes to the token's name, beside which it now says "revoked".
                focusById(`token-${revoking.id}`);
              },
              t('tokens.revoked', { name: revoking.name }),
            );
          }}
        />
      )}
      {message && !message.error && !created && <p role="status">{message.text}</p>}
    </section>
  );
}
