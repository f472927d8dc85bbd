/**
 * The checks and refusals of working-group administration that do not depend on who asks: a
 * group's name, a liaison's title, and the words of each refusal (400 naming the field, 409).
 */

import { DEFAULT_LIAISON_TITLE, type ElectionRole, WORKING_GROUP_LIMITS } from '../../../shared/constants/workingGroups.ts';
import { normalizeName } from '../../../shared/normalizeName.ts';
import type { WorkingGroupRole } from '../../../shared/schemas/workingGroups.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { AppError } from '../http/appError.ts';
import { fieldError, normalizedWithin } from '../http/fieldErrors.ts';
import type { WorkingGroup } from './workingGroupStore.ts';

/**
 * A group's name as stored: `normalizeName` (NFKC, ordinary spaces, trimmed), so that a name typed
 * with a no-break space or in full-width letters is the name it looks like. Its limit is counted
 * after: NFKC can lengthen a name ("㍿" is four characters), and the schema counted what was sent.
 */
export function cleanName(name: string): string {
  if (!hasVisibleText(normalizeName(name))) throw fieldError('name', 'The name is empty.');
  return normalizedWithin('name', name, WORKING_GROUP_LIMITS.name, 'The name');
}

/**
 * `taken`: the other group's name as stored. `twin`: the group being renamed already reads as that
 * name too (migration 255 left the pair as they were): one of the two must take another name
 * first, and the refusal says so rather than only "taken", which its own name also is.
 */
export function duplicateName(name: string, taken: string, twin = false): AppError {
  const message = twin
    ? `name: another working group of this meeting, “${taken}”, already reads as “${name}”, as this one does: give one of the two another name first.`
    : `name: this meeting already has a working group called “${taken}”.`;
  return new AppError('DUPLICATE', message, { field: 'name', taken, twin });
}

/** A liaison title is held once by a person in a group, case and surrounding spaces aside. */
export function duplicateLiaisonTitle(title: string): AppError {
  return new AppError('DUPLICATE', `title: this member already holds the title “${title}”, in this or another case.`, {
    field: 'title',
  });
}

export function archived(group: WorkingGroup): AppError {
  return new AppError(
    'WORKING_GROUP_ARCHIVED',
    `${group.name} is archived: it is kept for the record and nothing in it changes.`,
  );
}

/*
 * Three refusals share the code ELECTION_OPEN; `details.held` says what the open election holds
 * back, so that the client says it in the reader's language: the nominations (its ballot), the
 * role it fills (`role`, and a liaison's `title`), or a candidate in the group.
 */

/** The ballot of an open election was fixed when it opened: a nomination made or withdrawn now would not be on it, or not leave it. */
export function electionOpen(group: WorkingGroup): AppError {
  return new AppError(
    'ELECTION_OPEN',
    `An election is open in ${group.name}: its ballot is fixed, so nominations are made and withdrawn again once it has closed.`,
    { held: 'nominations', group: group.name },
  );
}

/**
 * Giving the role an open election fills would settle by decree what the vote under way is
 * deciding; only that role waits (`electionDecides`), so the refusal names it, and says that
 * every other role is given as usual.
 */
export function appointmentDuringElection(group: WorkingGroup, wanted: ElectionRole): AppError {
  const role = wanted.role === 'liaison' ? `the role of ${wanted.title}` : 'the role of co-facilitator';
  return new AppError(
    'ELECTION_OPEN',
    `An election is open in ${group.name} for ${role}: nobody is given that role there until it has closed. Other roles are given as usual.`,
    {
      held: 'role',
      group: group.name,
      role: wanted.role,
      ...(wanted.role === 'liaison' ? { title: wanted.title } : {}),
    },
  );
}

/** A candidate who left would stay on the ballot and could be elected in a group they are not in. */
export function candidateLeaving(group: WorkingGroup): AppError {
  return new AppError(
    'ELECTION_OPEN',
    `You are a candidate in the open election of ${group.name}: you can leave the group once it has closed.`,
    { held: 'candidate', group: group.name },
  );
}

/** At opening, the ballot is the open nominations: it needs more candidates than seats. */
export function tooFewCandidates(group: WorkingGroup, nominated: number, seats: number): AppError {
  return new AppError(
    'TOO_FEW_CANDIDATES',
    `${group.name} has ${nominated} open nominations for ${seats} seats: an election needs more candidates than seats. Nominate more members, or delete the draft and appoint instead.`,
    { nominated, seats },
  );
}

/**
 * A liaison's title as stored (`normalizeName`: ordinary spaces and letters, trimmed; “Liaison”
 * when none is given); co-facilitators have none. The limit is checked on the stored title: NFKC
 * can lengthen what the schema counted (“㍿” is “株式会社”).
 */
export function roleTitle(role: WorkingGroupRole, title: string | undefined): string {
  if (role !== 'liaison') return '';
  return normalizedWithin('title', storedTitle(title), WORKING_GROUP_LIMITS.title, 'The title');
}

/**
 * A title as stored, without the limit: for a title already held or recorded (an election closing
 * on the title it was created with) or only named to find one, where a refusal helps nobody.
 */
export function storedTitle(title: string | undefined): string {
  return normalizeName(title ?? '') || DEFAULT_LIAISON_TITLE;
}
