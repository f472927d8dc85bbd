/** Proposals for Policy Networks and Best Practice Forums, and comment threads on documents. */
import { commentRoutes } from '../comments/commentRoutes.ts';
import { CommentService, PROPOSALS_MAP, THREADS_MAP } from '../comments/commentService.ts';
import { CommentStore } from '../comments/commentStore.ts';
import type { Feature } from '../feature.ts';
import { seedDemoProposals } from './demoProposals.ts';
import { PROPOSAL_MIGRATIONS } from './migrations.ts';
import { mayEditProposal } from './proposalPolicy.ts';
import { proposalRoutes } from './proposalRoutes.ts';
import { ProposalService } from './proposalService.ts';
import { ProposalStore } from './proposalStore.ts';

export const proposalsFeature: Feature = {
  name: 'proposals',
  migrations: PROPOSAL_MIGRATIONS,
  documentKinds: [
    {
      kind: 'proposal',
      // A proposal's body: its authors (while their role may write), the secretariat and the chair write; everyone signed in reads.
      access: (store) => {
        const proposals = new ProposalStore(store.db);
        return async (user, id) => {
          const proposal = await proposals.accessInfo(id);
          if (!proposal) return null;
          return mayEditProposal(user, proposal) ? 'write' : 'read';
        };
      },
    },
  ],
  liveMaps: [THREADS_MAP, PROPOSALS_MAP],
  async register({ http, store, live, access, notify }) {
    const proposals = new ProposalStore(store.db);
    const comments = new CommentStore(store.db);

    // What a meeting's live document holds of this feature when it loads.
    live.source(THREADS_MAP, async (meetingId) =>
      Object.fromEntries((await comments.threadsOfMeeting(meetingId)).map((thread) => [thread.id, thread])),
    );
    live.source(PROPOSALS_MAP, async (meetingId) =>
      Object.fromEntries((await proposals.list(meetingId)).map((proposal) => [proposal.id, proposal])),
    );

    const proposalService = new ProposalService({ store, proposals, live, access, notify });
    const commentService = new CommentService({ store, comments, proposals, live, notify });
    await http.register(proposalRoutes, { service: proposalService, store });
    await http.register(commentRoutes, { service: commentService });
  },
  async seedDemo(context) {
    await seedDemoProposals(context, new ProposalStore(context.store.db), new CommentStore(context.store.db));
  },
};
