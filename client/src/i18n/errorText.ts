/**
 * Says a refusal in the reader's language from its code alone: the server's English sentence is
 * never shown. A code the client does not know yet (a newer server) still reads as a sentence
 * naming the code. `details` fill the placeholders (`{{field}}`…) of the code's message.
 */
import i18next from 'i18next';

export function errorText(code: string, details?: unknown): string {
  const values = details && typeof details === 'object' ? (details as Record<string, unknown>) : {};
  const key = `errors.${code}`;
  const message = i18next.exists(key) ? i18next.t(key, { ...values, code }) : i18next.t('errors.generic', { code });
  const field = typeof values.field === 'string' ? values.field : undefined;
  return field && code === 'BAD_REQUEST' ? i18next.t('errors.withField', { message, field }) : message;
}
