/**
 * Form fields that are accessible by construction: the label points at its control, a hint is
 * shown under the control and read with it (aria-describedby), and an invalid control says so
 * (aria-invalid) with its message beside it (`error`, read first).
 *
 *   <Field label={t('polls.form.kind')} hint={t('polls.form.kindHelp')}>
 *     {(control) => <select {...control} value={kind} onChange={…}>…</select>}
 *   </Field>
 *   <SelectField label={t('proposals.kind')} value={kind} onChange={setKind} options={PROPOSAL_KINDS} optionLabel={…} />
 *   <CheckboxField label={t('polls.form.secret')} checked={secret} onChange={setSecret} />
 */
import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../../shared/i18n/format.ts';

/** What the control of a Field must carry: spread it on the input, select or textarea. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** The control's id, where something else refers to it; generated otherwise. */
  id?: string;
  /** Shown under the control and read with it. */
  hint?: ReactNode;
  /** The hint follows what is typed: announce its changes politely. */
  liveHint?: boolean;
  /** Ids of other elements that describe the control (a hint shown elsewhere, a form's error). */
  describedBy?: string;
  invalid?: boolean;
  /** What is wrong with the value, said beside the control and read with it (see useFieldErrors). */
  error?: ReactNode;
  /**
   * The control's `maxLength` and the value's length: once full, a line says that nothing more is
   * kept (the browser cuts typing and pasting there without a word). With `normal` (`nameLimit`), the
   * length is a name's normal form and the control does not cut there: the line, and the control
   * marked invalid, say when it is over, in the words of the server's refusal.
   */
  limit?: { length: number; max: number; normal?: boolean };
  className?: string;
  /** The control, given the props that tie it to its label and hint; and anything that goes with it. */
  children: (control: FieldControlProps) => ReactNode;
}

export function Field({ label, id, hint, liveHint, describedBy, invalid, error, limit, className, children }: FieldProps) {
  const { t, i18n } = useTranslation();
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = `${controlId}-hint`;
  const errorId = `${controlId}-error`;
  const limitId = `${controlId}-limit`;
  const hasError = error !== undefined && error !== null && error !== false && error !== '';
  const over = limit?.normal === true && limit.length > limit.max;
  const full = limit !== undefined && (limit.normal ? over : limit.length >= limit.max);
  const descriptions = [
    hasError ? errorId : undefined,
    hint === undefined ? undefined : hintId,
    full ? limitId : undefined,
    describedBy,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <div className={className ? `form__field ${className}` : 'form__field'}>
      <label htmlFor={controlId}>{label}</label>
      {children({
        id: controlId,
        ...(descriptions ? { 'aria-describedby': descriptions } : {}),
        ...(invalid || hasError || over ? { 'aria-invalid': true } : {}),
      })}
      {hasError && (
        <p id={errorId} className="form__error">
          {error}
        </p>
      )}
      {hint !== undefined && (
        <p id={hintId} className="form__hint" aria-live={liveHint ? 'polite' : undefined}>
          {hint}
        </p>
      )}
      {/* Always there when a limit is given, so that its line is announced when it appears. */}
      {limit !== undefined && (
        <p id={limitId} className="form__hint" aria-live="polite">
          {full ? t(over ? 'form.tooLong' : 'form.atLimit', { max: formatNumber(i18n.language, limit.max) }) : null}
        </p>
      )}
    </div>
  );
}

export interface SelectFieldProps<T extends string> extends Omit<FieldProps, 'children'> {
  value: T;
  options: readonly T[];
  /** What a person reads for an option. */
  optionLabel: (option: T) => string;
  onChange: (value: T) => void;
  required?: boolean;
}

/** A Field whose control is a choice among fixed values. */
export function SelectField<T extends string>({
  value,
  options,
  optionLabel,
  onChange,
  required,
  ...field
}: SelectFieldProps<T>) {
  return (
    <Field {...field}>
      {(control) => (
        <select {...control} value={value} required={required} onChange={(event) => onChange(event.target.value as T)}>
          {options.map((option) => (
            <option key={option} value={option}>
              {optionLabel(option)}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

export interface CheckboxFieldProps {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  id?: string;
  className?: string;
}

/** A checkbox with its label after it, on one line. */
export function CheckboxField({ label, checked, onChange, id, className }: CheckboxFieldProps) {
  const generated = useId();
  const controlId = id ?? generated;
  return (
    <div className={className ? `form__check ${className}` : 'form__check'}>
      <input id={controlId} type="checkbox" checked={checked} onChange={(event) => onChange(event.target.checked)} />
      <label htmlFor={controlId}>{label}</label>
    </div>
  );
}
