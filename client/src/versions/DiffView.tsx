/**
 * What changed between two versions of the agenda: inserted text underlined (ins), deleted text
 * struck through (del), each saying who did it, and changed item details listed. Changes are
 * told in words too, not by colour alone.
 */
import { useTranslation } from 'react-i18next';
import { isolate } from '../../../shared/i18n/format.ts';
import type { DiffBlock, DiffDto } from '../../../shared/schemas/meetingRecord.ts';
import { aroundNumberedTitle, numberedTitle } from '../agenda/itemTitle.ts';

/** Who made a change, isolated inside the page's sentence: a Latin name in an Arabic one keeps its order. */
function author(by: { name: string } | null | undefined, t: (key: string) => string): string {
  return by ? isolate(by.name) : t('versions.unknownAuthor');
}

function Spans({ block }: { block: DiffBlock }) {
  const { t, i18n } = useTranslation();
  // The paragraph takes its direction from the document's text (dir="auto"); the words said to
  // screen readers carry the page's own, which also keeps them out of that choice.
  const pageDir = i18n.dir();
  return (
    <>
      {block.spans.map((span, index) => {
        const who = author(span.by, t);
        if (span.change === 'added')
          return (
            <ins key={index} className="diff__added" title={t('versions.addedBy', { name: who })}>
              <span className="sr-only" dir={pageDir}>
                {t('versions.addedBy', { name: who })}:{' '}
              </span>
              {span.text}
            </ins>
          );
        if (span.change === 'removed')
          return (
            <del key={index} className="diff__removed" title={t('versions.removedBy', { name: who })}>
              <span className="sr-only" dir={pageDir}>
                {t('versions.removedBy', { name: who })}:{' '}
              </span>
              {span.text}
            </del>
          );
        return <span key={index}>{span.text}</span>;
      })}
    </>
  );
}

/** An item's title in its changed pieces, numbered as the board numbers an item (`numberedTitle`). */
function NumberedSpans({ number, block }: { number: string; block: DiffBlock }) {
  const [before, after] = aroundNumberedTitle(number);
  return (
    <>
      {before}
      <Spans block={block} />
      {after}
    </>
  );
}

const ATTRIBUTE_KEYS = [
  'day',
  'start',
  'duration',
  'presenter',
  'expectedOutput',
  'level',
  'proposalId',
  'pollId',
  'level',
  'start',
];

/**
 * The blocks to show, in reading order. The server sends an item's own block (its detail changes)
 * before its title; shown there, the details read as part of the item above. So an item's
 * changed details follow its title, and each title carries its item's number.
 */
function readingOrder(all: DiffBlock[]): { block: DiffBlock; number?: string }[] {
  const shown: { block: DiffBlock; number?: string }[] = [];
  for (let index = 0; index < all.length; index++) {
    const block = all[index]!;
    const title = all[index + 1];
    if (block.type === 'agendaItem' && title?.type === 'agendaItemTitle') {
      if (block.change) shown.push({ block });
      shown.push({ block: title, number: block.item?.number });
      if (!block.change && (block.attributes?.length ?? 0) > 0) shown.push({ block });
      index++;
    } else if (block.type !== 'agendaItem' || block.change || (block.attributes?.length ?? 0) > 0) shown.push({ block });
  }
  return shown;
}

export function DiffView({ diff }: { diff: DiffDto }) {
  const { t } = useTranslation();
  const blocks = readingOrder(diff.blocks);
  if (!diff.changed) return <p>{t('versions.noChanges')}</p>;
  return (
    <div className="diff">
      {blocks.map(({ block, number }, index) => {
        const who = author(block.by, t);
        const className = [
          'diff__block',
          block.change ? `diff__block--${block.change}` : '',
          block.type === 'agendaItemTitle' ? 'diff__block--title' : '',
        ]
          .filter(Boolean)
          .join(' ');
        return (
          <div key={index} className={className} style={{ marginInlineStart: `${block.depth * 1}rem` }}>
            {block.change && (
              <p className="diff__note">
                {block.change === 'added' ? t('versions.blockAdded', { name: who }) : t('versions.blockRemoved', { name: who })}
              </p>
            )}
            {block.type === 'agendaItem' && !block.change && (
              <p className="diff__note">
                {block.item
                  ? // The server names an untitled item in the reader's language.
                    t('versions.itemDetailsChangedFor', {
                      item: numberedTitle({ fullNumber: block.item.number, title: block.item.title }, t),
                    })
                  : t('versions.itemDetailsChanged')}
              </p>
            )}
            {block.spans.length > 0 ? (
              // A paragraph of the document keeps its own direction (an English note on an Arabic page reads
              // left to right); an item's title is isolated after its number, in the page's direction.
              <p className="diff__text" dir={number ? undefined : 'auto'}>
                {number ? <NumberedSpans number={number} block={block} /> : <Spans block={block} />}
              </p>
            ) : (
              // An item without a title is still named, so that the changes below it have an item to belong to.
              number && <p className="diff__text">{numberedTitle({ fullNumber: number, title: '' }, t)}</p>
            )}
            {(block.attributes ?? []).length > 0 && (
              <ul className="diff__attributes">
                {block.attributes!.map((attribute) => (
                  <li key={attribute.name}>
                    {t('versions.attributeChanged', {
                      name: ATTRIBUTE_KEYS.includes(attribute.name) ? t(`versions.attribute.${attribute.name}`) : attribute.name,
                      // Values people wrote (a presenter's name) and who changed them are isolated: on an
                      // Arabic page "Mei Chen (Kwame Asante)" otherwise ran as one left-to-right run.
                      from: attribute.from === null || attribute.from === '' ? '—' : isolate(String(attribute.from)),
                      to: attribute.to === null || attribute.to === '' ? '—' : isolate(String(attribute.to)),
                      by: author(attribute.by, t),
                    })}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </div>
  );
}
