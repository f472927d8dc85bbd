/** Turns and speaking time per stakeholder group, on this item and today. */
import { useTranslation } from 'react-i18next';
import type { Balance } from '../../../shared/constants/floor.ts';
import { STAKEHOLDER_GROUPS } from '../../../shared/roles.ts';
import { DataTable } from '../ui/DataTable.tsx';
import { formatSeconds } from './floorApi.ts';

export function BalanceTable({ item, day }: { item: Balance; day: Balance | undefined }) {
  const { t } = useTranslation();
  const cell = (balance: Balance | undefined, group: string) => balance?.[group] ?? { turns: 0, seconds: 0 };
  return (
    <DataTable caption={t('floor.balance.title')} showCaption className="floor-balance">
      <thead>
        <tr>
          <th scope="col">{t('floor.balance.group')}</th>
          <th scope="col">{t('floor.balance.itemTurns')}</th>
          <th scope="col">{t('floor.balance.itemTime')}</th>
          <th scope="col">{t('floor.balance.dayTurns')}</th>
          <th scope="col">{t('floor.balance.dayTime')}</th>
        </tr>
      </thead>
      <tbody>
        {STAKEHOLDER_GROUPS.map((group) => (
          <tr key={group}>
            <th scope="row">{t(`groups.${group}`)}</th>
            <td>{cell(item, group).turns}</td>
            <td>{formatSeconds(cell(item, group).seconds)}</td>
            <td>{cell(day, group).turns}</td>
            <td>{formatSeconds(cell(day, group).seconds)}</td>
          </tr>
        ))}
      </tbody>
    </DataTable>
  );
}
