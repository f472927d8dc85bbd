/**
 * The checks and refusals of working-group administration that do not depend on who asks: a
 * group's name, a liaison's title, and the words of each refusal (400 naming the field, 409).
 */

import type { WorkingGroupRole } from '../../../shared/schemas/workingGroups.ts';
import { hasVisibleText } from '../../../shared/visibleText.ts';
import { AppError, badRequest } from '../http/appError.ts';
import type { WorkingGroup } from './workingGroupStore.ts';

export function fieldError(field: string, message: string): AppError {
  return badRequest(`${field}: ${message}`, { field });
}

export function cleanName(name: string): string {
  const trimmed = name.trim();
  if (!hasVisibleText(trimmed)) throw fieldError('name', 'The name is empty.');
  return trimmed;
}

export function duplicateName(name: string): AppError {
  return new AppError('DUPLICATE', `name: this meeting already has a working group called “${name}”.`, { field: 'name' });
}

export function archived(group: WorkingGroup): AppError {
  return new AppError(
    'WORKING_GROUP_ARCHIVED',
    `${group.name} is archived: it is kept for the record and nothing in it changes.`,
  );
}

/** The ballot of an open election was fixed when it opened: a nomination made or withdrawn now would not be on it, or not leave it. */
export function electionOpen(group: WorkingGroup): AppError {
  return new AppError(
    'ELECTION_OPEN',
    `An election is open in ${group.name}: its ballot is fixed, so nominations are made and withdrawn again once it has closed.`,
  );
}

/** A liaison's title (“Liaison” when none is given); co-facilitators have none. */
export function roleTitle(role: WorkingGroupRole, title: string | undefined): string {
  if (role !== 'liaison') return '';
  const trimmed = title?.trim() ?? '';
  return trimmed || 'Liaison';
}
