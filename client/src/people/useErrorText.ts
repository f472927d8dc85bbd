/** Says a refusal in the reader's words: the client's own text for a known code, else the server's message. */
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../app/api.ts';

export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && i18n.exists(`people.errors.${error.code}`)) return t(`people.errors.${error.code}`);
      return error instanceof Error ? error.message : String(error);
    },
    [t, i18n],
  );
}
