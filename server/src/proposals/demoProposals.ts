/**
 * The proposals of the demo consultation, after the seed's item 6a ("It was suggested to set up a
 * Policy Network on the Implementation of the Global Digital Compact … Some previous BPFs and PNs
 * can be discontinued or put on hold for a cycle"), with a few threads by demo users.
 * Texts are illustrative.
 */
import * as Y from 'yjs';
import { mentionedIds, mentionToken } from '../../../shared/commentText.ts';
import type { Anchor } from '../../../shared/schemas/comments.ts';
import { agendaDoc, proposalDoc } from '../../../shared/documentNames.ts';
import type { ProposalKind, ProposalStatus } from '../../../shared/schemas/proposals.ts';
import type { DemoSeedContext } from '../feature.ts';
import type { CommentStore } from '../comments/commentStore.ts';
import { anchorsOf, bullets, heading, paragraph, richTextWithAnchors } from './proposalBody.ts';
import type { ProposalStore } from './proposalStore.ts';
import type { JSONContent } from '@tiptap/core';

interface DemoThread {
  quote: string | null;
  resolved?: boolean;
  /** [author email, body]; `@email` in a body becomes a mention of that person. */
  comments: [string, string][];
}

interface DemoProposal {
  id: string;
  kind: ProposalKind;
  title: string;
  summary: string;
  submitter: string;
  coAuthors: string[];
  status: ProposalStatus;
  publicComment: boolean;
  body: JSONContent[];
  threads: DemoThread[];
}

/** The Policy Network the seed suggests; the acceptance checks look for its title. */
export const GDC_PROPOSAL_ID = 'pn-gdc-implementation';
export const GDC_PROPOSAL_TITLE = 'Policy Network on the Implementation of the Global Digital Compact';

const DEMO_PROPOSALS: DemoProposal[] = [
  {
    id: GDC_PROPOSAL_ID,
    kind: 'PN',
    title: GDC_PROPOSAL_TITLE,
    summary:
      'A multistakeholder Policy Network that follows how the Global Digital Compact is implemented, gathers practice from NRIs and Dynamic Coalitions, and feeds the WSIS+20 review.',
    submitter: 'kwame@example.org',
    coAuthors: ['mei@example.org', 'rahul@example.org'],
    status: 'under discussion',
    publicComment: true,
    body: [
      heading('Purpose'),
      paragraph(
        'The Global Digital Compact asks the IGF to support its implementation. This Policy Network would give the IGF community one place to follow that work, compare national and regional approaches, and bring practical lessons into the IGF 2025 annual meeting in Lillestrøm.',
      ),
      heading('Scope'),
      bullets([
        'Map the commitments of the Compact that the IGF community can help implement.',
        'Collect practice from National, Regional and Youth IGF Initiatives and from Dynamic Coalitions.',
        'Prepare input to the WSIS+20 review process.',
      ]),
      heading('Working methods'),
      paragraph(
        'A multistakeholder expert group of about 20 members, balanced between stakeholder groups and regions, meets online every month and holds one open session during the annual meeting.',
      ),
      heading('Expected outputs'),
      paragraph('A policy brief on implementation gaps, published before the annual meeting, and a session report after it.'),
    ],
    threads: [
      {
        quote: 'balanced between stakeholder groups and regions',
        comments: [
          [
            'laura@example.org',
            'How will the *balance* be checked? The private sector was under-represented in last year’s expert groups.',
          ],
          ['kwame@example.org', 'Good point. @mei@example.org, could the selection criteria go into the terms of reference?'],
          ['mei@example.org', 'Yes, I will draft them this week and link them here.'],
        ],
      },
      {
        quote: 'Prepare input to the WSIS+20 review process.',
        comments: [
          [
            'tomas@example.org',
            'Will the input be open to stakeholders outside the MAG? See https://www.intgovforum.org/en/igf-2025-proposed-issues',
          ],
          ['secretariat@example.org', 'Yes: the open consultation will gather it. The Secretariat will share a timeline.'],
        ],
      },
    ],
  },
  {
    id: 'bpf-cybersecurity',
    kind: 'BPF',
    title: 'Best Practice Forum on Cybersecurity',
    summary: 'Continue the Best Practice Forum on Cybersecurity with a focus on norms implementation and capacity building.',
    submitter: 'laura@example.org',
    coAuthors: ['olena@example.org'],
    status: 'on hold',
    publicComment: false,
    body: [
      heading('Background'),
      paragraph('The Best Practice Forum on Cybersecurity has run for several cycles and has a community of contributors.'),
      heading('Proposal'),
      paragraph(
        'Pause the forum for one cycle while its community joins the work on the Global Digital Compact, and resume it in 2026.',
      ),
    ],
    threads: [
      {
        quote: 'Pause the forum for one cycle',
        resolved: true,
        comments: [
          ['olena@example.org', 'Agreed, as long as the mailing list stays active during the pause.'],
          ['laura@example.org', 'Added to the proposal.'],
        ],
      },
    ],
  },
  {
    id: 'pn-artificial-intelligence',
    kind: 'PN',
    title: 'Policy Network on Artificial Intelligence',
    summary:
      'Renew the Policy Network on AI and connect it with the civil society and academia network launched at the AI Action Summit.',
    submitter: 'mei@example.org',
    coAuthors: [],
    status: 'selected',
    publicComment: false,
    body: [
      heading('Renewal'),
      paragraph('The Policy Network on AI continues its work on AI governance, with a new track on AI in education.'),
    ],
    threads: [],
  },
  {
    id: 'other-youth-toolkit',
    kind: 'other',
    title: 'Toolkit for youth participation in NRIs',
    summary:
      'A short, practical toolkit for National and Regional IGF Initiatives that want more young people in their programmes.',
    submitter: 'sofia@example.org',
    coAuthors: ['youssef@example.org'],
    status: 'submitted',
    publicComment: false,
    body: [paragraph('Draft outline to be completed with the Working Group on Youth Engagement.')],
    threads: [],
  },
];

