/**
 * The language the page first renders in: the device's (picked on it, else the browser's), except on
 * an invitation link opened on a device that picked none. There the invitee's language, chosen for
 * them by the secretariat (`GET /api/invitations/:token` gives it), is known before anything is
 * shown, so the page's first visible text, its `lang` and its `dir` are already theirs. Rendering in
 * the browser's language and switching once the invitation loaded flashed the wrong language, and a
 * screen reader could start reading it with the wrong voice.
 */
import { isLanguage, type Language } from '../../../shared/i18n/languages.ts';
import { chosenOnDevice, deviceLanguage } from '../i18n/i18n.ts';
import { startEarly } from './earlyRequests.ts';

const INVITATION_PAGE = /^\/invitations\/([^/]+)\/?$/;
/** A slow answer does not keep the page blank: past this, it starts in the device's language and switches later. */
const WAIT_MS = 3_000;

export async function firstLanguage(pathname: string): Promise<Language> {
  const device = deviceLanguage();
  const invitation = INVITATION_PAGE.exec(pathname);
  if (!invitation || chosenOnDevice()) return device;
  let token: string;
  try {
    token = decodeURIComponent(invitation[1]!);
  } catch {
    return device; // Not a token; the page says the link is gone.
  }
  // The same path as the page's own read (peopleApi.invitationInfo), which then takes this answer.
  const answer = startEarly(`/api/invitations/${encodeURIComponent(token)}`).then(async (response) => {
    if (!response.ok) return device;
    const { language } = (await response.clone().json()) as { language?: unknown };
    return isLanguage(language) ? language : device;
  });
  const late = new Promise<Language>((resolve) => setTimeout(() => resolve(device), WAIT_MS));
  return Promise.race([answer.catch(() => device), late]);
}
