/**
 * The meeting pack as a printable HTML page: the browser's "print" makes the PDF. Every piece of
 * text is escaped; links keep only http, https and mailto targets; no script, no event handler,
 * no style from the documents.
 */
import type { ServerText } from '../../i18n/serverText.ts';
import {
  actionTail,
  agendaDays,
  annexDetails,
  type Block,
  itemTitle,
  type PackAction,
  type PackModel,
  type Run,
} from './packModel.ts';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function runs(list: Run[]): string {
  return list
    .map((run) => {
      let html = escapeHtml(run.text).replace(/\n/g, '<br>');
      if (run.code) html = `<code>${html}</code>`;
      if (run.bold) html = `<strong>${html}</strong>`;
      if (run.italic) html = `<em>${html}</em>`;
      if (run.strike) html = `<s>${html}</s>`;
      if (run.href) html = `<a href="${escapeHtml(run.href)}" rel="noopener noreferrer nofollow">${html}</a>`;
      return html;
    })
    .join('');
}

/** Blocks as HTML, lists nested by depth. */
export function blocks(list: Block[]): string {
  const out: string[] = [];
  const open: ('ul' | 'ol')[] = [];
  const closeTo = (depth: number) => {
    while (open.length > depth) out.push(`</li></${open.pop()}>`);
  };
  for (const block of list) {
    const listKind = block.kind === 'bullet' ? 'ul' : block.kind === 'ordered' ? 'ol' : null;
    if (listKind) {
      closeTo(block.depth + 1);
      if (open.length === block.depth + 1 && open[block.depth] === listKind) out.push('</li>');
      else {
        closeTo(block.depth);
        while (open.length < block.depth + 1) {
          const kind = open.length === block.depth ? listKind : 'ul';
          out.push(kind === 'ol' ? `<ol start="${block.index ?? 1}">` : '<ul>');
          open.push(kind);
          if (open.length < block.depth + 1) out.push('<li>');
        }
      }
      out.push(`<li>${runs(block.runs)}`);
      continue;
    }
    closeTo(block.depth);
    switch (block.kind) {
      case 'heading':
        out.push(`<p class="subheading"><strong>${runs(block.runs)}</strong></p>`);
        break;
      case 'quote':
        out.push(`<blockquote><p>${runs(block.runs)}</p></blockquote>`);
        break;
      case 'code':
        out.push(`<pre><code>${escapeHtml(block.runs.map((run) => run.text).join(''))}</code></pre>`);
        break;
      case 'rule':
        out.push('<hr>');
        break;
      default:
        out.push(`<p>${runs(block.runs)}</p>`);
    }
  }
  closeTo(0);
  return out.join('\n');
}

const actionList = (actions: PackAction[], text: ServerText) =>
  `<ul class="actions">\n${actions
    .map(
      (a) =>
        `<li><span class="arrow" aria-hidden="true">➔</span> <bdi>${escapeHtml(a.text)}</bdi> <span class="tail">(${escapeHtml(actionTail(a, text))})</span></li>`,
    )
    .join('\n')}\n</ul>`;

/** A titled list of plain lines (the floor's record); nothing when empty. */
const lineList = (title: string, lines: string[]) =>
  lines.length
    ? `${title ? `<p class="actions-title">${escapeHtml(title)}</p>\n` : ''}<ul>\n${lines.map((line) => `<li>${escapeHtml(line)}</li>`).join('\n')}\n</ul>`
    : '';

const STYLE = `
:root { color: #1a1a1a; background: #fff; font-family: Calibri, 'Segoe UI', Roboto, 'Noto Sans', Arial, sans-serif; line-height: 1.45; }
body { max-inline-size: 48rem; margin-inline: auto; padding: 2rem 1.5rem; }
h1 { font-size: 1.6rem; margin-block: 0 0.25rem; text-align: center; }
.heading { font-size: 1.25rem; text-align: center; margin-block: 0 0.25rem; }
.dateline { text-align: center; color: #4a4f55; margin-block: 0 1.5rem; }
h2 { font-size: 1.15rem; margin-block: 1.5rem 0.5rem; }
h3 { font-size: 1rem; margin-block: 1rem 0.5rem; }
section.sub { margin-inline-start: 1rem; }
ul { list-style: square; }
ul.actions { list-style: none; padding-inline-start: 1rem; }
ul.actions li { margin-block: 0.35rem; }
ul.decisions > li { margin-block: 0.5rem; }
.actions-title { font-weight: 700; margin-block: 0.75rem 0.25rem; }
.tail { color: #4a4f55; font-size: 0.9em; }
a { color: #0b4f8a; }
.annex { break-before: page; page-break-before: always; margin-block-start: 2.5rem; }
.annex li { margin-block: 0.25rem; }
.details { color: #4a4f55; font-size: 0.9em; }
.hint { color: #4a4f55; font-size: 0.9em; border: 1px solid #8a9199; border-radius: 6px; padding: 0.5rem 1rem; }
footer { color: #4a4f55; font-size: 0.85em; margin-block-start: 2rem; }
@page { margin: 2cm; }
@media print {
  body { padding: 0; max-inline-size: none; font-size: 11pt; }
  .hint { display: none; }
  a { color: inherit; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  li, p { break-inside: avoid; }
}
`;