/** Threads on the demo agenda, anchored to its text. */
const DEMO_AGENDA_THREADS: DemoThread[] = [
  {
    quote: 'Selection of IGF MAG Working Groups',
    comments: [
      [
        'olena@example.org',
        'Could we reserve ten minutes here for the co-facilitator of the **Working Group on Youth Engagement**?',
      ],
      ['chair@example.org', 'Yes, noted for the updated draft.'],
    ],
  },
];

function mentionsToTokens(body: string, users: DemoSeedContext['users']): string {
  return body.replace(/@([a-z]+@example\.org)/g, (whole, email: string) => {
    const user = users.get(email);
    return user ? mentionToken(user.id) : whole;
  });
}

async function seedThreads(
  context: DemoSeedContext,
  comments: CommentStore,
  doc: string,
  threads: DemoThread[],
  anchors: (Anchor | null)[],
): Promise<void> {
  const { users, tx, meetingId } = context;
  // Older threads a few hours back, replies a few minutes apart, so the demo reads naturally.
  let at = Date.now() - 6 * 60 * 60 * 1000;
  for (const [index, thread] of threads.entries()) {
    const [first, ...replies] = thread.comments;
    if (!first) continue;
    const author = userOf(users, first[0]);
    const firstBody = mentionsToTokens(first[1], users);
    const { threadId, commentId } = await comments.createThread(
      { meetingId, doc, anchor: anchors[index] ?? null, authorId: author.id, body: firstBody, at },
      tx,
    );
    await comments.setMentions(commentId, mentionedIds(firstBody), tx);
    for (const [email, text] of replies) {
      at += 7 * 60 * 1000;
      const body = mentionsToTokens(text, users);
      const id = await comments.addComment(threadId, userOf(users, email).id, body, tx, at);
      await comments.setMentions(id, mentionedIds(body), tx);
    }
    if (thread.resolved) await comments.setResolved(threadId, true, author.id, tx);
    at += 40 * 60 * 1000;
  }
}

function userOf(users: DemoSeedContext['users'], email: string) {
  const user = users.get(email);
  if (!user) throw new Error(`no demo user ${email}`);
  return user;
}

export async function seedDemoProposals(
  context: DemoSeedContext,
  proposals: ProposalStore,
  comments: CommentStore,
): Promise<void> {
  const { store, tx, users, meetingId } = context;
  const secretariat = users.get('secretariat@example.org');
  // Submitted a day apart, the Global Digital Compact first, as the board lists them.
  const firstAt = Date.now() - DEMO_PROPOSALS.length * 24 * 60 * 60 * 1000;
  for (const [index, proposal] of DEMO_PROPOSALS.entries()) {
    await proposals.create(
      {
        at: firstAt + index * 24 * 60 * 60 * 1000,
        id: proposal.id,
        meetingId,
        kind: proposal.kind,
        title: proposal.title,
        summary: proposal.summary,
        submitterId: userOf(users, proposal.submitter).id,
        coAuthorIds: proposal.coAuthors.map((email) => userOf(users, email).id),
        publicComment: proposal.publicComment,
      },
      tx,
    );
    if (proposal.status !== 'submitted' && secretariat) {
      // The way a real proposal gets there: under discussion first, then the decision.
      if (proposal.status !== 'under discussion')
        await proposals.update(proposal.id, { status: 'under discussion' }, secretariat.id, tx);
      await proposals.update(proposal.id, { status: proposal.status }, secretariat.id, tx);
    }
    const { update, anchors } = richTextWithAnchors(
      { type: 'doc', content: proposal.body },
      proposal.threads.map((thread) => thread.quote),
    );
    await store.documents.append(proposalDoc(proposal.id), update, null, tx);
    await seedThreads(context, comments, proposalDoc(proposal.id), proposal.threads, anchors);
  }

  // The agenda was written by the core seed in this transaction: read it back to anchor threads on it.
  const agenda = agendaDoc(meetingId);
  const rows = await tx.all<{ data: Uint8Array }>('SELECT data FROM doc_updates WHERE doc = ? ORDER BY seq', [agenda]);
  if (rows.length === 0) return;
  const doc = new Y.Doc();
  for (const row of rows) Y.applyUpdate(doc, new Uint8Array(row.data));
  // Tolerant: a thread whose passage the agenda no longer has is left out.
  const anchors = anchorsOf(
    doc,
    DEMO_AGENDA_THREADS.map((thread) => thread.quote),
  );
  doc.destroy();
  const kept = DEMO_AGENDA_THREADS.filter((thread, index) => thread.quote === null || anchors[index] !== null);
  await seedThreads(
    context,
    comments,
    agenda,
    kept,
    anchors.filter((anchor, index) => DEMO_AGENDA_THREADS[index]!.quote === null || anchor !== null),
  );
}
