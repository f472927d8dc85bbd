/**
 * The maps the client reads typed from shared/liveMaps.ts are exactly the maps the features
 * declare (Feature.liveMaps), each declared once; likewise every document kind has one owner.
 * A feature that projects a map it did not add to the registry, or a registry entry no feature
 * writes, fails here rather than on a client that finds nothing.
 */
import { describe, expect, it } from 'vitest';
import type { Feature } from '../../server/src/feature.ts';
import { collectDeclarations } from '../../server/src/featureDeclarations.ts';
import { FEATURES } from '../../server/src/features.ts';
import { DOCUMENT_KINDS } from '../../shared/documentNames.ts';
import { LIVE_MAP_NAMES } from '../../shared/liveMaps.ts';

describe('live maps and document kinds', () => {
  it('are, in shared/, exactly what the features declare', () => {
    const declarations = collectDeclarations(FEATURES);
    expect([...declarations.liveMaps].sort()).toEqual([...LIVE_MAP_NAMES].sort());
    expect(FEATURES.flatMap((feature) => feature.liveMaps ?? []).sort()).toEqual([...LIVE_MAP_NAMES].sort());
    expect([...declarations.documentKinds.keys()].sort()).toEqual([...DOCUMENT_KINDS].sort());
  });

  it('keep their existing names (the client and stored documents rely on them)', () => {
    expect([...LIVE_MAP_NAMES].sort()).toEqual([
      'actions',
      'attachments',
      'floor',
      'meeting',
      'meetingStatus',
      'pollCounts',
      'polls',
      'proposals',
      'questions',
      'threads',
      'workingGroups',
    ]);
  });

  it('refuse to start when two features claim one map or one kind, or a kind has no owner', () => {
    const copy = (feature: Feature, name: string): Feature => ({ ...feature, name });
    const polls = FEATURES.find((feature) => feature.liveMaps?.includes('polls'))!;
    expect(() => collectDeclarations([...FEATURES, copy(polls, 'pollsAgain')])).toThrow(
      "Live map 'polls' is declared by both polls and pollsAgain",
    );
    const owner = FEATURES.find((feature) => feature.documentKinds?.some((kind) => kind.kind === 'proposal'))!;
    expect(() =>
      collectDeclarations([...FEATURES, { name: 'other', documentKinds: owner.documentKinds, register: async () => {} }]),
    ).toThrow("Document kind 'proposal' is declared by both proposals and other");
    const withoutProposals = FEATURES.map((feature) => (feature === owner ? { ...feature, documentKinds: [] } : feature));
    expect(() => collectDeclarations(withoutProposals)).toThrow('No feature declares the document kind(s) proposal');
  });
});
