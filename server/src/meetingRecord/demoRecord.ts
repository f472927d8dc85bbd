/**
 * The meeting record's part of the demo: structured agendas (as the editor would write them),
 * the seed meeting itself ("IGF 2025 MAG Meeting I") with its notes and actions, the actions of
 * the First Open Consultation, and a first named version of each agenda.
 */
import { getSchema, type JSONContent } from '@tiptap/core';
import { prosemirrorJSONToYXmlFragment } from '@tiptap/y-tiptap';
import * as Y from 'yjs';
import { agendaDoc, RICH_TEXT_FIELD } from '../../../shared/documentNames.ts';
import { richTextExtensions } from '../../../shared/richText.ts';
import type { Owner } from '../../../shared/schemas/actions.ts';
import {
  DEMO_AGENDA,
  SEED_AGENDA,
  SEED_MEETING,
  SEED_MEETING_DAY_END,
  type DemoAction,
  type DemoAgendaDay,
  type DemoAgendaItem,
} from '../demo/demoData.ts';
import type { DemoSeedContext } from '../feature.ts';
import { ActionStore } from './actions/actionStore.ts';
import { VersionStore } from './versions/versionStore.ts';

const text = (value: string, bold = false): JSONContent =>
  bold ? { type: 'text', text: value, marks: [{ type: 'bold' }] } : { type: 'text', text: value };
const paragraph = (...content: JSONContent[]): JSONContent => ({ type: 'paragraph', content });

/** One agenda item as the editor stores it: its title, then its points and links. */
export function agendaItemNode(item: DemoAgendaItem, day: number): JSONContent {
  const notes: JSONContent[] = [];
  if (item.points?.length) {
    notes.push({
      type: 'bulletList',
      content: item.points.map((point) => ({ type: 'listItem', content: [paragraph(text(point))] })),
    });
  }
  if (item.links?.length) {
    const links: JSONContent[] = [text('Documents: ', true)];
    item.links.forEach((link, index) => {
      if (index > 0) links.push(text(' · '));
      links.push({ type: 'text', text: link.label, marks: [{ type: 'link', attrs: { href: link.href } }] });
    });
    notes.push(paragraph(...links));
  }
  return {
    type: 'agendaItem',
    attrs: {
      id: item.id,
      level: item.level ?? 0,
      day,
      start: item.start ?? '',
      duration: item.duration,
      presenter: item.presenter ?? '',
      expectedOutput: item.expectedOutput ?? '',
      proposalId: item.proposalId ?? null,
    },
    content: [{ type: 'agendaItemTitle', content: [text(item.title)] }, ...notes],
  };
}

/** A whole agenda: per day, its heading (when several days), its items and its expected output. */
export function agendaContent(days: DemoAgendaDay[]): JSONContent {
  const content: JSONContent[] = [];
  days.forEach((day, index) => {
    // The page gives the agenda its heading (h2); the days are h3 inside it.
    if (day.title) content.push({ type: 'heading', attrs: { level: 3 }, content: [text(day.title)] });
    for (const item of day.items) content.push(agendaItemNode(item, index + 1));
    if (day.expectedOutput) content.push(paragraph(text('Expected output: ', true), text(day.expectedOutput)));
  });
  return { type: 'doc', content };
}

/** A rich-text document as one Yjs update, written the way the editor would write it. */
export function documentUpdate(content: JSONContent): Uint8Array {
  const doc = new Y.Doc();
  prosemirrorJSONToYXmlFragment(getSchema(richTextExtensions()), content, doc.getXmlFragment(RICH_TEXT_FIELD));
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

function ownerOf(action: DemoAction, context: DemoSeedContext): Owner {
  const owner = action.owner;
  if (owner.kind === 'person') {
    const user = context.users.get(owner.email);
    if (!user) throw new Error(`no demo user ${owner.email}`);
    return { kind: 'person', label: user.name, userId: user.id };
  }
  if (owner.kind === 'role') return { kind: 'role', label: owner.label, role: owner.role };
  return { kind: owner.kind, label: owner.label };
}

async function seedActions(context: DemoSeedContext, meetingId: string, days: DemoAgendaDay[], at: number): Promise<void> {
  const actions = new ActionStore(context.store.db);
  const secretariat = context.users.get('secretariat@example.org')?.id ?? null;
  let when = at;
  for (const item of days.flatMap((day) => day.items)) {
    for (const action of item.actions ?? []) {
      const values = {
        text: action.text,
        owner: ownerOf(action, context),
        due: action.due ?? null,
        status: action.status ?? 'open',
        source: { type: 'agendaItem' as const, id: item.id },
        agendaItemId: item.id,
      };
      const id = await actions.create(meetingId, values, secretariat, context.tx, when);
      await context.store.audit.record(
        { actorId: secretariat, action: 'action.create', subject: `action:${id}`, detail: { meetingId, ...values } },
        context.tx,
      );
      when += 60_000;
    }
  }
}

async function nameAgenda(context: DemoSeedContext, meetingId: string, name: string, at: number): Promise<void> {
  const versions = new VersionStore(context.store.db);
  const seq = await versions.headSeq(agendaDoc(meetingId), context.tx);
  const secretariat = context.users.get('secretariat@example.org')?.id ?? null;
  await versions.create({ meetingId, seq, name, kind: 'named', createdBy: secretariat, at }, context.tx);
}

export async function seedMeetingRecord(context: DemoSeedContext): Promise<void> {
  const { store, tx } = context;
  // The seed meeting itself, with its agenda, its notes and the actions it decided.
  await store.meetings.create(SEED_MEETING, tx);
  await store.documents.append(agendaDoc(SEED_MEETING.id), documentUpdate(agendaContent(SEED_AGENDA)), null, tx);
  await tx.run('INSERT INTO meeting_run (meeting_id, day_end, updated_at) VALUES (?, ?, ?)', [
    SEED_MEETING.id,
    SEED_MEETING_DAY_END,
    Date.now(),
  ]);
  const meetingEnd = Date.parse(`${SEED_MEETING.startsOn}T14:00:00Z`);
  await seedActions(context, SEED_MEETING.id, SEED_AGENDA, meetingEnd);
  await nameAgenda(context, SEED_MEETING.id, 'Summary as circulated', meetingEnd + 24 * 3_600_000);
  // The First Open Consultation: the draft agenda the core seed wrote, and the actions it has so far.
  await seedActions(context, context.meetingId, DEMO_AGENDA, Date.parse('2025-02-27T17:00:00Z'));
  await nameAgenda(context, context.meetingId, 'Draft agenda as circulated', Date.parse('2025-02-10T09:00:00Z'));
}
