/** The public pages' bodies: the meeting, a named version of its agenda, a closed poll. */

import { pollElects } from '../../../shared/constants/polls.ts';
import { formatDayRange } from '../../../shared/i18n/format.ts';
import type { VersionDto } from '../../../shared/schemas/meetingRecord.ts';
import { fill, serverText } from '../i18n/serverText.ts';
import { meetingFormOf } from '../i18n/storeWords.ts';
import { blocks as htmlBlocks } from '../meetingRecord/pack/packHtml.ts';
import {
  actionTail,
  agendaDays,
  annexDetails,
  type Block,
  itemTitle,
  meetingZone,
  type PackAction,
  type PackItem,
  type PackModel,
} from '../meetingRecord/pack/packModel.ts';
import type { Meeting } from '../meetings/meetingStore.ts';
import { commentBody } from './commentBody.ts';
import type { Decision } from './decisions.ts';
import { type Html, html, say, trusted } from './html.ts';
import { type PublicAttachment, readableSize } from './publicAttachments.ts';
import type { MeetingView, ProposalView, PublicPoll, VersionView } from './publicService.ts';
import type { PublicThread } from './publicStore.ts';
import { countOf, dayOf, kindOf, momentOf, type Words } from './publicText.ts';

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
  /** Where the registration form sends the reader once it is sent. */
  registered: string;
}

// What people wrote keeps its own direction inside a page in another script (Arabic around English, say):
// blocks of it carry dir="auto", a phrase of it inside the page's sentences is a <bdi>.
const notes = (list: Block[]): Html => (list.length ? html`<div dir="auto">${trusted(htmlBlocks(list))}</div>` : html``);
const time = (at: number, text: string) => html`<time datetime="${new Date(at).toISOString()}">${text}</time>`;
const day = (words: Words, at: number) => time(at, dayOf(words, at));
const moment = (words: Words, at: number) => time(at, momentOf(words, at));

/** The meeting's format in the reader's language, and its place as written ("Hybride, Genève"). */
export function formOf(meeting: Meeting, words: Words): string {
  return meetingFormOf(words.language, meeting);
}

/** The meeting's days in the reader's language ("1–10 April 2025"). */
export function dateRange(meeting: Meeting, words: Words): string {
  return formatDayRange(words.locale, meeting.startsOn, meeting.endsOn ?? meeting.startsOn);
}

/** The start on the meeting's clock, that clock named in words: "10:00 Eastern Time (America/New_York)". */
function startInZone(meeting: Meeting, words: Words): Html {
  const { name, id } = meetingZone(meeting, words.language);
  return say(serverText(words.language).timeInZone, { time: meeting.startTime, zone: name, id: html`<bdi>${id}</bdi>` });
}

const actionList = (actions: PackAction[], words: Words) =>
  html`<ul>${actions.map(
    (action) =>
      html`<li><bdi>${action.text}</bdi> <span class="tail">(${actionTail(action, serverText(words.language))})</span></li>`,
  )}</ul>`;

/** An agenda item; `depth` 1 under a day's heading (one heading level down). */
function agendaItem(item: PackItem, words: Words, depth: 0 | 1): Html {
  const details = annexDetails(item, serverText(words.language));
  const title = html`${item.level === 0 ? item.number : item.fullNumber || item.number}. <bdi>${itemTitle(item, serverText(words.language))}</bdi>`;
  const level = (item.level === 0 ? 3 : 4) + depth;
  const heading = level === 3 ? html`<h3>${title}</h3>` : level === 4 ? html`<h4>${title}</h4>` : html`<h5>${title}</h5>`;
  return html`<section>${heading}
${details ? html`<p class="details">${details}</p>` : ''}
${notes(item.notes)}
</section>`;
}

/**
 * The agenda as the pack's annex groups it (agendaDays): a heading per day when the meeting has
 * several, and the time zone of the items' times said once, before them.
 */
