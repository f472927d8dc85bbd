/**
 * Errors said next to the field they are about, for every form. A form declares its fields in
 * the order they appear; `check` refuses before sending ("Enter your email address"), `fail` takes
 * what the server refused and puts its message beside the field it names (`details.field` of a
 * schema refusal, or the field a code is known to be about), else at the top of the form. The
 * first wrong field gets the focus, so a keyboard or screen-reader user lands on it and hears
 * its message (aria-describedby).
 *
 *   const errors = useFieldErrors(['email', 'password'] as const);
 *   if (!errors.check({ email: !email && t('signIn.errors.email') })) return;
 *   try { … } catch (caught) { errors.fail(caught, { email: t('signIn.errors.email') }); }
 *   <Field label={…} {...errors.field('email')}>{(control) => <input {...control} … />}</Field>
 *   <ErrorAlert message={errors.formError} />
 */
import i18next from 'i18next';
import { useCallback, useEffect, useId, useMemo, useRef, useState } from 'react';
import { formatNumber } from '../../../shared/i18n/format.ts';
import { ApiError } from '../app/api.ts';
import { errorText } from '../i18n/errorText.ts';

/** Codes that are about one field whatever the form (the server says them without `details.field`). */
const FIELD_OF_CODE: Record<string, string> = {
  EMAIL_TAKEN: 'email',
  WRONG_PASSWORD: 'currentPassword',
  WEAK_PASSWORD: 'newPassword',
};

/** The field a refusal names, if any: `details.field` (a path such as `options.1`), else the code's field. */
export function fieldOfError(error: unknown): string | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const details = error.details as { field?: unknown } | undefined;
  if (details && typeof details.field === 'string') return details.field;
  return FIELD_OF_CODE[error.code];
}

/**
 * The form's field for a path: the longest start of it the form has, so that a schema's
 * `options.0.label` and a service's `options.0` both go to that option's field when the form has
 * one, and to `options` (the list) when it has only that.
 */
function formFieldOf<F extends string>(fields: readonly F[], path: string | undefined): F | undefined {
  if (path === undefined) return undefined;
  const segments = path.split('.');
  for (let length = segments.length; length > 0; length--) {
    const prefix = segments.slice(0, length).join('.');
    const found = fields.find((name) => name === prefix);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * A name refused as longer than its limit once normal (`details.reason` 'tooLong', `details.max`):
 * said as such, not in the form's words for the field (which say a name is required).
 */
function tooLongText(error: ApiError): string | undefined {
  const details = error.details as { reason?: unknown; max?: unknown } | undefined;
  if (details?.reason !== 'tooLong' || typeof details.max !== 'number') return undefined;
  return i18next.t('form.tooLong', { max: formatNumber(i18next.language, details.max) });
}

/** A message per field: a string says what is wrong; false, null or undefined says it is fine. */
export type FieldMessages<F extends string> = Partial<Record<F, string | false | null | undefined>>;

export interface FieldErrors<F extends string> {
  /** Spread on a Field: the control's id (for focus) and its message. */
  field: (name: F) => { id: string; error: string | undefined };
  /** The error that names no field of this form, for an ErrorAlert at the top. */
  formError: string | null;
  /** Shows the given messages; true when there is none (go ahead and send). */
  check: (messages: FieldMessages<F>) => boolean;
  /**
   * Shows a failure beside its field, else at the top; `words` say a field's refusal in the form's
   * own terms. True when it went beside a field.
   */
  fail: (error: unknown, words?: Partial<Record<F, string>>) => boolean;
  /** Shows an error of the whole form (not from the server). */
  setFormError: (message: string | null) => void;
  clear: () => void;
}

/**
 * `focusAt`: a field with no control of its own (a list, whose message stands above its entries)
 * gives the focus to one of its entries' fields when it is the first wrong one.
 */
export function useFieldErrors<F extends string>(fields: readonly F[], focusAt: Partial<Record<F, F>> = {}): FieldErrors<F> {
  const prefix = useId();
  const [errors, setErrors] = useState<Partial<Record<F, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const focusNext = useRef<F | null>(null);
  const order = useRef(fields);
  order.current = fields;
  const focusTarget = useRef(focusAt);
  focusTarget.current = focusAt;

  const idOf = useCallback((name: F) => `${prefix}${name}`, [prefix]);

  // After the messages render, so that the focused control is read with its message.
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(idOf(focusTarget.current[focusNext.current] ?? focusNext.current))?.focus();
    focusNext.current = null;
  });

  const show = useCallback((next: Partial<Record<F, string>>, top: string | null) => {
    setErrors(next);
    setFormError(top);
    focusNext.current = order.current.find((name) => next[name]) ?? null;
  }, []);

  const check = useCallback(
    (messages: FieldMessages<F>) => {
      const next: Partial<Record<F, string>> = {};
      for (const name of order.current) {
        const message = messages[name];
        if (typeof message === 'string' && message) next[name] = message;
      }
      show(next, null);
      return Object.keys(next).length === 0;
    },
    [show],
  );

  const fail = useCallback(
    (error: unknown, words?: Partial<Record<F, string>>) => {
      const message = error instanceof Error ? error.message : String(error);
      const field = formFieldOf(order.current, fieldOfError(error));
      if (!field) {
        show({}, message);
        return false;
      }
      // A plain schema refusal says nothing a person can act on: the form's words for the field say it.
      const plain = error instanceof ApiError && error.code === 'BAD_REQUEST';
      const beside = plain ? (tooLongText(error) ?? words?.[field] ?? errorText(error.code)) : message;
      show({ [field]: beside } as Partial<Record<F, string>>, null);
      return true;
    },
    [show],
  );

  const clear = useCallback(() => show({}, null), [show]);
  const field = useCallback((name: F) => ({ id: idOf(name), error: errors[name] }), [idOf, errors]);

  return useMemo(() => ({ field, formError, check, fail, setFormError, clear }), [field, formError, check, fail, clear]);
}
