/**
 * Managing users (the secretariat): list them, change a role, disable or re-enable an account.
 * A change takes effect at once on HTTP and within seconds on open WebSockets (see
 * collab/accessSweep.ts), on every instance.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.ts';
import { ManagedUser, UserPatch } from '../../../shared/schemas/users.ts';
import { requireRole } from '../auth/authPlugin.ts';
import { badRequest, notFound } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import type { User } from './userStore.ts';

export interface UserRoutesOptions {
  store: Store;
  /** Told after a change is committed, to re-check that user's open sockets. */
  onUserChanged: (userId: string) => void;
}

const managed = (user: User): ManagedUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  group: user.group,
  region: user.region,
  disabled: user.disabled,
});

export const userRoutes: FastifyPluginAsyncTypebox<UserRoutesOptions> = async (app, { store, onUserChanged }) => {
  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: 'Every user, with role and status (secretariat only)',
        response: { 200: Type.Array(ManagedUser), 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => {
      requireRole(request, ['secretariat']);
      return (await store.users.list()).map(managed);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: "Change a user's role, or disable or re-enable the account (secretariat only)",
        params: IdParams,
        body: UserPatch,
        response: { 200: ManagedUser, 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) => {
      const actor = requireRole(request, ['secretariat']);
      const { id } = request.params;
      if (id === actor.id && (request.body.disabled === true || (request.body.role && request.body.role !== 'secretariat'))) {
        throw badRequest('You cannot disable yourself or give up your own secretariat role.');
      }
      const updated = await store.db.transaction(async (tx) => {
        const user = await store.users.byId(id, tx);
        if (!user) return null;
        const { role, disabled } = request.body;
        if (role !== undefined) await store.users.setRole(id, role, tx);
        if (disabled !== undefined) await store.users.setDisabled(id, disabled, tx);
        await store.audit.record(
          { actorId: actor.id, action: 'user.change', subject: `user:${id}`, detail: { from: { role: user.role, disabled: user.disabled }, to: request.body } },
          tx,
        );
        return store.users.byId(id, tx);
      });
      if (!updated) throw notFound('The user');
      onUserChanged(id);
      return managed(updated);
    },
  );
};
