/** The meeting pack as a Word document (DOCX), through the `docx` library. */

import {
  AlignmentType,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  type IParagraphOptions,
  Packer,
  Paragraph,
  type ParagraphChild,
  TextRun,
} from 'docx';
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
 * Right-to-left packs (Arabic) get bidi paragraphs (`w:bidi`) and right-to-left runs (`w:rtl`), so
 * Word lays them out from the right; set once per document, before its paragraphs are made.
 */
let rtl = false;
const paragraph = (options: IParagraphOptions) => new Paragraph({ ...options, ...(rtl ? { bidirectional: true } : {}) });

function textRuns(list: Run[]): ParagraphChild[] {
  return list.flatMap((run): ParagraphChild[] => {
    const parts = run.text.split('\n');
    const runs = parts.map(
      (text, index) =>
        new TextRun({
          text,
          bold: run.bold,
          italics: run.italic,
          strike: run.strike,
          font: run.code ? 'Consolas' : undefined,
          break: index > 0 ? 1 : undefined,
          style: run.href ? 'Hyperlink' : undefined,
          rightToLeft: rtl || undefined,
        }),
    );
    return run.href ? [new ExternalHyperlink({ link: run.href, children: runs })] : runs;
  });
}

function blockParagraphs(list: Block[]): Paragraph[] {
  return list.map((block) => {
    switch (block.kind) {
      case 'bullet':
        return paragraph({ bullet: { level: Math.min(block.depth, 8) }, children: textRuns(block.runs) });
      case 'ordered':
        return paragraph({
          indent: { start: 360 * (block.depth + 1) },
          children: [new TextRun(`${block.index ?? 1}. `), ...textRuns(block.runs)],
        });
      case 'heading':
        return paragraph({ children: textRuns(block.runs.map((run) => ({ ...run, bold: true }))) });
      case 'quote':
        return paragraph({ indent: { start: 720 }, children: textRuns(block.runs.map((run) => ({ ...run, italic: true }))) });
      case 'code':
        return paragraph({ children: textRuns(block.runs.map((run) => ({ ...run, code: true }))) });
      case 'rule':
        return paragraph({ border: { bottom: { style: 'single', size: 6, color: '8A9199', space: 1 } }, children: [] });
      default:
        return paragraph({ indent: block.depth ? { start: 360 * block.depth } : undefined, children: textRuns(block.runs) });
    }
  });
}

function actionParagraphs(actions: PackAction[], text: ServerText): Paragraph[] {
  return actions.map((action) =>
    paragraph({
      indent: { start: 360, hanging: 360 },
      spacing: { after: 80 },
      children: [
        new TextRun('➔ '),
        new TextRun(action.text),
        new TextRun({ text: ` (${actionTail(action, text)})`, color: '4A4F55' }),
      ],
    }),
  );
}

/** A titled list of plain lines (the floor's record); nothing when empty. */
function lineParagraphs(title: string, lines: string[]): Paragraph[] {
  if (!lines.length) return [];
  return [
    ...(title ? [paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: title, bold: true })] })] : []),
    ...lines.map((line) =>
      paragraph({ indent: { start: 360, hanging: 360 }, spacing: { after: 80 }, children: [new TextRun(`• ${line}`)] }),
    ),
  ];
}

export async function renderDocx(pack: PackModel): Promise<Buffer> {
  rtl = pack.direction === 'rtl';
  const children: Paragraph[] = [
    paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(pack.title)] }),
    paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: pack.heading, bold: true, size: 28 })] }),
    paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun(pack.dateLine)] }),
  ];
  for (const item of pack.items) {
    children.push(
      paragraph({
        heading: item.level === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [new TextRun(`${item.number}. ${itemTitle(item, pack.text)}`)],
      }),
      ...blockParagraphs(item.notes),
    );
    if (item.actions.length) {
      children.push(paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: pack.text.actions, bold: true })] }));
      children.push(...actionParagraphs(item.actions, pack.text));
    }
    children.push(
      ...lineParagraphs(pack.text.speakers, item.speakers),
      ...lineParagraphs(pack.text.questionsAnswered, item.questionsAnswered),
    );
  }
  if (pack.decisions.length) {
    children.push(paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(pack.text.decisions)] }));
    for (const decision of pack.decisions) {
      children.push(
        paragraph({
          spacing: { before: 120, after: 40 },
          children: [
            new TextRun({ text: decision.title, bold: true }),
            new TextRun({ text: decision.summary, break: 1, color: '4A4F55' }),
          ],
        }),
        ...lineParagraphs('', decision.counts),
      );
    }
  }
  if (pack.otherActions.length) {
    children.push(paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(pack.text.otherActions)] }));
    children.push(...actionParagraphs(pack.otherActions, pack.text));
  }
  if (pack.attendance.length) {
    children.push(paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(pack.text.attendance)] }));
    children.push(...lineParagraphs('', pack.attendance));
  }
  if (pack.versions.length) {
    children.push(paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(pack.text.versions)] }));
    children.push(
      ...lineParagraphs(
        '',
        pack.versions.map((version) => `${version.name} (${version.savedAt}): ${version.sha256}`),
      ),
    );
  }
  children.push(paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(pack.text.annex)] }));
  for (const day of agendaDays(pack)) {
    if (day.heading) children.push(paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(day.heading)] }));
    for (const item of day.items) {
      const details = annexDetails(item, pack.text);
      children.push(
        paragraph({
          indent: { start: item.level === 0 ? 0 : 360 },
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${item.number}. ${itemTitle(item, pack.text)}`, bold: item.level === 0 }),
            ...(details ? [new TextRun({ text: details, break: 1, color: '4A4F55', size: 20 })] : []),
          ],
        }),
      );
    }
  }
  children.push(
    paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: pack.text.generated, italics: true, size: 18 })] }),
  );
  const document = new Document({
    creator: 'Plenary',
    // The document's languages, so Word picks fitting fonts and proofing for Arabic and Chinese.
    styles: {
      default: {
        document: {
          run: {
            language: {
              value: pack.language,
              eastAsia: pack.language === 'zh' ? 'zh-CN' : undefined,
              bidirectional: pack.language === 'ar' ? 'ar-SA' : undefined,
            },
          },
        },
      },
    },
    title: `${pack.title} — ${pack.heading}`,
    description: pack.dateLine,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
