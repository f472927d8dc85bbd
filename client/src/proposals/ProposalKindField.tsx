/** The choice of a proposal's kind (Policy Network, Best Practice Forum, other), in the submit and edit forms. */
import { useTranslation } from 'react-i18next';
import { PROPOSAL_KINDS, type ProposalKind } from '../../../shared/schemas/proposals.ts';
import { SelectField } from '../ui/Field.tsx';

export function ProposalKindField({ value, onChange }: { value: ProposalKind; onChange: (kind: ProposalKind) => void }) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('proposals.kind')}
      value={value}
      onChange={onChange}
      options={PROPOSAL_KINDS}
      optionLabel={(kind) => t(`proposals.kinds.${kind}`)}
    />
  );
}
