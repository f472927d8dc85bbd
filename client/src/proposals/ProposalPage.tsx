/** Placeholder until the proposal page lands. */
import { useTranslation } from 'react-i18next';

export function ProposalPage() {
  const { t } = useTranslation();
  return <p className="alert alert--info page">{t('app.notYetAvailable')}</p>;
}