/**
 * The page's title cut at 70 characters, as the public pages cut theirs (html-validate's long-title: a
 * meeting's full title and the pack's heading run past it); the page's own heading keeps it whole.
 */
const shortTitle = (title: string) => (title.length > 70 ? `${title.slice(0, 69).trimEnd()}…` : title);

export function renderHtml(pack: PackModel): string {
  const items = pack.items
    .map((item) => {
      const heading = item.level === 0 ? 'h2' : 'h3';
      const actions = item.actions.length
        ? `<p class="actions-title">${pack.text.actions}</p>\n${actionList(item.actions, pack.text)}`
        : '';
      return `<section class="${item.level === 0 ? 'item' : 'item sub'}">
<${heading}>${escapeHtml(`${item.number}.`)} <bdi>${escapeHtml(itemTitle(item, pack.text))}</bdi></${heading}>
${blocks(item.notes)}
${actions}
${lineList(pack.text.speakers, item.speakers)}
${lineList(pack.text.questionsAnswered, item.questionsAnswered)}
</section>`;
    })
    .join('\n');
  const decisions = pack.decisions.length
    ? `<section><h2>${escapeHtml(pack.text.decisions)}</h2>\n<ul class="decisions">\n${pack.decisions
        .map(
          (decision) =>
            `<li><strong><bdi>${escapeHtml(decision.title)}</bdi></strong> <span class="tail">${escapeHtml(decision.summary)}</span>${
              decision.counts.length
                ? `\n<ul>\n${decision.counts.map((line) => `<li><bdi>${escapeHtml(line)}</bdi></li>`).join('\n')}\n</ul>`
                : ''
            }</li>`,
        )
        .join('\n')}\n</ul></section>`
    : '';
  const other =
    (pack.otherActions.length
      ? `<section><h2>${pack.text.otherActions}</h2>\n${actionList(pack.otherActions, pack.text)}</section>`
      : '') +
    (pack.attendance.length ? `<section><h2>${pack.text.attendance}</h2>\n${lineList('', pack.attendance)}</section>` : '');
  const files = pack.attachments.length
    ? `<section><h2>${pack.text.attachments}</h2>\n<ul>\n${pack.attachments
        .map(
          (file) =>
            `<li><a href="${escapeHtml(file.url)}">${escapeHtml(file.name)}</a>${file.item ? ` — <bdi>${escapeHtml(file.item)}</bdi>` : ''}</li>`,
        )
        .join('\n')}\n</ul></section>`
    : '';
  const versions = pack.versions.length
    ? `<section><h2>${pack.text.versions}</h2>\n<ul>\n${pack.versions
        .map(
          (version) =>
            `<li><bdi>${escapeHtml(version.name)}</bdi> (<bdi>${escapeHtml(version.savedAt)}</bdi>): <code class="digest">${version.sha256}</code></li>`,
        )
        .join('\n')}\n</ul></section>`
    : '';
  const annex = agendaDays(pack)
    .map((day) => {
      const list = day.items
        .map((item) => {
          const details = annexDetails(item, pack.text);
          return `<li class="${item.level === 0 ? '' : 'sub'}">${escapeHtml(`${item.number}.`)} <bdi>${escapeHtml(itemTitle(item, pack.text))}</bdi>${details ? `<br><span class="details">${escapeHtml(details)}</span>` : ''}</li>`;
        })
        .join('\n');
      return `${day.heading ? `<h3>${escapeHtml(day.heading)}</h3>\n` : ''}<ul class="annex-list">\n${list}\n</ul>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="${pack.language}" dir="${pack.direction}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(shortTitle(`${pack.title} — ${pack.heading}`))}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<p class="hint">${escapeHtml(pack.text.printHint)}</p>
<h1 dir="auto">${escapeHtml(pack.title)}</h1>
<p class="heading">${escapeHtml(pack.heading)}</p>
<p class="dateline">${escapeHtml(pack.dateLine)}</p>
${items}
${decisions}
${other}
${files}
${versions}
<section class="annex">
<h2>${escapeHtml(pack.text.annex)}</h2>
${annex}
</section>
<footer>${escapeHtml(pack.text.generated)}</footer>
</main>
</body>
</html>
`;
}
