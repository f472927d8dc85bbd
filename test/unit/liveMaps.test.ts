/**
 * Every map the server projects into the live document is in the registry the client reads
 * its types from (shared/liveMaps.ts), under the name the server writes.
 */
import { describe, expect, it } from 'vitest';
import { PROPOSALS_MAP, THREADS_MAP } from '../../server/src/comments/commentService.ts';
import { LIVE_MAPS } from '../../shared/documentNames.ts';
import { LIVE_MAP_NAMES } from '../../shared/liveMaps.ts';
import { LIVE_ACTIONS_MAP, LIVE_MEETING_MAP } from '../../shared/schemas/meetingRecord.ts';
import { LIVE_WORKING_GROUPS_MAP } from '../../shared/schemas/workingGroups.ts';

describe('live maps', () => {
  it('are all in the registry, with their existing names', () => {
    const projected = [
      ...Object.values(LIVE_MAPS),
      THREADS_MAP,
      PROPOSALS_MAP,
      LIVE_ACTIONS_MAP,
      LIVE_MEETING_MAP,
      LIVE_WORKING_GROUPS_MAP,
    ];
    for (const name of projected) expect(LIVE_MAP_NAMES).toContain(name);
    expect([...LIVE_MAP_NAMES].sort()).toEqual([
      'actions',
      'attachments',
      'floor',
      'meeting',
      'polls',
      'proposals',
      'questions',
      'threads',
      'workingGroups',
    ]);
  });
});
