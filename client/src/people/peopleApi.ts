/** Calls of the people pages, typed by the shared schemas. */

import type { ErrorBody } from '../../../shared/errors.ts';
import type { PublicUser } from '../../../shared/schemas/auth.ts';
import type {
  ImportResult,
  InvitationInfo,
  InvitedUser,
  ManagedUser,
  NewUserBody,
  Profile,
  UserListQuery,
  UserPatch,
} from '../../../shared/schemas/users.ts';
import { ApiError, get, patch, post } from '../app/api.ts';

export const listPeople = (query: UserListQuery) => {
  const params = new URLSearchParams(Object.entries(query).filter(([, value]) => value) as [string, string][]);
  return get<ManagedUser[]>(`/api/users${params.size ? `?${params}` : ''}`);
};
export const invitePerson = (body: NewUserBody) => post<InvitedUser>('/api/users', body);
export const changePerson = (id: string, body: UserPatch) => patch<ManagedUser>(`/api/users/${id}`, body);
export const setActive = (id: string, active: boolean) =>
  post<ManagedUser>(`/api/users/${id}/${active ? 'reactivate' : 'deactivate'}`);
export const newInvitation = (id: string) => post<{ url: string; expiresAt: number }>(`/api/users/${id}/invitation`);

export const myProfile = () => get<Profile>('/api/me/profile');
export const saveProfile = (body: { name: string; affiliation: string | null }) => patch<Profile>('/api/me', body);
export const changePassword = (currentPassword: string, newPassword: string) =>
  post<{ sessionsEnded: number }>('/api/me/password', { currentPassword, newPassword });
export const signOutEverywhere = () => post<{ sessionsEnded: number }>('/api/auth/logout-everywhere');

export const invitationInfo = (token: string) => get<InvitationInfo>(`/api/invitations/${encodeURIComponent(token)}`);
export const acceptInvitation = (token: string, password: string) =>
  post<{ user: PublicUser }>(`/api/invitations/${encodeURIComponent(token)}/accept`, { password });

/** An import refused for its rows still answers with them (400 IMPORT_INVALID, details.rows); a file refused whole says why in details.reason. */
export class ImportRefused extends ApiError {
  readonly rows: ImportResult['rows'];
  constructor(status: number, code: string, message: string, rows: ImportResult['rows'], details?: unknown) {
    super(status, code, message, details);
    this.rows = rows;
  }
}

export async function importPeople(csv: string, dryRun: boolean): Promise<ImportResult> {
  const response = await fetch(`/api/users/import${dryRun ? '?dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'text/csv' },
    body: csv,
  });
  const data = (await response.json().catch(() => undefined)) as ImportResult | ErrorBody | undefined;
  if (!response.ok) {
    const error = (data as ErrorBody | undefined)?.error;
    const rows = (error?.details as { rows?: ImportResult['rows'] } | undefined)?.rows ?? [];
    throw new ImportRefused(
      response.status,
      error?.code ?? 'HTTP_ERROR',
      error?.message ?? response.statusText,
      rows,
      error?.details,
    );
  }
  return data as ImportResult;
}
