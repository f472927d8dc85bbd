import type { ProposalStatus } from '../../../shared/constants/proposals.ts';

/** A status as an i18n key and a CSS class: "under discussion" → "under-discussion". */
export function statusKey(status: ProposalStatus): string {
  return status.replaceAll(' ', '-');
}
