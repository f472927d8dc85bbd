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

/** An outcome of the meeting as the demo records it: the action items in the seed's "Actions". */
export interface DemoAction {
  text: string;
  /** A person (by demo email), a role, a group or an outside body. */
  owner:
    | { kind: 'person'; email: string }
    | { kind: 'role'; role: Role; label: string }
    | { kind: 'group' | 'body'; label: string };
  due?: { label: string; start: string; end: string };
  status?: 'open' | 'in-progress' | 'done' | 'dropped';
}

/** A structured agenda item: its schedule, and the notes and actions recorded under it. */
export interface DemoAgendaItem {
  /** Stable id, so that actions and links can point at the item. */
  id: string;
  title: string;
  /** 1 for a sub-item (6.a) of the item before it. */
  level?: number;
  /** "HH:MM" when the item starts at a fixed time; otherwise it follows the one before. */
  start?: string;
  duration: number;
  presenter?: string;
  expectedOutput?: string;
  proposalId?: string;
  /** Bullet points of the notes and decisions under the item. */
  points?: string[];
  /** Reference documents, shown as links after the points. */
  links?: { label: string; href: string }[];
  actions?: DemoAction[];
}

export interface DemoAgendaDay {
  /** A heading for the day, when the meeting has several. */
  title?: string;
  items: DemoAgendaItem[];
  expectedOutput?: string;
}

const SECRETARIAT = { kind: 'role', role: 'secretariat', label: 'IGF Secretariat' } as const;
const BEFORE_THE_CONSULTATION = { label: 'before the First Open Consultation', start: '2025-01-31', end: '2025-02-24' };

