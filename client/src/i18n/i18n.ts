/**
 * Every user-facing string goes through i18next. English is the only language so far. Each
 * feature keeps its strings in a file of its own under `en/`, under a top-level key of the same
 * name (`t('polls.vote')`); a new language is a folder beside `en/` and an entry in `resources`.
 * `dir` follows the language, so a right-to-left language lays out correctly (the CSS uses
 * logical properties).
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import actions from './en/actions.json' with { type: 'json' };
import agendaItems from './en/agendaItems.json' with { type: 'json' };
import attachments from './en/attachments.json' with { type: 'json' };
import auditLog from './en/auditLog.json' with { type: 'json' };
import calls from './en/calls.json' with { type: 'json' };
import collab from './en/collab.json' with { type: 'json' };
import comments from './en/comments.json' with { type: 'json' };
import common from './en/common.json' with { type: 'json' };
import floor from './en/floor.json' with { type: 'json' };
import meetingAdmin from './en/meetingAdmin.json' with { type: 'json' };
import notifications from './en/notifications.json' with { type: 'json' };
import pack from './en/pack.json' with { type: 'json' };
import people from './en/people.json' with { type: 'json' };
import polls from './en/polls.json' with { type: 'json' };
import proposals from './en/proposals.json' with { type: 'json' };
import search from './en/search.json' with { type: 'json' };
import sso from './en/sso.json' with { type: 'json' };
import timeline from './en/timeline.json' with { type: 'json' };
import tokens from './en/tokens.json' with { type: 'json' };
import versions from './en/versions.json' with { type: 'json' };
import workingGroups from './en/workingGroups.json' with { type: 'json' };

export const resources = {
  en: {
    translation: {
      ...common,
      collab,
      proposals,
      comments,
      polls,
      workingGroups,
      actions,
      versions,
      pack,
      agendaItems,
      people,
      tokens,
      sso,
      meetingAdmin,
      calls,
      timeline,
      auditLog,
      floor,
      notifications,
      attachments,
      search,
    },
  },
} as const;

export async function initI18n(language = 'en'): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  const apply = (lng: string) => {
    document.documentElement.lang = lng;
    document.documentElement.dir = i18next.dir(lng);
  };
  apply(i18next.language);
  i18next.on('languageChanged', apply);
  return i18next;
}
