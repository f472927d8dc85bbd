/** Placeholder until the projector view lands. */
import { useTranslation } from 'react-i18next';

export function PollPresentPage() {
  const { t } = useTranslation();
  return <p className="alert alert--info page">{t('app.notYetAvailable')}</p>;
}
