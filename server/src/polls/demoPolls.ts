/**
 * Polls of the demo consultation: the (closed, named) decision to continue last year's Working
 * Groups, as MAG Meeting I agreed, and a draft ready for the chair to open.
 */
import type { DemoSeedContext } from '../feature.ts';
import type { PollServices } from './pollServices.ts';

const CONTINUE_VOTES: Record<string, number> = {
  // Demo user (before the @) to the index of the option chosen.
  chair: 0,
  cochair: 0,
  kwame: 0,
  mei: 0,
  laura: 0,
  rahul: 0,
  sofia: 0,
  olena: 2,
  youssef: 0,
  ana: 1,
};

export async function seedDemoPolls(context: DemoSeedContext, services: PollServices): Promise<void> {
  const { polls, pollStore } = services;
  const secretariat = context.users.get('secretariat@example.org')?.id ?? null;
  const decided = await polls.createPoll(
    {
      meetingId: context.meetingId,
      question: 'Continue with last year’s MAG Working Groups for the IGF 2025 cycle?',
      kind: 'single',
      audience: 'members',
      secret: false,
      results: 'live',
      maxChoices: null,
      seats: 1,
      workingGroupId: null,
      options: [{ label: 'Yes, continue them' }, { label: 'No, form new groups' }, { label: 'Abstain' }],
    },
    secretariat,
    undefined,
    context.tx,
  );
  const closedAt = Date.parse('2025-01-30T13:10:00Z');
  // A past decision: its state and ballots are written as they were, not cast now.
  await pollStore.setStatus(context.tx, decided.id, 'closed', closedAt - 5 * 60_000, closedAt);
  for (const [key, choice] of Object.entries(CONTINUE_VOTES)) {
    const voter = context.users.get(`${key}@example.org`);
    if (!voter) continue;
    const choices = [decided.options[choice]!.id];
    await pollStore.writeBallot(context.tx, {
      pollId: decided.id,
      voterKey: voter.id,
      voterId: voter.id,
      voterGroup: voter.group,
      choices,
      castAt: closedAt - 60_000,
    });
    await pollStore.markVoted(context.tx, decided.id, voter.id);
  }

  await polls.createPoll(
    {
      meetingId: context.meetingId,
      question: 'Which intersessional topics should the MAG take up first at this meeting?',
      kind: 'multiple',
      audience: 'everyone',
      secret: false,
      results: 'live',
      maxChoices: 2,
      seats: 1,
      workingGroupId: null,
      options: [
        { label: 'A Policy Network on the Implementation of the Global Digital Compact' },
        { label: 'The NRI workplan for 2025' },
        { label: 'An official DC-MAG liaison' },
        { label: 'Which BPFs and PNs to put on hold for a cycle' },
      ],
    },
    secretariat,
    undefined,
    context.tx,
  );
}
