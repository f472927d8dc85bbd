/** The meeting pack as a Word document (DOCX), through the `docx` library. */
import { AlignmentType, Document, ExternalHyperlink, HeadingLevel, Packer, Paragraph, type ParagraphChild, TextRun } from 'docx';
import { actionTail, annexDetails, type Block, PACK_TEXT, type PackAction, type PackModel, type Run } from './packModel.ts';

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
        }),
    );
    return run.href ? [new ExternalHyperlink({ link: run.href, children: runs })] : runs;
  });
}

function blockParagraphs(list: Block[]): Paragraph[] {
  return list.map((block) => {
    switch (block.kind) {
      case 'bullet':
        return new Paragraph({ bullet: { level: Math.min(block.depth, 8) }, children: textRuns(block.runs) });
      case 'ordered':
        return new Paragraph({
          indent: { start: 360 * (block.depth + 1) },
          children: [new TextRun(`${block.index ?? 1}. `), ...textRuns(block.runs)],
        });
      case 'heading':
        return new Paragraph({ children: textRuns(block.runs.map((run) => ({ ...run, bold: true }))) });
      case 'quote':
        return new Paragraph({ indent: { start: 720 }, children: textRuns(block.runs.map((run) => ({ ...run, italic: true }))) });
      case 'code':
        return new Paragraph({ children: textRuns(block.runs.map((run) => ({ ...run, code: true }))) });
      case 'rule':
        return new Paragraph({ border: { bottom: { style: 'single', size: 6, color: '8A9199', space: 1 } }, children: [] });
      default:
        return new Paragraph({ indent: block.depth ? { start: 360 * block.depth } : undefined, children: textRuns(block.runs) });
    }
  });
}

function actionParagraphs(actions: PackAction[]): Paragraph[] {
  return actions.map(
    (action) =>
      new Paragraph({
        indent: { start: 360, hanging: 360 },
        spacing: { after: 80 },
        children: [
          new TextRun('➔ '),
          new TextRun(action.text),
          new TextRun({ text: ` (${actionTail(action)})`, color: '4A4F55' }),
        ],
      }),
  );
}

/** A titled list of plain lines (the floor's record); nothing when empty. */
function lineParagraphs(title: string, lines: string[]): Paragraph[] {
  if (!lines.length) return [];
  return [
    ...(title ? [new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: title, bold: true })] })] : []),
    ...lines.map(
      (line) =>
        new Paragraph({ indent: { start: 360, hanging: 360 }, spacing: { after: 80 }, children: [new TextRun(`• ${line}`)] }),
    ),
  ];
}

export async function renderDocx(pack: PackModel): Promise<Buffer> {
  const children: Paragraph[] = [
    new Paragraph({ heading: HeadingLevel.TITLE, alignment: AlignmentType.CENTER, children: [new TextRun(pack.title)] }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: pack.heading, bold: true, size: 28 })] }),
    new Paragraph({ alignment: AlignmentType.CENTER, spacing: { after: 240 }, children: [new TextRun(pack.dateLine)] }),
  ];
  for (const item of pack.items) {
    children.push(
      new Paragraph({
        heading: item.level === 0 ? HeadingLevel.HEADING_1 : HeadingLevel.HEADING_2,
        children: [new TextRun(`${item.number}. ${item.title}`)],
      }),
      ...blockParagraphs(item.notes),
    );
    if (item.actions.length) {
      children.push(
        new Paragraph({ spacing: { before: 120 }, children: [new TextRun({ text: PACK_TEXT.actions, bold: true })] }),
      );
      children.push(...actionParagraphs(item.actions));
    }
    children.push(
      ...lineParagraphs(PACK_TEXT.speakers, item.speakers),
      ...lineParagraphs(PACK_TEXT.questionsAnswered, item.questionsAnswered),
    );
  }
  if (pack.otherActions.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(PACK_TEXT.otherActions)] }));
    children.push(...actionParagraphs(pack.otherActions));
  }
  if (pack.attendance.length) {
    children.push(new Paragraph({ heading: HeadingLevel.HEADING_1, children: [new TextRun(PACK_TEXT.attendance)] }));
    children.push(...lineParagraphs('', pack.attendance));
  }
  children.push(
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: true, children: [new TextRun(PACK_TEXT.annex)] }),
  );
  const multiDay = pack.days.length > 1;
  for (const day of pack.days) {
    if (multiDay)
      children.push(new Paragraph({ heading: HeadingLevel.HEADING_2, children: [new TextRun(`${PACK_TEXT.day} ${day}`)] }));
    for (const item of pack.items.filter((i) => i.day === day)) {
      const details = annexDetails(item);
      children.push(
        new Paragraph({
          indent: { start: item.level === 0 ? 0 : 360 },
          spacing: { after: 80 },
          children: [
            new TextRun({ text: `${item.number}. ${item.title}`, bold: item.level === 0 }),
            ...(details ? [new TextRun({ text: details, break: 1, color: '4A4F55', size: 20 })] : []),
          ],
        }),
      );
    }
  }
  children.push(
    new Paragraph({ spacing: { before: 240 }, children: [new TextRun({ text: PACK_TEXT.generated, italics: true, size: 18 })] }),
  );
  const document = new Document({
    creator: 'Plenary',
    title: `${pack.title} — ${pack.heading}`,
    description: pack.dateLine,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}
