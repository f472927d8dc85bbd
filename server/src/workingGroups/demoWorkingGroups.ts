/**
 * The MAG Working Groups of the demo consultation: last year's groups, continued for the IGF 2025
 * cycle (MAG Meeting I, 30 January 2025, item 5), with illustrative members and co-facilitators.
 * The Working Group on Youth Engagement has no co-facilitator yet: the MAG was to identify one,
 * and two members are already nominated.
 */
import type { DemoSeedContext } from '../feature.ts';
import type { PollServices } from '../polls/pollServices.ts';

interface DemoWorkingGroup {
  name: string;
  description: string;
  /** Demo users by the part of their email before the @. */
  members: string[];
  coFacilitators: string[];
  /** [nominee, nominated by] */
  nominations?: [string, string][];
}

export const DEMO_WORKING_GROUPS: DemoWorkingGroup[] = [
  {
    name: 'Working Group on Strategy and Strengthening',
    description:
      'The strategic direction of the IGF and its strengthening: input to the WSIS+20 review and to the review of the IGF’s mandate.',
    members: ['chair', 'kwame', 'laura', 'olena', 'rahul'],
    coFacilitators: ['rahul', 'laura'],
  },
  {
    name: 'Working Group on Hybrid Meetings',
    description:
      'Online and hybrid participation in the annual meeting and in intersessional work, so that remote participants take part on equal terms.',
    members: ['ana', 'mei', 'youssef'],
    coFacilitators: ['mei'],
  },
  {
    name: 'Working Group on Language',
    description: 'Multilingualism at the IGF: interpretation, translation, and the languages of its outputs.',
    members: ['olena', 'sofia', 'youssef'],
    coFacilitators: ['youssef'],
  },
  {
    name: 'Working Group on Workshop Process',
    description: 'The call for workshop proposals, the evaluation criteria and the selection of sessions for the annual meeting.',
    members: ['ana', 'kwame', 'laura', 'mei'],
    coFacilitators: ['ana'],
  },
  {
    name: 'Working Group on Youth Engagement',
    description:
      'Youth participation across the IGF, with the IGF Youth Track. The MAG is to identify a MAG member co-facilitator for this group.',
    members: ['kwame', 'mei', 'rahul', 'sofia'],
    coFacilitators: [],
    nominations: [
      ['sofia', 'sofia'],
      ['mei', 'kwame'],
    ],
  },
];

export async function seedDemoWorkingGroups(context: DemoSeedContext, { groups }: PollServices): Promise<void> {
  const { tx } = context;
  const user = (key: string) => {
    const found = context.users.get(`${key}@example.org`);
    if (!found) throw new Error(`demo working groups: no demo user ${key}`);
    return found;
  };
  for (const [position, demo] of DEMO_WORKING_GROUPS.entries()) {
    const group = await groups.seedGroup(tx, {
      meetingId: context.meetingId,
      name: demo.name,
      description: demo.description,
      position,
    });
    for (const member of demo.members) await groups.addMember(tx, group.id, user(member).id);
    for (const key of demo.coFacilitators) await groups.addCoFacilitator(tx, group.id, user(key).id, null, null);
    for (const [nominee, by] of demo.nominations ?? [])
      await groups.addNomination(tx, group.id, user(nominee).id, user(by).id, false);
  }
}
