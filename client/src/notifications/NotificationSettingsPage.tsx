/** /settings/notifications: per kind of event, email at once, in the daily digest, or not; the digest's time and zone. */
import { useEffect, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EMAIL_MODES, type EmailMode, NOTIFICATION_KINDS } from '../../../shared/constants/notifications.ts';
import type { NotificationSettings } from '../../../shared/schemas/notifications.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field } from '../ui/Field.tsx';
import { useCommand } from '../ui/useCommand.ts';
import { useFieldErrors } from '../ui/useFieldErrors.ts';
import { usePageTitle } from '../ui/usePageTitle.ts';
import { notificationsApi } from './notificationsApi.ts';

const SETTINGS_FIELDS = ['digestTime', 'timeZone'] as const;

function timeZones(current: string): string[] {
  const supported = (Intl as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? [];
  const zones = new Set(['UTC', ...supported, current]);
  return [...zones];
}

export function NotificationSettingsPage() {
  const { t } = useTranslation();
  usePageTitle(t('notifications.settings.title'));
  const [settings, setSettings] = useState<NotificationSettings | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const { busy, message, run } = useCommand((why) => t('notifications.commandFailed', { message: why }));
  const errors = useFieldErrors(SETTINGS_FIELDS);
  const emailLegendId = useId();
  const zones = useMemo(() => timeZones(settings?.timeZone ?? 'UTC'), [settings?.timeZone]);

  useEffect(() => {
    notificationsApi.settings().then(setSettings, (error: Error) => setLoadError(error.message));
  }, []);

  if (loadError) return <ErrorAlert className="page" message={t('notifications.failed', { message: loadError })} />;
  if (!settings)
    return (
      <p role="status" className="page">
        {t('notifications.settings.loading')}
      </p>
    );

  const digestTimeMissing = t('form.required', { field: t('notifications.settings.digestTime') });
  const setMode = (kind: string, mode: EmailMode) => setSettings({ ...settings, email: { ...settings.email, [kind]: mode } });

  return (
    <section className="page page--narrow notification-settings" aria-labelledby="notification-settings-title">
      <h1 id="notification-settings-title">{t('notifications.settings.title')}</h1>
      <p>{t('notifications.settings.intro')}</p>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          // A cleared or half-typed time reads as empty.
          if (!errors.check({ digestTime: !settings.digestTime && digestTimeMissing })) return;
          void run(
            async () => setSettings(await notificationsApi.saveSettings(settings)),
            t('notifications.settings.saved'),
            (error) => errors.fail(error, { digestTime: digestTimeMissing }),
          );
        }}
        noValidate
      >
        <fieldset>
          <legend id={emailLegendId}>{t('notifications.settings.emailLegend')}</legend>
          <table className="notification-settings__table">
            <thead>
              <tr>
                <th scope="col">{t('notifications.settings.kindColumn')}</th>
                <th scope="col">{t('notifications.settings.modeColumn')}</th>
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_KINDS.map((kind) => (
                <tr key={kind}>
                  <th scope="row">
                    <label htmlFor={`email-mode-${kind}`}>{t(`notifications.kinds.${kind}`)}</label>
                  </th>
                  <td>
                    <select
                      id={`email-mode-${kind}`}
                      value={settings.email[kind] ?? 'digest'}
                      onChange={(event) => setMode(kind, event.target.value as EmailMode)}
                    >
                      {EMAIL_MODES.map((mode) => (
                        <option key={mode} value={mode}>
                          {t(`notifications.modes.${mode}`)}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </fieldset>
        <fieldset>
          <legend>{t('notifications.settings.digestLegend')}</legend>
          <Field
            label={t('notifications.settings.digestTime')}
            hint={t('notifications.settings.digestTimeHint')}
            {...errors.field('digestTime')}
          >
            {(control) => (
              <input
                {...control}
                type="time"
                required
                value={settings.digestTime}
                onChange={(event) => setSettings({ ...settings, digestTime: event.target.value })}
              />
            )}
          </Field>
          <Field label={t('notifications.settings.timeZone')} {...errors.field('timeZone')}>
            {(control) => (
              <select
                {...control}
                value={settings.timeZone}
                onChange={(event) => setSettings({ ...settings, timeZone: event.target.value })}
              >
                {zones.map((zone) => (
                  <option key={zone} value={zone}>
                    {zone}
                  </option>
                ))}
              </select>
            )}
          </Field>
        </fieldset>
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {t('notifications.settings.save')}
        </BusyButton>
        <p role="status" className={message?.error ? 'alert alert--error' : 'alert alert--info'} hidden={!message}>
          {message?.text ?? ''}
        </p>
      </form>
    </section>
  );
}