function agenda(pack: PackModel, meeting: Meeting, words: Words): Html {
  const { name, id } = meetingZone(meeting, words.language);
  const zone =
    meeting.timezone && pack.items.some((item) => item.slot)
      ? html`<p class="meta">${say(words.text.meeting.timesIn, { zone: name, id: html`<bdi>${id}</bdi>` })}</p>`
      : '';
  return html`${zone}
${agendaDays(pack, serverText(words.language)).map((day) =>
  day.heading
    ? html`<h3>${day.heading}</h3>
${day.items.map((item) => agendaItem(item, words, 1))}`
    : html`${day.items.map((item) => agendaItem(item, words, 0))}`,
)}`;
}

function thread(entry: PublicThread, words: Words): Html {
  return html`<article>
${entry.quote ? html`<blockquote><p dir="auto">${entry.quote}</p></blockquote>` : ''}
<ul>${entry.comments.map(
    (comment) =>
      html`<li><p class="meta"><bdi>${comment.author}</bdi>, ${moment(words, comment.createdAt)}</p>${
        comment.hidden
          ? html`<p class="hidden-comment">${words.text.proposal.hiddenByModerator}</p>`
          : html`<p class="comment-body" dir="auto">${commentBody(comment.body, comment.mentions, words.text.proposal.someone)}</p>`
      }</li>`,
  )}</ul>
</article>`;
}

function proposal(entry: ProposalView, words: Words): Html {
  const text = words.text.proposal;
  return html`<section id="proposal-${entry.id}">
<h3 dir="auto">${entry.title}</h3>
<p class="meta">${kindOf(words, entry.kind)} · <span class="status">${words.store.proposalStatus[entry.status]}</span>${entry.publicComment ? ` · ${text.openForComment}` : ''}</p>
${
  entry.publicComment
    ? html`<p dir="auto">${entry.summary}</p>${notes(entry.body)}
<h4>${text.comments}</h4>${entry.threads.length ? entry.threads.map((each) => thread(each, words)) : html`<p>${text.noComments}</p>`}`
    : ''
}
</section>`;
}

function results(entry: PublicPoll, words: Words): Html {
  const { poll, results: counted } = entry;
  const text = words.text.poll;
  const winners = new Set(counted.winners ?? []);
  // An election's winners are elected; an ordinary poll's have the most votes (as the board's Polls tab says).
  const winner = pollElects(poll) ? text.elected : text.mostVotes;
  return html`<p class="meta">${poll.secret ? text.secret : text.named} · ${countOf(words, text.ballots, counted.ballots)}${
    poll.closedAt ? html` · ${say(text.closed, { time: moment(words, poll.closedAt) })}` : ''
  }</p>
<table><caption>${fill(text.results, { question: poll.question })}</caption><thead><tr><th scope="col">${text.option}</th><th scope="col">${text.votes}</th></tr></thead><tbody>
${poll.options.map(
  (option) =>
    html`<tr><th scope="row"><bdi>${option.label}</bdi>${winners.has(option.id) ? ` ${winner}` : ''}</th><td class="number">${counted.tally?.[option.id] ?? 0}</td></tr>`,
)}
</tbody></table>`;
}

/** What an attachment belongs to: the meeting, an agenda item ("3. Title") or a proposal. */
function attachedTo(file: PublicAttachment, view: MeetingView, links: Links, words: Words): Html | string {
  const text = words.text.documents;
  const item = file.itemId ? view.pack.items.find((entry) => entry.id === file.itemId) : undefined;
  if (item)
    return say(text.item, {
      number: item.fullNumber || item.number,
      title: html`<bdi>${itemTitle(item, serverText(words.language))}</bdi>`,
    });
  const proposal = file.proposalId ? view.proposals.find((entry) => entry.id === file.proposalId) : undefined;
  if (proposal)
    return say(text.proposal, {
      title: html`<a href="${links.meeting}#proposal-${proposal.id}"><bdi>${proposal.title}</bdi></a>`,
    });
  return text.meeting;
}

