/** A password input in a Field: the invitation's and the profile's password forms share it. */
import type { ReactNode } from 'react';
import { Field } from '../ui/Field.tsx';

export interface PasswordFieldProps {
  label: string;
  id: string;
  value: string;
  onChange: (value: string) => void;
  /** 'current-password' to fill a known one in, 'new-password' to have a new one suggested. */
  autoComplete: 'current-password' | 'new-password';
  hint?: ReactNode;
  error?: string;
}

export function PasswordField({ label, id, value, onChange, autoComplete, hint, error }: PasswordFieldProps) {
  return (
    <Field label={label} id={id} hint={hint} error={error}>
      {(control) => (
        <input
          {...control}
          type="password"
          autoComplete={autoComplete}
          required
          value={value}
          onChange={(event) => onChange(event.target.value)}
        />
      )}
    </Field>
  );
}
