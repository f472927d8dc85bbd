/** Each refused file of an upload on its own line, "Could not do that: name: reason", in one alert (the list is replaced whole, never reordered: keyed by place). */
import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';

export function UploadFailures({ errors }: { errors: string[] }) {
  const { t } = useTranslation();
  return errors.map((message, index) => (
    <Fragment key={index}>
      {index > 0 && <br />}
      {t('attachments.failed', { message })}
    </Fragment>
  ));
}
