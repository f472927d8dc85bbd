/** Placeholder until this feature's view lands: says so instead of showing nothing. */
import { useTranslation } from 'react-i18next';

export function WorkingGroupsTab() {
  const { t } = useTranslation();
  return <p className="alert alert--info">{t('app.notYetAvailable')}</p>;
}
