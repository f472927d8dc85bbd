/**
 * The fields of a person as the secretariat sets them: for adding someone (with their email) or
 * changing them. Checks what it can before sending and names each wrong field in words; the
 * first wrong field gets the focus.
 */
import { useRef, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES, STAKEHOLDER_GROUPS, type Role, type StakeholderGroup } from '../../../shared/roles.ts';
import { Field, SelectField } from '../ui/Field.tsx';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { fieldOf, useErrorText } from './useErrorText.ts';

export interface PersonValues {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string;
  affiliation: string;
}

export const EMPTY_PERSON: PersonValues = {
  email: '',
  name: '',
  role: 'member',
  group: 'civil-society',
  region: '',
  affiliation: '',
};

type Errors = Partial<Record<keyof PersonValues, string>>;

export interface PersonFormProps {
  initial: PersonValues;
  /** Adding asks for the email; changing someone does not. */
  withEmail: boolean;
  submitLabel: string;
  busyLabel: string;
  /** Starts the controls' ids, so that they differ when two forms are on one page. */
  idPrefix: string;
  onSubmit: (values: PersonValues) => Promise<void>;
  /** What failing to send looks like, given the reason. */
  failed: (message: string) => string;
  /** The role cannot be changed (one's own). */
  roleLocked?: boolean;
  children?: React.ReactNode;
}

export function PersonForm({
  initial,
  withEmail,
  submitLabel,
  busyLabel,
  idPrefix,
  onSubmit,
  failed,
  roleLocked,
  children,
}: PersonFormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  const set =
    <K extends keyof PersonValues>(key: K) =>
    (value: PersonValues[K]) =>
      setValues((old) => ({ ...old, [key]: value }));
  const id = (key: string) => `${idPrefix}-${key}`;

  const check = (): Errors => {
    const found: Errors = {};
    if (withEmail && !values.email.trim()) found.email = t('people.fields.required', { field: t('people.admin.email') });
    else if (withEmail && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email.trim())) found.email = t('people.fields.email');
    if (!values.name.trim()) found.name = t('people.fields.required', { field: t('people.admin.name') });
    return found;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const found = check();
    setErrors(found);
    setFailure(null);
    const first = Object.keys(found)[0];
    if (first) {
      form.current?.querySelector<HTMLElement>(`#${CSS.escape(id(first))}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      await onSubmit(values);
    } catch (error) {
      const field = fieldOf(error) as keyof PersonValues | undefined;
      if (field) {
        setErrors({ [field]: errorText(error) });
        form.current?.querySelector<HTMLElement>(`#${CSS.escape(id(field))}`)?.focus();
      } else {
        setFailure(failed(errorText(error)));
      }
    } finally {
      setBusy(false);
    }
  };

  const text = (
    key: 'email' | 'name' | 'region' | 'affiliation',
    label: string,
    options: { hint?: string; type?: string; autoComplete?: string } = {},
  ) => (
    <Field
      label={label}
      id={id(key)}
      hint={errors[key] ?? options.hint}
      liveHint
      invalid={Boolean(errors[key])}
      {...(errors[key] ? { className: 'form__field--invalid' } : {})}
    >
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
    <form ref={form} className="form people__form" onSubmit={submit} noValidate>
      {withEmail && text('email', t('people.admin.email'), { type: 'email' })}
      {text('name', t('people.admin.name'))}
      {!roleLocked && (
        <SelectField
          label={t('people.admin.role')}
          id={id('role')}
          value={values.role}
          options={ROLES}
          optionLabel={(role) => t(`roles.${role}`)}
          onChange={set('role')}
        />
      )}
      <SelectField
        label={t('people.admin.group')}
        id={id('group')}
        value={values.group}
        options={STAKEHOLDER_GROUPS}
        optionLabel={(group) => t(`groups.${group}`)}
        onChange={set('group')}
      />
      {text('region', t('people.admin.region'), { hint: t('people.add.regionHint') })}
      {text('affiliation', t('people.admin.affiliation'), { hint: t('people.add.affiliationHint') })}
      <ErrorAlert message={failure} />
      <div className="people__buttons">
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? busyLabel : submitLabel}
        </button>
        {children}
      </div>
    </form>
  );
}
