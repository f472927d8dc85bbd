/** The API token routes, as the settings page uses them. */
import type { CreatedToken, TokenInfo } from '../../../shared/schemas/apiTokens.ts';
import { del, get, post } from '../app/api.ts';

export type Scope = 'read' | 'write' | 'admin';

export const listTokens = () => get<TokenInfo[]>('/api/tokens');
export const createToken = (body: { name: string; scopes: Scope[]; expiresAt: string }) =>
  post<CreatedToken>('/api/tokens', body);
export const revokeToken = (id: string) => del<void>(`/api/tokens/${encodeURIComponent(id)}`);
