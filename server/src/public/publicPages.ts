/** The public pages' bodies: the meeting, a named version of its agenda, a closed poll. */

import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { blocks as htmlBlocks } from '../meetingRecord/pack/packHtml.ts';
import { actionTail, annexDetails, type Block, type PackAction, type PackItem } from '../meetingRecord/pack/packModel.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import type { Decision } from './decisions.ts';
import { type Html, html, trusted } from './html.ts';
import { type PublicAttachment, readableSize } from './publicAttachments.ts';
import type { MeetingView, ProposalView, PublicPoll, VersionView } from './publicService.ts';
import type { PublicThread } from './publicStore.ts';

export interface Links {
  meeting: string;
  feed: string;
  /** The fingerprint route the live script polls. */
  live: string;
  version: (id: string) => string;
  versionMd: (id: string) => string;
  poll: (id: string) => string;
  pack: (format: 'md' | 'html' | 'docx') => string;
  attachment: (id: string) => string;
  register: string;
}

const day = (at: number) => new Date(at).toISOString().slice(0, 10);
const dateTime = (at: number) => `${new Date(at).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const notes = (list: Block[]): Html => trusted(htmlBlocks(list));

export function dateRange(meeting: Meeting): string {
  return meeting.endsOn && meeting.endsOn !== meeting.startsOn ? `${meeting.startsOn} to ${meeting.endsOn}` : meeting.startsOn;
}

const actionList = (actions: PackAction[]) =>
  html`<ul>${actions.map((action) => html`<li>${action.text} <span class="tail">(${actionTail(action)})</span></li>`)}</ul>`;

function agendaItem(item: PackItem, withActions: boolean): Html {
  const details = annexDetails(item);
  const heading =
    item.level === 0
      ? html`<h3>${item.number}. ${item.title}</h3>`
      : html`<h4>${item.fullNumber || item.number}. ${item.title}</h4>`;
  return html`<section>${heading}
${details ? html`<p class="details">${details}</p>` : ''}
${notes(item.notes)}
${withActions && item.actions.length ? html`<p><strong>Actions</strong></p>${actionList(item.actions)}` : ''}
</section>`;
}

function thread(entry: PublicThread): Html {
  return html`<article>
${entry.quote ? html`<blockquote><p>${entry.quote}</p></blockquote>` : ''}
<ul>${entry.comments.map(
    (comment) =>
      html`<li><p class="meta">${comment.author}, <time datetime="${new Date(comment.createdAt).toISOString()}">${dateTime(comment.createdAt)}</time></p>${
        comment.hidden ? html`<p class="hidden-comment">hidden by moderator</p>` : html`<p>${comment.body}</p>`
      }</li>`,
  )}</ul>
</article>`;
}

function proposal(entry: ProposalView): Html {
  return html`<section id="proposal-${entry.id}">
<h3>${entry.title}</h3>
<p class="meta">${entry.kind} · <span class="status">${entry.status}</span>${entry.publicComment ? ' · open for public comment' : ''}</p>
${
  entry.publicComment
    ? html`<p>${entry.summary}</p>${notes(entry.body)}
<h4>Comments</h4>${entry.threads.length ? entry.threads.map(thread) : html`<p>No comments yet.</p>`}`
    : ''
}
</section>`;
}

function results(entry: PublicPoll): Html {
  const { poll, results: counted } = entry;
  const winners = new Set(counted.winners ?? []);
  return html`<p class="meta">${poll.secret ? 'Secret ballot: totals only' : 'Named ballot'} · ${counted.ballots} ballots${
    poll.closedAt
      ? html` · closed <time datetime="${new Date(poll.closedAt).toISOString()}">${dateTime(poll.closedAt)}</time>`
      : ''
  }</p>
