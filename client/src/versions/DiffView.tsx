/**
 * What changed between two versions of the agenda: inserted text underlined (ins), deleted text
 * struck through (del), each saying who did it, and changed item details listed. Changes are
 * told in words too, not by colour alone.
 */
import { useTranslation } from 'react-i18next';
import type { DiffBlock, DiffDto } from '../../../shared/schemas/meetingRecord.ts';
import { aroundNumberedTitle, numberedTitle } from '../agenda/itemTitle.ts';

function Spans({ block }: { block: DiffBlock }) {
  const { t } = useTranslation();
  return (
    <>
      {block.spans.map((span, index) => {
        const who = span.by?.name ?? t('versions.unknownAuthor');
        if (span.change === 'added')
          return (
            <ins key={index} className="diff__added" title={t('versions.addedBy', { name: who })}>
              <span className="sr-only">{t('versions.addedBy', { name: who })}: </span>
              {span.text}
            </ins>
          );
        if (span.change === 'removed')
          return (
            <del key={index} className="diff__removed" title={t('versions.removedBy', { name: who })}>
              <span className="sr-only">{t('versions.removedBy', { name: who })}: </span>
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
        const who = block.by?.name ?? t('versions.unknownAuthor');
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
              <p className="diff__text">{number ? <NumberedSpans number={number} block={block} /> : <Spans block={block} />}</p>
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
                      from: attribute.from === null || attribute.from === '' ? '—' : String(attribute.from),
                      to: attribute.to === null || attribute.to === '' ? '—' : String(attribute.to),
                      by: attribute.by?.name ?? t('versions.unknownAuthor'),
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
