/**
 * The live-token limit holds when creations arrive together, on SQLite and on PostgreSQL: the
 * count and the insert of one creation take their turn with another's (on PostgreSQL, before the
 * person's row was locked, ten creations at once past 48 live tokens all counted 48 and left 58).
 */
import { describe, expect, it } from 'vitest';
import { MAX_LIVE_TOKENS, TOKEN_CREATIONS_PER_MINUTE } from '../../server/src/apiTokens/apiTokenPolicy.ts';
import { ApiTokenStore } from '../../server/src/apiTokens/apiTokenStore.ts';
import { login } from '../helpers/clients.ts';
import { BACKENDS, serverSuite } from '../helpers/serverSuite.ts';

const AT_ONCE = 10;

describe.each(BACKENDS)('API token creations at once on %s', (backend) => {
  const { server, call } = serverSuite({ backend, database: 'apitokensconcurrency' });

  it('leave exactly MAX_LIVE_TOKENS live: the creations past the limit get 409 TOKEN_LIMIT', async () => {
    // Within the route's per-minute limit, so that only the live-token limit can refuse.
    expect(AT_ONCE).toBeLessThanOrEqual(TOKEN_CREATIONS_PER_MINUTE);
    const mei = await login(server.baseUrl, 'mei@example.org');
    const userId = mei.user.id;
    // Made in the store, not through the route, which would stop at its per-minute limit first.
    const store = new ApiTokenStore(server.app.store.db);
    const expiresAt = Date.now() + 86_400_000;
    for (let made = 0; made < MAX_LIVE_TOKENS - 2; made++) {
      await store.create({ userId, name: `feed ${made}`, scopes: ['read'], expiresAt });
    }

    const answers = await Promise.all(
      Array.from({ length: AT_ONCE }, (_, index) =>
        call(mei, 'POST', '/api/tokens', { name: `at once ${index}`, scopes: ['read'] }),
      ),
    );
    const statuses = answers.map((answer) => answer.status).sort();
    expect(statuses).toEqual([201, 201, ...Array.from({ length: AT_ONCE - 2 }, () => 409)]);
    for (const refused of answers.filter((answer) => answer.status === 409)) {
      expect(refused.body.error).toMatchObject({ code: 'TOKEN_LIMIT', details: { limit: MAX_LIVE_TOKENS } });
    }
    expect(await store.liveCountOf(userId)).toBe(MAX_LIVE_TOKENS);
  });
});
