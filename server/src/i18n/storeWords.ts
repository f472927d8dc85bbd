/**
 * The words for values the store keeps in English (a proposal's status, a meeting's), in the six
 * UN languages: one list for every catalogue of the server (the emails, the public pages, the
 * documents), so that an email and a public page cannot call one status two things. The client's
 * catalogues (client/src/i18n) say the same words in the interface; terms follow docs/glossary.md.
 */
import glossary from '../../../shared/i18n/glossary.json' with { type: 'json' };
import type { Language } from '../../../shared/i18n/languages.ts';
import { formLineParts } from '../../../shared/meetingForm.ts';
import { isStakeholderGroup, type StakeholderGroup } from '../../../shared/roles.ts';
import type { MeetingFormat, MeetingStatus } from '../../../shared/schemas/meetings.ts';
import type { ProposalStatus } from '../../../shared/schemas/proposals.ts';

export interface StoreWords {
  proposalStatus: Record<ProposalStatus, string>;
  meetingStatus: Record<MeetingStatus, string>;
  /** How a meeting is held; the pack's date line and the public pages say it ("Hybride, Genève"). */
  meetingFormat: Record<MeetingFormat, string>;
  /** The format and the place as written: "{{format}}, {{place}}". */
  formAt: string;
  /** A person's stakeholder group (from shared/i18n/glossary.json): the public registration form, the registrations CSV, a poll's results CSV. */
  stakeholderGroup: Record<StakeholderGroup, string>;
}

/** The glossary's id of each group's term. */
export const GROUP_TERMS: Record<StakeholderGroup, string> = {
  government: 'government',
  'private-sector': 'privateSector',
  'civil-society': 'civilSociety',
  'technical-community': 'technicalCommunity',
  intergovernmental: 'intergovernmental',
};

/**
 * The groups in the glossary's words, which the board's catalogues (common.json "groups") also
 * say: the server once kept its own, and a Spanish registrations CSV said "Organización
 * intergubernamental" where the board says "Organizaciones intergubernamentales".
 */
function groupsIn(language: Language): Record<StakeholderGroup, string> {
  const term = (id: string) => {
    const entry = glossary.terms.find((candidate) => candidate.id === id);
    if (!entry) throw new Error(`glossary.json has no term ${id}`);
    return entry[language];
  };
  return Object.fromEntries(Object.entries(GROUP_TERMS).map(([group, id]) => [group, term(id)])) as Record<
    StakeholderGroup,
    string
  >;
}

export const STORE_WORDS: Record<Language, StoreWords> = {
  en: {
    proposalStatus: {
      submitted: 'submitted',
      'under discussion': 'under discussion',
      selected: 'selected',
      merged: 'merged',
      'on hold': 'on hold',
      discontinued: 'discontinued',
    },
    meetingStatus: { active: 'active', archived: 'archived' },
    meetingFormat: { 'in-person': 'In person', online: 'Online', hybrid: 'Hybrid' },
    formAt: '{{format}}, {{place}}',
    stakeholderGroup: groupsIn('en'),
  },
  fr: {
    proposalStatus: {
      submitted: 'soumise',
      'under discussion': 'en discussion',
      selected: 'retenue',
      merged: 'fusionnée',
      'on hold': 'en suspens',
      discontinued: 'abandonnée',
    },
    meetingStatus: { active: 'active', archived: 'archivée' },
    meetingFormat: { 'in-person': 'En présentiel', online: 'En ligne', hybrid: 'Hybride' },
    formAt: '{{format}}, {{place}}',
    stakeholderGroup: groupsIn('fr'),
  },
  es: {
    proposalStatus: {
      submitted: 'presentada',
      'under discussion': 'en debate',
      selected: 'seleccionada',
      merged: 'fusionada',
      'on hold': 'en suspenso',
      discontinued: 'descartada',
    },
    meetingStatus: { active: 'activa', archived: 'archivada' },
    meetingFormat: { 'in-person': 'Presencial', online: 'En línea', hybrid: 'Híbrida' },
    formAt: '{{format}}, {{place}}',
    stakeholderGroup: groupsIn('es'),
  },
  ru: {
    proposalStatus: {
      submitted: 'внесено',
      'under discussion': 'обсуждается',
      selected: 'отобрано',
      merged: 'объединено',
      'on hold': 'приостановлено',
      discontinued: 'прекращено',
    },
    meetingStatus: { active: 'активно', archived: 'в архиве' },
    meetingFormat: { 'in-person': 'Очно', online: 'Онлайн', hybrid: 'Гибридный формат' },
    formAt: '{{format}}, {{place}}',
    stakeholderGroup: groupsIn('ru'),
  },
  zh: {
    proposalStatus: {
      submitted: '已提交',
      'under discussion': '讨论中',
      selected: '已入选',
      merged: '已合并',
      'on hold': '暂缓',
      discontinued: '已终止',
    },
    meetingStatus: { active: '活动', archived: '已归档' },
    meetingFormat: { 'in-person': '现场', online: '线上', hybrid: '混合' },
    formAt: '{{format}}，{{place}}',
    stakeholderGroup: groupsIn('zh'),
  },
  ar: {
    proposalStatus: {
      submitted: 'مقدَّم',
      'under discussion': 'قيد المناقشة',
      selected: 'مختار',
      merged: 'مدمج',
      'on hold': 'معلّق',
      discontinued: 'متوقف',
    },
    meetingStatus: { active: 'نشط', archived: 'مؤرشف' },
    meetingFormat: { 'in-person': 'حضوري', online: 'عبر الإنترنت', hybrid: 'مختلط' },
    formAt: '{{format}}، {{place}}',
    stakeholderGroup: groupsIn('ar'),
  },
};

/** A stakeholder group's stored code said in `language` ("Société civile"); a code that is no group stays as stored. */
export function stakeholderGroupIn(language: Language, code: string): string {
  return isStakeholderGroup(code) ? STORE_WORDS[language].stakeholderGroup[code] : code;
}

/**
 * How and where a meeting is held in a language: its format, and the place as written ("Híbrida, Ginebra").
 * A meeting from before formats and places kept its place only in its English one-line form
 * ("Hybrid, Lillestrøm"): the place is then read from there.
 */
export function meetingFormOf(language: Language, meeting: { format: MeetingFormat; place: string; form?: string }): string {
  const words = STORE_WORDS[language];
  const format = words.meetingFormat[meeting.format] ?? words.meetingFormat['in-person'];
  // The line's place only when it says the meeting's own format (formLineParts reads it, as the audit log's page does).
  const line = formLineParts(meeting.form ?? '');
  const place = meeting.place.trim() || (line?.format === meeting.format ? line.place : '');
  return place ? words.formAt.replace('{{format}}', format).replace('{{place}}', place) : format;
}
