/** The choice of a proposal's kind (Policy Network, Best Practice Forum, other), in the submit and edit forms. */
import { useTranslation } from 'react-i18next';
import { PROPOSAL_KINDS, type ProposalKind } from '../../../shared/constants/proposals.ts';
import { SelectField } from '../ui/Field.tsx';

export function ProposalKindField({
  value,
  onChange,
  id,
  error,
}: {
  value: ProposalKind;
  onChange: (kind: ProposalKind) => void;
  /** From useFieldErrors, where the form names its fields. */
  id?: string;
  error?: string;
}) {
  const { t } = useTranslation();
  return (
    <SelectField
      label={t('proposals.kind')}
      id={id}
      error={error}
      value={value}
      onChange={onChange}
      options={PROPOSAL_KINDS}
      optionLabel={(kind) => t(`proposals.kinds.${kind}`)}
    />
  );
}
