/** The Atom feed of a public meeting's changes: new proposals, status changes, closed polls, named versions. */
import { html } from './html.ts';
import type { Links } from './publicPages.ts';
import type { MeetingView } from './publicService.ts';

interface Entry {
  id: string;
  title: string;
  link: string;
  at: number;
  summary: string;
}

const iso = (at: number) => new Date(at).toISOString();

export function renderFeed(view: MeetingView, links: Links, origin: string): string {
  const absolute = (path: string) => `${origin}${path}`;
  const entries: Entry[] = [
    ...view.proposals.map((proposal) => ({
      id: `${absolute(links.meeting)}#proposal-${proposal.id}`,
      title: `New proposal: ${proposal.title}`,
      link: absolute(`${links.meeting}#proposal-${proposal.id}`),
      at: proposal.createdAt,
      summary: `${proposal.kind} proposal “${proposal.title}” (${proposal.status}).`,
    })),
    ...view.statusChanges.map((change) => ({
      id: `${absolute(links.meeting)}#proposal-${change.proposalId}-${change.at}-${encodeURIComponent(change.status)}`,
      title: `${change.title}: ${change.status}`,
      link: absolute(`${links.meeting}#proposal-${change.proposalId}`),
      at: change.at,
      summary: `The status of “${change.title}” is now ${change.status}.`,
    })),
    ...view.polls.map(({ poll, results }) => ({
      id: absolute(links.poll(poll.id)),
      title: `Poll closed: ${poll.question}`,
      link: absolute(links.poll(poll.id)),
      at: poll.closedAt ?? poll.createdAt,
      summary: `${results.ballots} ballots.`,
    })),
    ...view.versions.map((version) => ({
      id: absolute(links.version(version.id)),
      title: `Agenda version: ${version.name}`,
      link: absolute(links.version(version.id)),
      at: version.createdAt,
      summary: `A named version of the agenda, “${version.name}”.`,
    })),
  ].sort((a, b) => b.at - a.at || a.id.localeCompare(b.id));
  const updated = entries[0]?.at ?? view.meeting.createdAt;
  return `<?xml version="1.0" encoding="utf-8"?>\n${
    html`<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en">
<id>${absolute(links.meeting)}</id>
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
<updated>${iso(entry.at)}</updated>
<summary>${entry.summary}</summary>
</entry>
`,
)}</feed>`.value
  }\n`;
}