<table><caption>Results: ${poll.question}</caption><thead><tr><th scope="col">Option</th><th scope="col">Votes</th></tr></thead><tbody>
${poll.options.map(
  (option) =>
    html`<tr><th scope="row">${option.label}${winners.has(option.id) ? ' (elected)' : ''}</th><td class="number">${counted.tally?.[option.id] ?? 0}</td></tr>`,
)}
</tbody></table>`;
}

/** What an attachment belongs to: the meeting, an agenda item ("3. Title") or a proposal. */
function attachedTo(file: PublicAttachment, view: MeetingView, links: Links): Html {
  const item = file.itemId ? view.pack.items.find((entry) => entry.id === file.itemId) : undefined;
  if (item) return html`Item ${item.fullNumber || item.number}. ${item.title}`;
  const proposal = file.proposalId ? view.proposals.find((entry) => entry.id === file.proposalId) : undefined;
  if (proposal) return html`Proposal <a href="${links.meeting}#proposal-${proposal.id}">${proposal.title}</a>`;
  return html`The meeting`;
}

function documents(view: MeetingView, links: Links): Html {
  if (!view.attachments.length) return html`<p>No documents attached.</p>`;
  return html`<table><caption>Documents attached to the meeting, its agenda items and proposals</caption>
<thead><tr><th scope="col">Document</th><th scope="col">Attached to</th><th scope="col">Size</th><th scope="col">Added</th></tr></thead><tbody>
${view.attachments.map(
  (file) =>
    html`<tr id="attachment-${file.id}"><th scope="row"><a href="${links.attachment(file.id)}" download>${file.name}</a>${
      file.version > 1 ? html` <span class="meta">(version ${file.version})</span>` : ''
    }</th><td>${attachedTo(file, view, links)}</td><td class="number">${readableSize(file.size)}</td><td><time datetime="${new Date(file.uploadedAt).toISOString()}">${day(file.uploadedAt)}</time></td></tr>
`,
)}</tbody></table>`;
}

/** "Taken on agenda version “X”": the version a decision refers to (see decisions.ts). */
function takenOn(version: VersionDto | undefined, links: Links): Html {
  return version
    ? html`<p class="meta taken-on">Taken on <a href="${links.version(version.id)}">agenda version “${version.name}”</a>.</p>`
    : html`<p class="meta taken-on">Taken before any named version of the agenda.</p>`;
}

function statusDecisions(decisions: readonly Decision[], links: Links): Html {
  const changes = decisions.filter((decision) => decision.kind === 'status');
  if (!changes.length) return html`<p>No proposal has changed status yet.</p>`;
  return html`<ul>${changes.map(
    (change) =>
      html`<li><time datetime="${new Date(change.at).toISOString()}">${day(change.at)}</time>: <a href="${links.meeting}#proposal-${change.subjectId}">${change.title}</a> — <span class="status">${change.outcome}</span>. ${
        change.version
          ? html`Taken on <a href="${links.version(change.version.id)}">agenda version “${change.version.name}”</a>.`
          : 'Taken before any named version of the agenda.'
      }</li>`,
  )}</ul>`;
}

export function meetingBody(view: MeetingView, links: Links, registration: Html): Html {
  const { meeting, pack } = view;
  const pendingActions = [...pack.items.flatMap((item) => item.actions), ...pack.otherActions];
  return html`<h1>${meeting.title}</h1>
