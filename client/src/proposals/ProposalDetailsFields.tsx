/**
 * A proposal's details as the submit and edit forms ask for them, in one order: its kind (Policy
 * Network, Best Practice Forum, other), title, summary, and whether observers may comment.
 */
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PROPOSAL_KINDS, PROPOSAL_LIMITS, type ProposalKind } from '../../../shared/constants/proposals.ts';
import { CheckboxField, Field, SelectField } from '../ui/Field.tsx';
import type { FieldErrors } from '../ui/useFieldErrors.ts';

export interface ProposalDetails {
  kind: ProposalKind;
  title: string;
  summary: string;
  publicComment: boolean;
}

/**
 * The fields that can be wrong, in the order they appear (useFieldErrors focuses the first wrong
 * one); a checkbox cannot be, so a refusal about it is said at the top of the form.
 */
export const PROPOSAL_DETAIL_FIELDS = ['kind', 'title', 'summary'] as const;

/** What to say when the title is missing: the one check both forms make before sending, and the words for the server's refusal. */
export const titleMissing = (t: TFunction) => t('form.required', { field: t('proposals.fieldTitle') });

export function ProposalDetailsFields({
  details,
  onChange,
  field,
  autoFocus = false,
}: {
  details: ProposalDetails;
  onChange: (details: ProposalDetails) => void;
  /** The form's useFieldErrors `field`, which gives each control its id and message. */
  field: FieldErrors<(typeof PROPOSAL_DETAIL_FIELDS)[number]>['field'];
  /** The title takes the focus as the form opens (a new proposal). */
  autoFocus?: boolean;
}) {
  const { t } = useTranslation();
  const set = (change: Partial<ProposalDetails>) => onChange({ ...details, ...change });
  return (
    <>
      <SelectField
        label={t('proposals.kind')}
        {...field('kind')}
        value={details.kind}
        onChange={(kind) => set({ kind })}
        options={PROPOSAL_KINDS}
        optionLabel={(kind) => t(`proposals.kinds.${kind}`)}
      />
      <Field
        label={t('proposals.fieldTitle')}
        {...field('title')}
        limit={{ length: details.title.length, max: PROPOSAL_LIMITS.title }}
      >
        {(control) => (
          <input
            {...control}
            required
            maxLength={PROPOSAL_LIMITS.title}
            value={details.title}
            autoFocus={autoFocus}
            onChange={(event) => set({ title: event.target.value })}
          />
        )}
      </Field>
      <Field
        label={t('proposals.fieldSummary')}
        {...field('summary')}
        limit={{ length: details.summary.length, max: PROPOSAL_LIMITS.summary }}
      >
        {(control) => (
          <textarea
            {...control}
            rows={4}
            maxLength={PROPOSAL_LIMITS.summary}
            value={details.summary}
            onChange={(event) => set({ summary: event.target.value })}
          />
        )}
      </Field>
      <CheckboxField
        label={t('proposals.fieldPublic')}
        checked={details.publicComment}
        onChange={(publicComment) => set({ publicComment })}
      />
    </>
  );
}
