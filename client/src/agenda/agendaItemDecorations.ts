/**
 * How agenda items look in the editor: each item gets its number, time slot, length, presenter,
 * expected output and links as a non-editable line above its title, and the current item is
 * highlighted; an empty title shows a placeholder. Decorations, recomputed from the document at
 * every change, so that numbers and times always follow the items' order; the meeting's live
 * state (current item, hours of the day, strings in the reader's language) comes in through a
 * small channel.
 */
import { Extension } from '@tiptap/core';
import { Fragment, type Node as PmNode, Slice } from '@tiptap/pm/model';
import { Plugin, PluginKey } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import {
  fullNumbers,
  isMeetingDay,
  meetingDayCount,
  nearestMeetingDay,
  normaliseAgendaItemAttrs,
  numberAgendaItems,
  scheduleAgenda,
} from '../../../shared/agendaItems.ts';
import { formatTimeRange } from '../../../shared/i18n/format.ts';
import { currentLanguage } from '../i18n/i18n.ts';

export interface AgendaDisplay {
  currentItem: string | null;
  dayStart: string;
  dayEnd: string;
  /** The meeting's first day and IANA zone: times run on real instants across a clock change. */
  startsOn: string;
  /** The meeting's last day: an item's day is one of the meeting's. */
  endsOn: string;
  timeZone: string;
  meetingId: string;
  /** Translates the item line's words. */
  t: (key: string, options?: Record<string, unknown>) => string;
}

/** Hands the meeting's live state to the editor's decorations. */
export class AgendaDisplayChannel {
  private state: AgendaDisplay;
  private readonly listeners = new Set<(state: AgendaDisplay) => void>();

  constructor(initial: AgendaDisplay) {
    this.state = initial;
  }

  get(): AgendaDisplay {
    return this.state;
  }

  set(state: AgendaDisplay): void {
    this.state = state;
    for (const listener of this.listeners) listener(state);
  }