function documents(view: MeetingView, links: Links, words: Words): Html {
  const text = words.text.documents;
  if (!view.attachments.length) return html`<p>${text.none}</p>`;
  return html`<table><caption>${text.caption}</caption>
<thead><tr><th scope="col">${text.document}</th><th scope="col">${text.attachedTo}</th><th scope="col">${text.size}</th><th scope="col">${text.added}</th></tr></thead><tbody>
${view.attachments.map(
  (file) =>
    html`<tr id="attachment-${file.id}"><th scope="row"><a href="${links.attachment(file.id)}" download><bdi>${file.name}</bdi></a>${
      file.version > 1 ? html` <span class="meta">${fill(text.version, { n: file.version })}</span>` : ''
    }</th><td>${attachedTo(file, view, links, words)}</td><td class="number">${readableSize(file.size)}</td><td>${day(words, file.uploadedAt)}</td></tr>
`,
)}</tbody></table>`;
}

/** "Taken on agenda version “X”." (the version a link), or that it was taken before any: see decisions.ts. */
function takenOnSentence(version: VersionDto | undefined, links: Links, words: Words): Html {
  const text = words.text.decision;
  if (!version) return html`${text.takenBeforeVersions}`;
  const link = html`<a href="${links.version(version.id)}">${say(text.agendaVersion, { name: html`<bdi>${version.name}</bdi>` })}</a>`;
  return say(text.takenOn, { version: link });
}

const takenOn = (version: VersionDto | undefined, links: Links, words: Words): Html =>
  html`<p class="meta taken-on">${takenOnSentence(version, links, words)}</p>`;

function statusDecisions(decisions: readonly Decision[], links: Links, words: Words): Html {
  const changes = decisions.filter((decision) => decision.kind === 'status');
  if (!changes.length) return html`<p>${words.text.meeting.noStatusChange}</p>`;
  return html`<ul>${changes.map(
    (change) =>
      html`<li>${say(serverText(words.language).labelled, { label: day(words, change.at), value: html`<a href="${links.meeting}#proposal-${change.subjectId}"><bdi>${change.title}</bdi></a>` })} — <span class="status">${
        change.status ? words.store.proposalStatus[change.status] : ''
      }</span>. ${takenOnSentence(change.version, links, words)}</li>`,
  )}</ul>`;
}

