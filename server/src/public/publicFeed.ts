/** The Atom feed of a public meeting's changes: new proposals, status changes, closed polls, named versions. */

import { fill } from '../i18n/serverText.ts';
import { html } from './html.ts';
import type { Links } from './publicPages.ts';
import type { MeetingView } from './publicService.ts';
import { countOf, kindOf, type Words } from './publicText.ts';

interface Entry {
  id: string;
  title: string;
  link: string;
  at: number;
  summary: string;
  /** The agenda version a decision was taken on. */
  related?: string;
}

const iso = (at: number) => new Date(at).toISOString();

/** The feed in the reader's language; entry ids stay the same in every language (a reader's client keys on them). */
export function renderFeed(view: MeetingView, links: Links, origin: string, words: Words): string {
  const text = words.text.feed;
  const statuses = words.store.proposalStatus;
  const absolute = (path: string) => `${origin}${path}`;
  // Ids are made from the addresses without ?lang=, the same whatever language a reader asked for.
  const bare = (path: string) => absolute(path.replace(/\?lang=\w+/, ''));
  const status = (decision: { status?: keyof typeof statuses }) => (decision.status ? statuses[decision.status] : '');
  const entries: Entry[] = [
    ...view.proposals.map((proposal) => ({
      id: `${bare(links.meeting)}#proposal-${proposal.id}`,
      title: fill(text.newProposal, { title: proposal.title }),
      link: absolute(`${links.meeting}#proposal-${proposal.id}`),
      at: proposal.createdAt,
      summary: fill(text.proposalSummary, {
        kind: kindOf(words, proposal.kind),
        title: proposal.title,
        status: statuses[proposal.status],
      }),
    })),
    ...view.decisions.map((decision) => {
      const version = decision.version ? fill(text.takenOn, { name: decision.version.name }) : '';
      const related = decision.version ? absolute(links.version(decision.version.id)) : undefined;
      if (decision.kind === 'poll')
        return {
          id: bare(links.poll(decision.subjectId)),
          title: fill(text.pollClosed, { question: decision.title }),
          link: absolute(links.poll(decision.subjectId)),
          at: decision.at,
          summary: `${countOf(words, words.text.poll.ballots, decision.ballots ?? 0)}.${version}`,
          related,
        };
      return {
        id: `${bare(links.meeting)}#proposal-${decision.subjectId}-${decision.at}-${encodeURIComponent(decision.status ?? '')}`,
        title: fill(text.statusTitle, { title: decision.title, status: status(decision) }),
        link: absolute(`${links.meeting}#proposal-${decision.subjectId}`),
        at: decision.at,
        summary: `${fill(text.statusSummary, { title: decision.title, status: status(decision) })}${version}`,
        related,
      };
    }),
    ...view.versions.map((version) => ({
      id: bare(links.version(version.id)),
      title: fill(text.versionTitle, { name: version.name }),
      link: absolute(links.version(version.id)),
      at: version.createdAt,
      summary: fill(text.versionSummary, { name: version.name }),
    })),
  ].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  const updated = entries[0]?.at ?? view.meeting.createdAt;
  return `<?xml version="1.0" encoding="utf-8"?>\n${
    html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${words.language}">
<id>${bare(links.meeting)}</id>
<title>${view.meeting.title}</title>
<updated>${iso(updated)}</updated>
<author><name>Plenary</name></author>
<link rel="self" type="application/atom+xml" href="${absolute(links.feed)}"/>
<link rel="alternate" type="text/html" href="${absolute(links.meeting)}"/>
${entries.map(
  (entry) => html`<entry>
<id>${entry.id}</id>
<title>${entry.title}</title>
<link rel="alternate" type="text/html" href="${entry.link}"/>
${
  entry.related
    ? html`<link rel="related" type="text/html" title="${text.related}" href="${entry.related}"/>
`
    : ''
}<updated>${iso(entry.at)}</updated>
<summary>${entry.summary}</summary>
</entry>
`,
)}</feed>`.value
  }\n`;
}