  subscribe(listener: (state: AgendaDisplay) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}

const key = new PluginKey<DecorationSet>('agendaItemDecorations');

function itemLine(
  node: PmNode,
  number: string,
  slot: { start: number; end: number; overruns: boolean } | undefined,
  display: AgendaDisplay,
  current: boolean,
): HTMLElement {
  const { t } = display;
  const attrs = normaliseAgendaItemAttrs(node.attrs);
  const line = document.createElement('div');
  line.className = 'agenda-item__meta';
  line.contentEditable = 'false';
  const numberEl = document.createElement('span');
  numberEl.className = 'agenda-item__number';
  numberEl.textContent = `${number}.`;
  line.append(numberEl);
  const parts: string[] = [];
  if (slot && attrs.duration > 0)
    parts.push(formatTimeRange(currentLanguage(), slot.start, slot.end), t('agendaItems.minutes', { count: attrs.duration }));
  if (attrs.presenter) parts.push(t('agendaItems.presenterIs', { name: attrs.presenter }));
  if (attrs.expectedOutput) parts.push(t('agendaItems.expectedOutputIs', { output: attrs.expectedOutput }));
  const details = document.createElement('span');
  details.className = 'agenda-item__details';
  details.textContent = parts.join(' · ');
  line.append(details);
  const links: [string, string][] = [];
  if (attrs.proposalId)
    links.push([
      `/meetings/${encodeURIComponent(display.meetingId)}/proposals/${encodeURIComponent(attrs.proposalId)}`,
      t('agendaItems.linkedProposal'),
    ]);
  if (attrs.pollId)
    links.push([
      `/meetings/${encodeURIComponent(display.meetingId)}?tab=polls#poll-${encodeURIComponent(attrs.pollId)}`,
      t('agendaItems.linkedPoll'),
    ]);
  for (const [href, label] of links) {
    const a = document.createElement('a');
    a.href = href;
    a.textContent = label;
    a.className = 'agenda-item__link';
    line.append(' ', a);
  }
  if (slot?.overruns) {
    const warning = document.createElement('span');
    warning.className = 'agenda-item__overrun';
    warning.textContent = t('agendaItems.overrunsDay', { end: display.dayEnd });
    line.append(' ', warning);
  }
  if (current) {
    const badge = document.createElement('strong');
    badge.className = 'agenda-item__now';
    badge.textContent = t('agendaItems.now');
    line.prepend(badge);
  }
  return line;
}

function decorate(doc: PmNode, display: AgendaDisplay): DecorationSet {
  const items: { node: PmNode; pos: number }[] = [];
  doc.forEach((node, pos) => {
    if (node.type.name === 'agendaItem') items.push({ node, pos });
  });
  const attrs = items.map(({ node }) => normaliseAgendaItemAttrs(node.attrs));
  const numbers = numberAgendaItems(attrs.map((a) => a.level));
  const full = fullNumbers(attrs.map((a) => a.level));
  const schedule = scheduleAgenda(attrs, {
    dayStart: display.dayStart,
    dayEnd: display.dayEnd,
    startsOn: display.startsOn,
    timeZone: display.timeZone,
  });
  const decorations: Decoration[] = [];
  items.forEach(({ node, pos }, index) => {
    const a = attrs[index]!;
    const current = a.id !== null && a.id === display.currentItem;
    const classes = ['agenda-item', a.level > 0 ? 'agenda-item--sub' : '', current ? 'agenda-item--current' : '']
      .filter(Boolean)
      .join(' ');
    decorations.push(
      Decoration.node(pos, pos + node.nodeSize, {
        class: classes,
        'data-number': full[index]!,
        ...(current ? { 'aria-current': 'true' } : {}),
      }),
    );
    // An empty title (a new item has one) says so in the reader's language: a hint to type one for
    // those who may edit, "(untitled item)" for those who read (agenda.css picks by contenteditable).
    const title = node.firstChild;
    if (title?.type.name === 'agendaItemTitle' && title.childCount === 0)
      decorations.push(
        Decoration.node(pos + 1, pos + 1 + title.nodeSize, {
          class: 'agenda-item__title--empty',
          'data-placeholder': display.t('agendaItems.titlePlaceholder'),
          'data-untitled': display.t('agendaItems.untitled'),
        }),
      );
    const slot = schedule.items[index];
    const signature = JSON.stringify([numbers[index], a, slot, current, display.dayEnd, display.meetingId]);
    decorations.push(
      Decoration.widget(pos + 1, () => itemLine(node, numbers[index]!, slot, display, current), {
        side: -1,
        key: `agenda-item-meta-${signature}`,
        ignoreSelection: true,
      }),
    );
  });
  return DecorationSet.create(doc, decorations);
}

/**
 * Pasted items (copied from another meeting's agenda, a longer one) take the nearest day this
 * meeting has: the server ends the connection of an update that gives an item another day
 * (server/src/meetingRecord/agendaItemDays.ts), and the browser's copy would send it again at
 * every reconnection. Items are blocks of the document, never nested in another node.
 */
function withMeetingDays(slice: Slice, display: AgendaDisplay): Slice {
  const dayCount = meetingDayCount(display.startsOn, display.endsOn);
  let changed = false;
  const nodes: PmNode[] = [];
  slice.content.forEach((node) => {
    if (node.type.name !== 'agendaItem' || isMeetingDay(node.attrs.day, dayCount)) {
      nodes.push(node);
      return;
    }
    changed = true;
    nodes.push(node.type.create({ ...node.attrs, day: nearestMeetingDay(node.attrs.day, dayCount) }, node.content, node.marks));
  });
  return changed ? new Slice(Fragment.fromArray(nodes), slice.openStart, slice.openEnd) : slice;
}

/** The editor extension; `channel` brings the live state in. */
export function agendaItemDecorations(channel: AgendaDisplayChannel) {
  return Extension.create({
    name: 'agendaItemDecorations',
    addProseMirrorPlugins() {
      return [
        new Plugin<DecorationSet>({
          key,
          state: {
            init: (_config, state) => decorate(state.doc, channel.get()),
            apply: (tr, value, _old, state) => (tr.docChanged || tr.getMeta(key) ? decorate(state.doc, channel.get()) : value),
          },
          props: {
            decorations: (state) => key.getState(state),
            transformPasted: (slice) => withMeetingDays(slice, channel.get()),
          },
          view: (view) => {
            const unsubscribe = channel.subscribe(() => {
              if (!view.isDestroyed) view.dispatch(view.state.tr.setMeta(key, true));
            });
            return { destroy: unsubscribe };
          },
        }),
      ];
    },
  });
}