export function meetingBody(view: MeetingView, links: Links, registration: Html, words: Words): Html {
  const { meeting, pack } = view;
  const text = words.text.meeting;
  const pendingActions = [...pack.items.flatMap((item) => item.actions), ...pack.otherActions];
  const packLink = (format: 'md' | 'html' | 'docx', label: string) => html`<a href="${links.pack(format)}">${label}</a>`;
  return html`<h1 dir="auto">${meeting.title}</h1>
<p class="meta">${dateRange(meeting, words)}${meeting.startTime ? html` · ${startInZone(meeting, words)}` : ''} · ${formOf(meeting, words)} · <span class="status">${words.store.meetingStatus[meeting.status]}</span></p>
${meeting.description ? html`<p dir="auto">${meeting.description}</p>` : ''}
<nav aria-label="${text.onThisPage}"><ul>
<li><a href="#agenda">${text.agenda}</a></li><li><a href="#proposals">${text.proposals}</a></li><li><a href="#polls">${text.decisions}</a></li>
<li><a href="#documents">${text.documents}</a></li><li><a href="#groups">${text.groups}</a></li><li><a href="#actions">${text.actions}</a></li><li><a href="#versions">${text.versions}</a></li>
<li><a href="#moderation">${text.moderation}</a></li><li><a href="#register">${text.takePart}</a></li><li><a href="${links.feed}">${text.feed}</a></li>
</ul></nav>
<section aria-labelledby="agenda"><h2 id="agenda">${text.agenda}</h2>
${pack.items.length ? agenda(pack, meeting, words) : html`<p>${text.agendaNotPublished}</p>`}
</section>
<section aria-labelledby="proposals"><h2 id="proposals">${text.proposals}</h2>
${view.proposals.length ? view.proposals.map((entry) => proposal(entry, words)) : html`<p>${text.noProposals}</p>`}
</section>
<section aria-labelledby="polls"><h2 id="polls">${text.decisions}</h2>
<h3>${text.closedPolls}</h3>
${
  view.polls.length
    ? view.polls.map(
        (entry) =>
          html`<section id="poll-${entry.poll.id}"><h4 dir="auto"><a href="${links.poll(entry.poll.id)}">${entry.poll.question}</a></h4>${results(entry, words)}${takenOn(
            view.decisions.find((decision) => decision.kind === 'poll' && decision.subjectId === entry.poll.id)?.version,
            links,
            words,
          )}</section>`,
      )
    : html`<p>${text.noPollClosed}</p>`
}
<h3>${text.statusChanges}</h3>
${statusDecisions(view.decisions, links, words)}
</section>
<section aria-labelledby="documents"><h2 id="documents">${text.documents}</h2>
${documents(view, links, words)}
</section>
<section aria-labelledby="groups"><h2 id="groups">${text.groups}</h2>
${
  view.groups.length
    ? html`<ul>${view.groups.map(
        (group) =>
          html`<li><strong><bdi>${group.name}</bdi></strong>${
            group.cofacilitators.length ? html` — ${fill(text.cofacilitators, { names: group.cofacilitators.join(', ') })}` : ''
          }${group.description ? html`<br><span class="details" dir="auto">${group.description}</span>` : ''}</li>`,
      )}</ul>`
    : html`<p>${text.noGroups}</p>`
}
</section>
<section aria-labelledby="actions"><h2 id="actions">${text.actions}</h2>
${pendingActions.length ? actionList(pendingActions, words) : html`<p>${text.noActions}</p>`}
</section>
<section aria-labelledby="versions"><h2 id="versions">${text.versionsHeading}</h2>
${
  view.versions.length
    ? html`<ul>${view.versions.map(
        (version) =>
          html`<li><a href="${links.version(version.id)}"><bdi>${version.name}</bdi></a> <span class="meta">(${moment(words, version.createdAt)})</span></li>`,
      )}</ul>`
    : html`<p>${text.noVersion}</p>`
}
<p>${say(text.pack, { html: packLink('html', text.packHtml), md: packLink('md', 'Markdown'), docx: packLink('docx', 'Word (DOCX)') })}</p>
</section>
<section aria-labelledby="moderation"><h2 id="moderation">${text.moderation}</h2>
${
  view.moderation.length
    ? html`<ul>${view.moderation.map(
        (entry) =>
          html`<li>${say(text.hidden, { day: day(words, entry.at) })}${entry.reason ? html` — ${entry.reason}` : ''}</li>`,
      )}</ul>`
    : html`<p>${text.noModeration}</p>`
}
</section>
${registration}`;
}

export function versionBody(view: VersionView, links: Links, words: Words): Html {
  const text = words.text.version;
  return html`<p dir="auto"><a href="${links.meeting}">${view.meeting.title}</a></p>
<h1>${say(text.heading, { name: html`<bdi>${view.version.name}</bdi>` })}</h1>
<p class="meta">${say(text.saved, { time: moment(words, view.version.createdAt) })}</p>
<dl>
<dt>${say(text.digest, { markdown: html`<a href="${links.versionMd(view.version.id)}">Markdown</a>` })}</dt>
<dd class="digest" id="sha256">${view.sha256}</dd>
</dl>
<p class="details">${say(text.check, { command: html`<code>sha256sum</code>` })}</p>
<h2>${words.text.meeting.agenda}</h2>
${agenda(view.pack, view.meeting, words)}`;
}

export function pollBody(meeting: Meeting, entry: PublicPoll, links: Links, version: VersionDto | undefined, words: Words): Html {
  return html`<p dir="auto"><a href="${links.meeting}">${meeting.title}</a></p>
<h1 dir="auto">${entry.poll.question}</h1>
${results(entry, words)}
${takenOn(version, links, words)}`;
}
