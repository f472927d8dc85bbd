/**
 * The demo consultation, from the handbook's seed: the IGF 2025 MAG Meeting I "Action items &
 * next steps" (30 January 2025), which introduced the draft agenda of the First Open
 * Consultation and MAG Meeting. People and dates are illustrative.
 */
import type { Role, StakeholderGroup } from '../../../shared/roles.ts';
import type { NewMeeting } from '../meetings/meetingStore.ts';

/** Every demo account signs in with this password; SEED_DEMO=0 in production. */
export const DEMO_PASSWORD = 'plenary-demo-2025';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  group: StakeholderGroup;
  region: string;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'secretariat@example.org', name: 'Amina Haddad', role: 'secretariat', group: 'intergovernmental', region: 'Africa' },
  { email: 'chair@example.org', name: 'Carlos Mendes', role: 'chair', group: 'government', region: 'GRULAC' },
  { email: 'cochair@example.org', name: 'Ingrid Solberg', role: 'chair', group: 'government', region: 'WEOG' },
  { email: 'kwame@example.org', name: 'Kwame Asante', role: 'member', group: 'civil-society', region: 'Africa' },
  { email: 'mei@example.org', name: 'Mei Lin', role: 'member', group: 'technical-community', region: 'Asia-Pacific' },
  { email: 'laura@example.org', name: 'Laura Fischer', role: 'member', group: 'private-sector', region: 'WEOG' },
  { email: 'rahul@example.org', name: 'Rahul Verma', role: 'member', group: 'government', region: 'Asia-Pacific' },
  { email: 'sofia@example.org', name: 'Sofía Ramírez', role: 'member', group: 'civil-society', region: 'GRULAC' },
  { email: 'olena@example.org', name: 'Olena Kovalenko', role: 'member', group: 'technical-community', region: 'Eastern Europe' },
  { email: 'youssef@example.org', name: 'Youssef Benali', role: 'member', group: 'intergovernmental', region: 'Africa' },
  { email: 'ana@example.org', name: 'Ana Souza', role: 'member', group: 'private-sector', region: 'GRULAC' },
  { email: 'tomas@example.org', name: 'Tomás Ortega', role: 'observer', group: 'civil-society', region: 'GRULAC' },
  { email: 'hannah@example.org', name: 'Hannah Becker', role: 'observer', group: 'private-sector', region: 'WEOG' },
];

export const DEMO_MEETING: NewMeeting = {
  id: 'igf2025-oc1',
  title: 'IGF 2025 First Open Consultation and MAG Meeting',
  startsOn: '2025-02-25',
  startTime: '10:00',
  timezone: 'UTC',
  form: 'Hybrid',
  description:
    'The First Open Consultation of the IGF 2025 cycle, followed by the MAG meeting. The draft agenda indicates the expected output and accomplishments at the end of each meeting day.',
};

export interface DemoAgendaDay {
  title: string;
  items: { title: string; points?: string[] }[];
  expectedOutput: string;
}

/** The draft agenda: the items of the seed's Annex 1, laid over the days of the meeting. */
export const DEMO_AGENDA: DemoAgendaDay[] = [
  {
    title: 'Day 1 — Open Consultation',
    items: [
      { title: 'Welcoming remarks from the MAG Chair and from the IGF 2025 Host Country Co-Chair' },
      { title: 'Short introduction of MAG members' },
      {
        title: 'Update from the Secretariat',
        points: [
          'IGF 2024 summary report and Riyadh key messages',
          'Results of the IGF 2025 Call for Thematic Input',
          'IGF 2024 stocktaking submissions',
        ],
      },
      {
        title: 'IGF 2025 MAG timeline',
        points: ['Timeline and list of activities for all MAG Working Groups, Policy Networks and Best Practice Forums'],
      },
    ],
    expectedOutput: 'Stakeholders’ input on the IGF 2025 timeline and on the thematic priorities of the cycle.',
  },
  {
    title: 'Day 2 — MAG meeting',
    items: [
      {
        title: 'Selection of IGF MAG Working Groups',
        points: [
          'Continue with last year’s MAG Working Groups; sub-groups on dedicated topics',
          'Co-facilitator for the Working Group on Youth Engagement',
        ],
      },
      {
        title: 'IGF Intersessional Work: Best Practice Forums and Policy Networks, the way forward',
        points: [
          'Proposal: a Policy Network on the Implementation of the Global Digital Compact',
          'New proposals, also based on the Call for Thematic Input',
          'Previous BPFs and PNs to discontinue or put on hold for a cycle',
        ],
      },
    ],
    expectedOutput: 'MAG Working Groups confirmed with their co-facilitators; BPFs and PNs for the 2025 cycle selected.',
  },
  {
    title: 'Day 3 — MAG meeting',
    items: [
      {
        title: 'IGF Intersessional Work: National, Regional and Youth IGF Initiatives (NRIs) and Dynamic Coalitions (DCs)',
        points: ['NRI workplan for 2025', 'DC-MAG liaison'],
      },
      { title: 'Any other business', points: ['Joint MAG–Leadership Panel meeting', '“The IGF We Want”'] },
    ],
    expectedOutput: 'Work plans of the Working Groups and intersessional activities aligned with other IGF streams.',
  },
];
