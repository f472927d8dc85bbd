/**
 * People administration (the secretariat): list and search, invite, change, import a CSV,
 * deactivate and reactivate. A change takes effect at once on HTTP and within seconds on open
 * WebSockets (see collab/accessSweep.ts), on every instance. One's own account (profile,
 * password, sign out everywhere) and invitations are in profileRoutes.ts, registered from here.
 */

import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ErrorResponse, IdParams } from '../../../shared/schemas/common.ts';
import {
  EmptyBody,
  ImportQuery,
  ImportResult,
  Invitation,
  InvitedUser,
  ManagedUser,
  NewUserBody,
  UserListQuery,
  UserPatch,
} from '../../../shared/schemas/users.ts';
import { SECRETARIAT_ONLY } from '../apiTokens/tokenScopes.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { AppError } from '../http/appError.ts';
import type { Store } from '../storage/store.ts';
import { passwordResetRoutes } from './passwordResetRoutes.ts';
import { assertMayManagePeople } from './peoplePolicy.ts';
import { PeopleService, type QueueAccountEmail } from './peopleService.ts';
import { noBodyIsEmpty, profileRoutes } from './profileRoutes.ts';
import type { User } from './userStore.ts';

export interface UserRoutesOptions {
  store: Store;
  /** Told after a change is committed, to re-check that user's open sockets (here and on other instances). */
  onUserChanged: (userId: string) => void;
  /** The origin invitation links start with (the first PUBLIC_ORIGIN). */
  publicOrigin?: string;
  /** Where invitation and password reset emails are queued (without it: none; the secretariat copies invitation links). */
  queueAccountEmail?: QueueAccountEmail;
}

/** A CSV of a few thousand people fits; other bodies keep the API's usual, smaller limit. */
const MAX_CSV_BYTES = 1024 * 1024;

export const managed = (user: User): ManagedUser => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  group: user.group,
  region: user.region,
  affiliation: user.affiliation,
  language: user.language,
  status: user.status,
  disabled: user.disabled,
  invitationPending: user.invitationPending,
  publicOnly: user.publicOnly,
  createdAt: user.createdAt,
});

const errors = { 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse, 404: ErrorResponse };

export const userRoutes: FastifyPluginAsyncTypebox<UserRoutesOptions> = async (app, options) => {
  const { store, onUserChanged } = options;
  const people = new PeopleService(store, {
    publicOrigin: options.publicOrigin ?? 'http://localhost:3000',
    ...(options.queueAccountEmail ? { queueAccountEmail: options.queueAccountEmail } : {}),
  });
  app.addContentTypeParser('text/csv', { parseAs: 'string', bodyLimit: MAX_CSV_BYTES }, (_request, body, done) =>
    done(null, body),
  );

  await app.register(profileRoutes, { people, onUserChanged });
  await app.register(passwordResetRoutes, { people, onUserChanged });

  app.get(
    '/api/users',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary: 'People on the board, with role, group, region, affiliation and status; searchable (secretariat only)',
        querystring: UserListQuery,
        response: { 200: Type.Array(ManagedUser), 400: ErrorResponse, 401: ErrorResponse, 403: ErrorResponse },
      },
    },
    async (request) => (await people.list(requireUser(request), request.query)).map(managed),
  );

  app.post(
    '/api/users',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary: 'Invite a person: they have no password until they open the invitation link, valid 7 days (secretariat only)',
        body: NewUserBody,
        response: { 201: InvitedUser, ...errors, 409: ErrorResponse },
      },
    },
    async (request, reply) => {
      const { user, invitation } = await people.invite(requireUser(request), request.body);
      return reply.status(201).send({ ...managed(user), invitation });
    },
  );

  app.post(
    '/api/users/import',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary:
          'Import people from a CSV (email,name,role,group,region,affiliation): new ones invited, known ones updated; all rows or none',
        description:
          'Send the file as the body with Content-Type text/csv. With dryRun=true nothing is written and each row says what would happen ' +
          '(an update lists its changes, from and to; a row that changes nothing is unchanged and never written). ' +
          'A column left out of the header leaves that field as it is for people already on the board. ' +
          'A file refused whole: 400 IMPORT_INVALID with error.details.reason (empty, no-rows, missing-columns, not-csv, too-many-rows). ' +
          'Without it, any error row refuses the whole file: 400 IMPORT_INVALID with the rows in error.details.rows.',
        querystring: ImportQuery,
        consumes: ['text/csv'],
        body: Type.String({ description: 'the CSV file, header row first' }),
        response: { 200: ImportResult, ...errors, 409: ErrorResponse },
      },
    },
    async (request) => {
      const actor = requireUser(request);
      assertMayManagePeople(actor);
      const dryRun = request.query.dryRun === true;
      const result = await people.importCsv(actor, request.body, dryRun);
      if (!result.ok && !dryRun) {
        const bad = result.rows.filter((row) => row.outcome === 'error').length;
        throw new AppError(
          'IMPORT_INVALID',
          `Nothing was imported: ${bad} ${bad === 1 ? 'row has an error' : 'rows have errors'}.`,
          { rows: result.rows },
        );
      }
      for (const id of result.changed) onUserChanged(id);
      return { dryRun, rows: result.rows };
    },
  );

  app.patch(
    '/api/users/:id',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary: "Change a person's name, role, group, region, affiliation or language (secretariat only)",
        params: IdParams,
        body: UserPatch,
        response: { 200: ManagedUser, ...errors },
      },
    },
    async (request) => {
      const user = await people.update(requireUser(request), request.params.id, request.body);
      onUserChanged(user.id);
      return managed(user);
    },
  );

  for (const action of ['deactivate', 'reactivate'] as const) {
    app.post(
      `/api/users/:id/${action}`,
      {
        config: SECRETARIAT_ONLY,
        schema: {
          tags: ['users'],
          summary:
            action === 'deactivate'
              ? 'Deactivate a person: their sessions end and their sockets close within seconds; what they wrote stays (secretariat only)'
              : 'Reactivate a deactivated person; they sign in again with their password (secretariat only)',
          params: IdParams,
          body: EmptyBody,
          response: { 200: ManagedUser, ...errors },
        },
        preValidation: noBodyIsEmpty,
      },
      async (request) => {
        const actor = requireUser(request);
        const user =
          action === 'deactivate'
            ? await people.deactivate(actor, request.params.id)
            : await people.reactivate(actor, request.params.id);
        onUserChanged(user.id);
        return managed(user);
      },
    );
  }

  app.post(
    '/api/users/:id/invitation',
    {
      config: SECRETARIAT_ONLY,
      schema: {
        tags: ['users'],
        summary:
          'A new invitation link for a person who has not set a password yet; the previous link stops working (secretariat only)',
        params: IdParams,
        body: EmptyBody,
        response: { 201: Invitation, ...errors, 409: ErrorResponse },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => reply.status(201).send(await people.reinvite(requireUser(request), request.params.id)),
  );
};