<p class="meta">${dateRange(meeting)}${meeting.startTime ? ` · ${meeting.startTime} ${meeting.timezone}` : ''} · ${meeting.form} · <span class="status">${meeting.status}</span></p>
${meeting.description ? html`<p>${meeting.description}</p>` : ''}
<nav aria-label="On this page"><ul>
<li><a href="#agenda">Agenda</a></li><li><a href="#proposals">Proposals</a></li><li><a href="#polls">Decisions</a></li>
<li><a href="#documents">Documents</a></li><li><a href="#groups">Working groups</a></li><li><a href="#actions">Actions</a></li><li><a href="#versions">Versions</a></li>
<li><a href="#moderation">Moderation log</a></li><li><a href="#register">Take part</a></li><li><a href="${links.feed}">Atom feed of changes</a></li>
</ul></nav>
<section aria-labelledby="agenda"><h2 id="agenda">Agenda</h2>
${pack.items.length ? pack.items.map((item) => agendaItem(item, false)) : html`<p>The agenda is not published yet.</p>`}
</section>
<section aria-labelledby="proposals"><h2 id="proposals">Proposals</h2>
${view.proposals.length ? view.proposals.map(proposal) : html`<p>No proposals.</p>`}
</section>
<section aria-labelledby="polls"><h2 id="polls">Decisions</h2>
<h3>Closed polls</h3>
${
  view.polls.length
    ? view.polls.map(
        (entry) =>
          html`<section id="poll-${entry.poll.id}"><h4><a href="${links.poll(entry.poll.id)}">${entry.poll.question}</a></h4>${results(entry)}${takenOn(
            view.decisions.find((decision) => decision.kind === 'poll' && decision.subjectId === entry.poll.id)?.version,
            links,
          )}</section>`,
      )
    : html`<p>No poll has closed yet.</p>`
}
<h3>Changes of a proposal’s status</h3>
${statusDecisions(view.decisions, links)}
</section>
<section aria-labelledby="documents"><h2 id="documents">Documents</h2>
${documents(view, links)}
</section>
<section aria-labelledby="groups"><h2 id="groups">Working groups</h2>
${
  view.groups.length
    ? html`<ul>${view.groups.map(
        (group) =>
          html`<li><strong>${group.name}</strong>${group.cofacilitators.length ? html` — co-facilitators: ${group.cofacilitators.join(', ')}` : ''}${
            group.description ? html`<br><span class="details">${group.description}</span>` : ''
          }</li>`,
      )}</ul>`
    : html`<p>No working groups.</p>`
}
</section>
<section aria-labelledby="actions"><h2 id="actions">Actions</h2>
${pendingActions.length ? actionList(pendingActions) : html`<p>No actions recorded.</p>`}
</section>
<section aria-labelledby="versions"><h2 id="versions">Versions of the agenda</h2>
${
  view.versions.length
    ? html`<ul>${view.versions.map(
        (version) =>
          html`<li><a href="${links.version(version.id)}">${version.name}</a> <span class="meta">(<time datetime="${new Date(version.createdAt).toISOString()}">${dateTime(version.createdAt)}</time>)</span></li>`,
      )}</ul>`
    : html`<p>No named version yet.</p>`
}
<p>Meeting pack: <a href="${links.pack('html')}">web page</a> · <a href="${links.pack('md')}">Markdown</a> · <a href="${links.pack('docx')}">Word (DOCX)</a></p>
</section>
<section aria-labelledby="moderation"><h2 id="moderation">Moderation log</h2>
${
  view.moderation.length
    ? html`<ul>${view.moderation.map((entry) => html`<li>${day(entry.at)}: comment ${entry.action}${entry.reason ? html` — ${entry.reason}` : ''}</li>`)}</ul>`
    : html`<p>No moderation so far.</p>`
}
</section>
${registration}`;
}

export function versionBody(view: VersionView, links: Links): Html {
  return html`<p><a href="${links.meeting}">${view.meeting.title}</a></p>
<h1>Agenda version “${view.version.name}”</h1>
<p class="meta">Saved <time datetime="${new Date(view.version.createdAt).toISOString()}">${dateTime(view.version.createdAt)}</time>. This page always shows exactly this version.</p>
<dl>
<dt>SHA-256 of the exported content (<a href="${links.versionMd(view.version.id)}">Markdown</a>)</dt>
<dd class="digest" id="sha256">${view.sha256}</dd>
</dl>
<p class="details">To check a citation: download the Markdown and compare its SHA-256 (for example <code>sha256sum</code>) with the digest above.</p>
<h2>Agenda</h2>
${view.pack.items.map((item) => agendaItem(item, false))}`;
}

export function pollBody(meeting: Meeting, entry: PublicPoll, links: Links, version: VersionDto | undefined): Html {
  return html`<p><a href="${links.meeting}">${meeting.title}</a></p>
<h1>${entry.poll.question}</h1>
${results(entry)}
${takenOn(version, links)}`;
}
