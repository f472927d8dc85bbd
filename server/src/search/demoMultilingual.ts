/**
 * A little multilingual discussion for the demo, so that search can be tried in the scripts the
 * MAG writes in: Youssef in Arabic, Mei in Chinese, Olena in Russian, on the youth track of
 * the Global Digital Compact proposal.
 */
import { proposalDoc } from '../../../shared/documentNames.ts';
import { CommentStore } from '../comments/commentStore.ts';
import type { DemoSeedContext } from '../feature.ts';
import { GDC_PROPOSAL_ID } from '../proposals/demoProposals.ts';

export const MULTILINGUAL_THREAD: [email: string, body: string][] = [
  ['youssef@example.org', 'نقترح تخصيص جلسة لمشاركة الشباب من المنطقة العربية في متابعة الميثاق الرقمي العالمي.'],
  ['mei@example.org', '同意。建议在会议记录中加入亚太地区青年论坛的意见，并提供中文摘要。'],
  ['olena@example.org', 'Поддерживаю. Предлагаю добавить обсуждение доступа к интернету в Восточной Европе.'],
];

export async function seedMultilingualDemo({ store, tx, users, meetingId }: DemoSeedContext): Promise<void> {
  const comments = new CommentStore(store.db);
  const [first, ...replies] = MULTILINGUAL_THREAD.map(([email, body]) => ({ author: users.get(email), body }));
  if (!first?.author) return;
  const at = Date.UTC(2025, 1, 20, 9, 0);
  const { threadId } = await comments.createThread(
    { meetingId, doc: proposalDoc(GDC_PROPOSAL_ID), anchor: null, authorId: first.author.id, body: first.body, at },
    tx,
  );
  for (const [index, reply] of replies.entries()) {
    if (reply.author) await comments.addComment(threadId, reply.author.id, reply.body, tx, at + (index + 1) * 60_000);
  }
}
