/**
 * The demo's call for proposals, through the same service as the API. The seed (MAG Meeting I)
 * says "the MAG will be asked to submit PN and BPF proposals to be discussed at the First Open
 * Consultation and MAG meeting": one call per kind for that meeting, opening when MAG Meeting I
 * ended. The demo is loaded long after 2025, so the calls close 90 days after it is loaded:
 * the demo board takes proposals, and its countdown shows.
 */

import { CallService } from '../calls/callService.ts';
import { SEED_MEETING } from '../demo/demoData.ts';
import type { DemoSeedContext } from '../feature.ts';

const DEMO_CALL_DAYS = 90;

export async function seedDemoCalls(context: DemoSeedContext): Promise<void> {
  const secretariat = context.users.get('secretariat@example.org');
  if (!secretariat) return;
  const service = new CallService(context.store);
  const opensAt = `${SEED_MEETING.startsOn}T14:00:00Z`;
  const closesAt = new Date(Date.now() + DEMO_CALL_DAYS * 86_400_000).toISOString();
  for (const kind of ['PN', 'BPF'] as const) {
    await service.create(secretariat, context.meetingId, { kind, opensAt, closesAt }, context.tx);
  }
}
