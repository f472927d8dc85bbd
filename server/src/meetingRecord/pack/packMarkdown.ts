/** The meeting pack as Markdown. Text is escaped, so that nothing in it becomes markup or HTML. */
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

/**
 * Escapes what Markdown would read as markup (emphasis, links, code, inline HTML, entities) in
 * text, and what would start a block at the start of a line (headings, lists, quotes).
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      .replace(/[\\`*_[\]<>~]/g, (c) => `\\${c}`)
      // An ampersand only matters where it would start an entity.
      .replace(/&(?=#?\w+;)/g, '\\&')
      .split('\n')
      .map((line) =>
        line.replace(
          /^(\s*)([#>+=-]|\d+(?=[.)]))/,
          (_m, space: string, mark: string) => `${space}${/\d/.test(mark) ? `${mark}\\` : `\\${mark}`}`,
        ),
      )
      .join('  \n')
  );
}

function runs(list: Run[]): string {
  return list
    .map((run) => {
      if (!run.text) return '';
      if (run.code) return `\`${run.text.replace(/`/g, 'ˋ')}\``;
      // Emphasis markers must touch the text: spaces go outside them.
      const [, before = '', core = '', after = ''] = /^(\s*)([\s\S]*?)(\s*)$/.exec(run.text) ?? [];
      if (!core) return run.text;
      let text = escapeMarkdown(core);
      if (run.bold) text = `**${text}**`;
      if (run.italic) text = `*${text}*`;
      if (run.strike) text = `~~${text}~~`;
      if (run.href) text = `[${text}](<${run.href.replace(/[<>\s]/g, encodeURIComponent)}>)`;
      return `${before}${text}${after}`;
    })
    .join('');
}

export function blocks(list: Block[]): string[] {
  const lines: string[] = [];
  for (const block of list) {
    const indent = '   '.repeat(block.depth);
    switch (block.kind) {
      case 'bullet':
        lines.push(`${indent}- ${runs(block.runs)}`);
        break;
      case 'ordered':
        lines.push(`${indent}${block.index ?? 1}. ${runs(block.runs)}`);
        break;
      case 'heading':
        lines.push('', `${indent}**${runs(block.runs)}**`, '');
        break;
      case 'quote':
        lines.push('', `${indent}> ${runs(block.runs)}`, '');
        break;
      case 'code':
        lines.push('', '```', ...block.runs.map((run) => run.text.replace(/```/g, 'ˋˋˋ')), '```', '');
        break;
      case 'rule':
        lines.push('', '---', '');
        break;
      default:
        lines.push('', `${indent}${runs(block.runs)}`, '');
    }
  }
  return lines;
}

const action = (text: ServerText) => (a: PackAction) =>
  `- ➔ ${escapeMarkdown(a.text)} *(${escapeMarkdown(actionTail(a, text))})*`;

export function renderMarkdown(pack: PackModel): string {
  const out: string[] = [
    `# ${escapeMarkdown(pack.title)}`,
    '',
    `## ${escapeMarkdown(pack.heading)}`,
    '',
    escapeMarkdown(pack.dateLine),
    '',
  ];
  for (const item of pack.items) {
    const marker = item.level === 0 ? '###' : '####';
    out.push(`${marker} ${item.number}. ${escapeMarkdown(itemTitle(item, pack.text))}`, '');
    out.push(...blocks(item.notes), '');
    if (item.actions.length) out.push(`**${pack.text.actions}**`, '', ...item.actions.map(action(pack.text)), '');
    if (item.speakers.length)
      out.push(`**${pack.text.speakers}**`, '', ...item.speakers.map((line) => `- ${escapeMarkdown(line)}`), '');
    if (item.questionsAnswered.length)
      out.push(
        `**${pack.text.questionsAnswered}**`,
        '',
        ...item.questionsAnswered.map((line) => `- ${escapeMarkdown(line)}`),
        '',
      );
  }
  if (pack.decisions.length) {
    out.push(`### ${pack.text.decisions}`, '');
    for (const decision of pack.decisions) {
      out.push(`- **${escapeMarkdown(decision.title)}** — ${escapeMarkdown(decision.summary)}`);
      for (const line of decision.counts) out.push(`   - ${escapeMarkdown(line)}`);
    }
    out.push('');
  }
  if (pack.otherActions.length) out.push(`### ${pack.text.otherActions}`, '', ...pack.otherActions.map(action(pack.text)), '');
  if (pack.attendance.length)
    out.push(`### ${pack.text.attendance}`, '', ...pack.attendance.map((line) => `- ${escapeMarkdown(line)}`), '');
  if (pack.attachments.length) {
    out.push(`### ${pack.text.attachments}`, '');
    for (const file of pack.attachments) {
      out.push(`- [${escapeMarkdown(file.name)}](<${file.url}>)${file.item ? ` — ${escapeMarkdown(file.item)}` : ''}`);
    }
    out.push('');
  }
  if (pack.versions.length) {
    out.push(`### ${pack.text.versions}`, '');
    for (const version of pack.versions)
      out.push(`- ${escapeMarkdown(version.name)} (${version.savedAt}): \`${version.sha256}\``);
    out.push('');
  }
  out.push(`## ${escapeMarkdown(pack.text.annex)}`, '');
  for (const day of agendaDays(pack)) {
    if (day.heading) out.push(`### ${day.heading}`, '');
    for (const item of day.items) {
      const indent = item.level === 0 ? '' : '   ';
      const details = annexDetails(item, pack.text);
      out.push(
        `${indent}- ${item.number}. ${escapeMarkdown(itemTitle(item, pack.text))}${details ? ` — ${escapeMarkdown(details)}` : ''}`,
      );
    }
    out.push('');
  }
  out.push(`*${escapeMarkdown(pack.text.generated)}*`, '');
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()}\n`;
}