/** The draft agenda of the First Open Consultation: the items of the seed's Annex 1, laid over the days of the meeting. */
export const DEMO_AGENDA: DemoAgendaDay[] = [
  {
    title: 'Day 1 — Open Consultation',
    items: [
      {
        id: 'oc1-welcome',
        title: 'Welcoming remarks from the MAG Chair and from the IGF 2025 Host Country Co-Chair',
        start: '10:00',
        duration: 20,
        presenter: 'MAG Chair; IGF 2025 Host Country Co-Chair',
      },
      { id: 'oc1-introductions', title: 'Short introduction of MAG members', duration: 40, presenter: 'MAG members' },
      {
        id: 'oc1-secretariat-update',
        title: 'Update from the Secretariat',
        duration: 30,
        presenter: 'IGF Secretariat',
        points: [
          'IGF 2024 summary report and Riyadh key messages',
          'Results of the IGF 2025 Call for Thematic Input',
          'IGF 2024 stocktaking submissions',
        ],
      },
      {
        id: 'oc1-timeline',
        title: 'IGF 2025 MAG timeline',
        duration: 45,
        presenter: 'IGF Secretariat',
        expectedOutput: 'Comments on the draft IGF 2025 timeline',
        points: ['Timeline and list of activities for all MAG Working Groups, Policy Networks and Best Practice Forums'],
      },
    ],
    expectedOutput: 'Stakeholders’ input on the IGF 2025 timeline and on the thematic priorities of the cycle.',
  },
  {
    title: 'Day 2 — MAG meeting',
    items: [
      {
        id: 'oc1-working-groups',
        title: 'Selection of IGF MAG Working Groups',
        start: '10:00',
        duration: 90,
        presenter: 'MAG Chair',
        expectedOutput: 'Working Groups confirmed; a co-facilitator for the Working Group on Youth Engagement',
        points: [
          'Continue with last year’s MAG Working Groups; sub-groups on dedicated topics',
          'Co-facilitator for the Working Group on Youth Engagement',
        ],
        actions: [
          {
            text: 'Olena Kovalenko to circulate the list of activities and timeline of the Working Group on Youth Engagement.',
            owner: { kind: 'person', email: 'olena@example.org' },
            due: { label: 'by 14 March', start: '2025-03-14', end: '2025-03-14' },
          },
        ],
      },
      {
        id: 'oc1-bpf-pn',
        title: 'IGF Intersessional Work: Best Practice Forums and Policy Networks, the way forward',
        duration: 120,
        presenter: 'MAG Chair',
        expectedOutput: 'BPFs and PNs for the 2025 cycle selected',
        proposalId: 'pn-gdc-implementation',
        points: [
          'Proposal: a Policy Network on the Implementation of the Global Digital Compact',
          'New proposals, also based on the Call for Thematic Input',
          'Previous BPFs and PNs to discontinue or put on hold for a cycle',
        ],
        actions: [
          {
            text: 'Kwame Asante to circulate the revised proposal for a Policy Network on the Implementation of the Global Digital Compact.',
            owner: { kind: 'person', email: 'kwame@example.org' },
            due: { label: 'first half of March', start: '2025-03-01', end: '2025-03-15' },
            status: 'in-progress',
          },
        ],
      },
    ],
    expectedOutput: 'MAG Working Groups confirmed with their co-facilitators; BPFs and PNs for the 2025 cycle selected.',
  },
  {
    title: 'Day 3 — MAG meeting',
    items: [
      {
        id: 'oc1-nri-dc',
        title: 'IGF Intersessional Work: National, Regional and Youth IGF Initiatives (NRIs) and Dynamic Coalitions (DCs)',
        start: '10:00',
        duration: 90,
        presenter: 'IGF Secretariat',
        points: ['NRI workplan for 2025', 'DC-MAG liaison'],
        actions: [
          {
            text: 'The IGF Secretariat to share the NRI workplan for 2025 with the MAG.',
            owner: SECRETARIAT,
            due: { label: 'by 15 March', start: '2025-03-15', end: '2025-03-15' },
          },
        ],
      },
      {
        id: 'oc1-aob',
        title: 'Any other business',
        duration: 30,
        presenter: 'MAG Chair',
        points: ['Joint MAG–Leadership Panel meeting', '“The IGF We Want”'],
        actions: [
          {
            text: 'The IGF Secretariat to schedule a joint MAG–Leadership Panel meeting.',
            owner: SECRETARIAT,
            due: { label: 'second half of March', start: '2025-03-16', end: '2025-03-31' },
          },
        ],
      },
    ],
    expectedOutput: 'Work plans of the Working Groups and intersessional activities aligned with other IGF streams.',
  },
];

/** The meeting the handbook's seed records: its "Action items & next steps" is what the demo pack reproduces. */
export const SEED_MEETING: NewMeeting = {
  id: 'igf2025-mag1',
  title: 'IGF 2025 MAG Meeting I',
  startsOn: '2025-01-30',
  startTime: '12:00',
  timezone: 'UTC',
  form: 'Online',
  description:
    'The first MAG meeting of the IGF 2025 cycle: the MAG timeline, the draft agenda of the First Open Consultation and MAG meeting, the MAG Working Groups and the intersessional work.',
};

/** When the online meeting's day ends (the day view warns past it). */
export const SEED_MEETING_DAY_END = '14:00';

