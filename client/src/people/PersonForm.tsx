/**
 * The fields of a person as the secretariat sets them: for adding someone (with their email) or
 * changing them. Checks what it can before sending and names each wrong field in words; the
 * first wrong field gets the focus.
 */

import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { directionOf, LANGUAGE_NAMES, LANGUAGES, type Language } from '../../../shared/i18n/languages.ts';
import { ROLES, type Role, STAKEHOLDER_GROUPS, type StakeholderGroup } from '../../../shared/roles.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { BusyButton } from '../ui/BusyButton.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { Field, SelectField } from '../ui/Field.tsx';
import { useFieldErrors } from '../ui/useFieldErrors.ts';

export interface PersonValues {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string;
  affiliation: string;
  /** '' for someone whose language was never chosen (their browser's decides). */
  language: Language | '';
}

export const EMPTY_PERSON: PersonValues = {
  email: '',
  name: '',
  role: 'member',
  group: 'civil-society',
  region: '',
  affiliation: '',
  language: '',
};

export interface PersonFormProps {
  initial: PersonValues;
  /** Adding asks for the email; changing someone does not. */
  withEmail: boolean;
  submitLabel: string;
  busyLabel: string;
  onSubmit: (values: PersonValues) => Promise<void>;
  /** What failing to send looks like, given the reason. */
  failed: (message: string) => string;
  /** The role cannot be changed (one's own). */
  roleLocked?: boolean;
  /** Shown under the role (the edit dialog's public registrant's limit). */
  afterRole?: React.ReactNode;
  children?: React.ReactNode;
}

export function PersonForm({
  initial,
  withEmail,
  submitLabel,
  busyLabel,
  onSubmit,
  failed,
  roleLocked,
  afterRole,
  children,
}: PersonFormProps) {
  const { t } = useTranslation();
  const errors = useFieldErrors(['email', 'name', 'role', 'group', 'region', 'affiliation'] as const);
  const [values, setValues] = useState(initial);
  const [busy, setBusy] = useState(false);
  const set =
    <K extends keyof PersonValues>(key: K) =>
    (value: PersonValues[K]) =>
      setValues((old) => ({ ...old, [key]: value }));

  const emailWords = (email: string) => (!email ? t('form.required', { field: t('people.admin.email') }) : t('form.email'));
  const nameWords = t('form.required', { field: t('people.admin.name') });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const email = values.email.trim();
    const valid = errors.check({
      email: withEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) && emailWords(email),
      name: !hasVisibleText(values.name) && nameWords,
    });
    if (!valid) return;
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      errors.fail(error, { email: emailWords(email), name: nameWords });
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'email' | 'name' | 'region' | 'affiliation',
    label: string,
    options: { hint?: string; type?: string; autoComplete?: string } = {},
  ) => (
    <Field label={label} hint={options.hint} {...errors.field(key)}>
      {(control) => (
        <input
          {...control}
          type={options.type ?? 'text'}
          autoComplete={options.autoComplete ?? 'off'}
          required={key === 'email' || key === 'name'}
          value={values[key]}
          onChange={(event) => set(key)(event.target.value)}
        />
      )}
    </Field>
  );

  return (
    <form className="form people__form" onSubmit={submit} noValidate>
      {withEmail && text('email', t('people.admin.email'), { type: 'email' })}
      {text('name', t('people.admin.name'))}
      {!roleLocked && (
        <SelectField
          label={t('people.admin.role')}
          {...errors.field('role')}
          value={values.role}
          options={ROLES}
          optionLabel={(role) => t(`roles.${role}`)}
          onChange={set('role')}
        />
      )}
      {afterRole}
      <SelectField
        label={t('people.admin.group')}
        {...errors.field('group')}
        value={values.group}
        options={STAKEHOLDER_GROUPS}
        optionLabel={(group) => t(`groups.${group}`)}
        onChange={set('group')}
      />
      {text('region', t('people.admin.region'), { hint: t('people.add.regionHint') })}
      {text('affiliation', t('people.admin.affiliation'), { hint: t('people.add.affiliationHint') })}
      <Field label={t('people.add.language')} hint={t('people.add.languageHint')}>
        {(control) => (
          <select {...control} value={values.language} onChange={(event) => set('language')(event.target.value as Language | '')}>
            {/* Offered only to keep "never chosen" as it is: once chosen, a language is changed, not taken away. */}
            {initial.language === '' && <option value="">{t('people.add.languageUnset')}</option>}
            {/* Each language in its own words (as the header's picker), so the person's own is found whatever the page's. */}
            {LANGUAGES.map((code) => (
              <option key={code} value={code} lang={code} dir={directionOf(code)}>
                {LANGUAGE_NAMES[code]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorAlert message={errors.formError && failed(errors.formError)} />
      <div className="people__buttons">
        <BusyButton type="submit" className="button button--primary" busy={busy}>
          {busy ? busyLabel : submitLabel}
        </BusyButton>
        {children}
      </div>
    </form>
  );
}
