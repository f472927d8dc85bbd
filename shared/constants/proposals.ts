/**
 * Constants and plain types of shared/schemas/proposals.ts, without TypeBox: the client imports them
 * from here so that its bundles do not carry TypeBox (issue #15); the schema file re-exports them.
 */

/** What a proposal sets up. */
export const PROPOSAL_KINDS = ['PN', 'BPF', 'other'] as const;
export type ProposalKind = (typeof PROPOSAL_KINDS)[number];

/**
 * Where a proposal stands. Only the secretariat or the chair moves it; every change is kept in
 * its status history (the seed: "Some previous BPFs and PNs can be discontinued or put on hold").
 */
export const PROPOSAL_STATUSES = ['submitted', 'under discussion', 'selected', 'merged', 'on hold', 'discontinued'] as const;
export type ProposalStatus = (typeof PROPOSAL_STATUSES)[number];

/** Limits of a proposal's fields, in characters. */
export const PROPOSAL_LIMITS = { title: 200, summary: 4000, authors: 20 } as const;