/** The seed meeting's agenda, with what was said under each item and the actions it decided. */
export const SEED_AGENDA: DemoAgendaDay[] = [
  {
    items: [
      {
        id: 'mag1-welcome',
        title: 'Welcoming remarks from the MAG Chair and from the IGF 2025 Host Country Co-Chair',
        start: '12:00',
        duration: 10,
        presenter: 'MAG Chair; IGF 2025 Host Country Co-Chair',
        points: [
          'The MAG Chair welcomed all MAG members, mentioning the importance of this IGF cycle, considering the short timeline, the WSIS+20 review process and IGF’s mandate review.',
          'The IGF 2025 Host Country Co-Chair introduced himself and welcomed collaboration with MAG members, working together towards a successful annual IGF 2025 meeting in Lillestrøm.',
        ],
      },
      {
        id: 'mag1-introductions',
        title: 'Short Introduction of MAG Members',
        duration: 15,
        presenter: 'MAG members',
        points: [
          'MAG members, as well as previous Host Country representatives, previous MAG chairs, and intergovernmental representatives to the MAG, introduced themselves.',
        ],
      },
      {
        id: 'mag1-secretariat-update',
        title: 'Update from the Secretariat',
        duration: 20,
        presenter: 'IGF Secretariat',
        points: [
          'The IGF 2024 summary report is currently being finalized and will be disseminated through various channels mid-February (e.g., via Permanent Missions to UN agencies).',
          'The IGF 2025 Call for Thematic Input closed on 12 January and the summary of the results has been published on the IGF website. IGF 2024 Stock Taking submissions are also publicly available on the website.',
          'The IGF Secretariat and its IGF Youth Track is co-organizing with the French Government a side-event at the AI Action Summit in Paris focused on ways AI can support quality education, hosted on 10 February (by invitation, only). Interested MAG members can reach out to the Secretariat for more information.',
        ],
        actions: [
          {
            text: 'The IGF Secretariat will disseminate the summary report on IGF 2024 proceedings and Riyadh key messages once finalized via official channels, as well as via the IGF website, social media and mailing lists. MAG members will be invited to share the documents with their own organizations and stakeholder groups.',
            owner: SECRETARIAT,
            due: { label: 'mid-February', start: '2025-02-11', end: '2025-02-20' },
            status: 'done',
          },
          {
            text: 'The IGF Secretariat will publish the summary on IGF 2024 stocktaking on the IGF website and share with the MAG in advance to the First Open Consultation and MAG meeting.',
            owner: SECRETARIAT,
            due: BEFORE_THE_CONSULTATION,
            status: 'done',
          },
          {
            text: 'The AI Action Summit, in partnership with UNESCO, will launch in the morning of 11 February a network for civil society and academia to contribute to AI discussions, which can be connected with the IGF Policy Network on AI.',
            owner: { kind: 'body', label: 'AI Action Summit, with UNESCO' },
            due: { label: '11 February', start: '2025-02-11', end: '2025-02-11' },
            status: 'done',
          },
        ],
      },
      {
        id: 'mag1-timeline',
        title: 'IGF 2025 MAG Timeline, including the First Open Consultation and MAG Meeting',
        duration: 20,
        presenter: 'IGF Secretariat',
        expectedOutput: 'Comments on the draft timeline and on the draft agenda of the First Open Consultation',
        points: [
          'The draft IGF 2025 MAG timeline, as well as the draft agenda for the First Open Consultation and MAG meeting, were introduced to the MAG. The draft agenda indicates expected output and accomplishments at the end of each meeting day.',
          'The MAG was invited to review its own working methods and suggest improvements in the second half of the year.',
          'Intersessional work will continue beyond the 20th annual IGF meeting, until end of the year. It was suggested to create a timeline and list of activities for all MAG Working Groups (MAG-WGs), Policy Networks (PNs) and Best Practice Forums (BPFs).',
        ],
        links: [
          { label: 'IGF 2025 proposed issues', href: 'https://www.intgovforum.org/en/igf-2025-proposed-issues' },
          {
            label: 'IGF 2025 suggestions from the 2024 stocktaking',
            href: 'https://www.intgovforum.org/en/content/igf-2025-suggestions-2024-stocktaking',
          },
          {
            label: 'IGF 2025 First Open Consultations and MAG meeting',
            href: 'https://intgovforum.org/en/content/igf-2025-first-open-consultations-and-mag-meeting',
          },
        ],
        actions: [
          {
            text: 'The IGF Secretariat to provide an updated draft agenda of the First Open Consultation and MAG meeting after consulting the MAG Chair and Co-Chair to integrate comments provided by MAG members.',
            owner: SECRETARIAT,
            due: BEFORE_THE_CONSULTATION,
            status: 'done',
          },
        ],
      },
      {
        id: 'mag1-working-groups',
        title: 'Selection of IGF MAG Working Groups',
        duration: 15,
        presenter: 'MAG Chair',
        points: [
          'It was agreed to continue with last year’s MAG working groups (WGs) for the IGF 2025 cycle. Working Groups can also divide into sub-groups to work on dedicated topics related to their WG.',
          'MAG members were invited to join WGs of their choice and to identify a MAG member co-facilitator for the Working Group on Youth Engagement.',
        ],
        links: [
          { label: 'MAG Working Groups', href: 'https://intgovforum.org/en/content/mag-working-groups' },
          {
            label: 'Working Group on Youth Engagement',
            href: 'https://www.intgovforum.org/en/content/working-group-on-youth-engagement',
          },
        ],
        actions: [
          {
            text: 'Co-facilitators of all MAG WGs should provide a list of activities and timeline to align their work with other IGF streams at the First Open Consultation and MAG meeting.',
            owner: { kind: 'group', label: 'Co-facilitators of all MAG WGs' },
            due: { label: 'at the First Open Consultation and MAG meeting', start: '2025-02-25', end: '2025-02-27' },
            status: 'in-progress',
          },
        ],
      },
      { id: 'mag1-intersessional', title: 'IGF Intersessional Work', duration: 0 },
      {
        id: 'mag1-bpf-pn',
        level: 1,
        title: 'IGF Best Practice Forums (BPFs) and Policy Networks (PNs): the way forward',
        duration: 15,
        presenter: 'IGF Secretariat',
        points: [
          'The MAG will discuss and select BPFs and PNs at the First Open Consultation and MAG meeting. It was suggested to set up a Policy Network on the Implementation of the Global Digital Compact. New proposals can be submitted, also based on the results of the IGF 2025 Call for Thematic Input from the IGF community. Some previous BPFs and PNs can be discontinued or put on hold for a cycle.',
        ],
      },
      {
        id: 'mag1-nri-dc',
        level: 1,
        title: 'National, Regional and Youth IGF Initiatives (NRIs) and Dynamic Coalitions (DCs)',
        duration: 15,
        presenter: 'IGF Secretariat',
        points: [
          'The network of NRIs expanded to 176, with the Singapore national IGF as the latest recognition. The NRI workplan for 2025 will be developed by 15 February, with many NRIs expressing their interest to contribute to the WSIS+20 review process.',
          'DCs will build on their IGF 2024 DC main session and propose collective input to the GDC implementation. DCs will organize regular substantive webinars, the first being scheduled for February on Enhancing Global AI Governance for Humanity’s Benefit.',
        ],
        actions: [
          {
            text: 'The MAG will be asked to submit PN and BPF proposals to be discussed at the First Open Consultation and MAG meeting.',
            owner: { kind: 'group', label: 'MAG members' },
            due: BEFORE_THE_CONSULTATION,
            status: 'done',
          },
          {
            text: 'The MAG was invited to collaborate with DCs on activities related to the GDC implementation.',
            owner: { kind: 'group', label: 'MAG members' },
          },
          {
            text: 'DCs strongly encouraged the MAG to appoint an official DC-MAG liaison.',
            owner: { kind: 'person', email: 'chair@example.org' },
            due: { label: 'at the First Open Consultation and MAG meeting', start: '2025-02-25', end: '2025-02-27' },
          },
        ],
      },
      {
        id: 'mag1-aob',
        level: 1,
        title: 'Any Other Business',
        duration: 10,
        presenter: 'MAG Chair',
        actions: [
          {
            text: 'The IGF Secretariat to schedule a joint MAG-LP meeting in the second half of February.',
            owner: SECRETARIAT,
            due: { label: 'second half of February', start: '2025-02-16', end: '2025-02-28' },
          },
          {
            text: 'ICANN developed a draft document called ‘The IGF We Want’, which will be shared with the MAG.',
            owner: { kind: 'body', label: 'ICANN' },
          },
        ],
      },
    ],
  },
];
