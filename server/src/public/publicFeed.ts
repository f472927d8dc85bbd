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
  /** The agenda version a decision was taken on. */
  related?: string;
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
    ...view.decisions.map((decision) => {
      const version = decision.version ? ` Taken on agenda version “${decision.version.name}”.` : '';
      const related = decision.version ? absolute(links.version(decision.version.id)) : undefined;
      if (decision.kind === 'poll')
        return {
          id: absolute(links.poll(decision.subjectId)),
          title: `Poll closed: ${decision.title}`,
          link: absolute(links.poll(decision.subjectId)),
          at: decision.at,
          summary: `${decision.outcome}.${version}`,
          related,
        };
      return {
        id: `${absolute(links.meeting)}#proposal-${decision.subjectId}-${decision.at}-${encodeURIComponent(decision.outcome)}`,
        title: `${decision.title}: ${decision.outcome}`,
        link: absolute(`${links.meeting}#proposal-${decision.subjectId}`),
        at: decision.at,
        summary: `The status of “${decision.title}” is now ${decision.outcome}.${version}`,
        related,
      };
    }),
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
${
  entry.related
    ? html`<link rel="related" type="text/html" title="Agenda version" href="${entry.related}"/>
`
    : ''
}<updated>${iso(entry.at)}</updated>
<summary>${entry.summary}</summary>
</entry>
`,
)}</feed>`.value
  }\n`;
}
