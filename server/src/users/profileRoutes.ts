/**
 * One's own account: profile, password, signing out everywhere; and the invitation link, which
 * an invited person opens without being signed in to set their password.
 */
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { LoginResponse } from '../../../shared/schemas/auth.ts';
import { ErrorResponse } from '../../../shared/schemas/common.ts';
import {
  AcceptInvitationBody,
  EmptyBody,
  InvitationInfo,
  PasswordChangeBody,
  Profile,
  ProfilePatch,
  TokenParams,
} from '../../../shared/schemas/users.ts';
import { requireUser } from '../auth/authPlugin.ts';
import { publicUser } from '../auth/authRoutes.ts';
import type { PeopleService } from './peopleService.ts';
import type { User } from './userStore.ts';

export interface ProfileRoutesOptions {
  people: PeopleService;
  onUserChanged: (userId: string) => void;
}

const profile = (user: User): Profile => ({
  id: user.id,
  name: user.name,
  email: user.email,
  role: user.role,
  group: user.group,
  region: user.region,
  affiliation: user.affiliation,
  language: user.language,
});

/** A bare POST (no body) is as good as `{}`. */
export const noBodyIsEmpty = async (request: { body: unknown }) => {
  request.body ??= {};
};

const SessionsEnded = Type.Object({ sessionsEnded: Type.Integer({ description: 'how many sessions were ended' }) });

export const profileRoutes: FastifyPluginAsyncTypebox<ProfileRoutesOptions> = async (app, { people, onUserChanged }) => {
  app.get(
    '/api/me/profile',
    {
      schema: {
        tags: ['profile'],
        summary: 'Your own profile, affiliation included',
        response: { 200: Profile, 401: ErrorResponse },
      },
    },
    async (request) => profile(requireUser(request)),
  );

  // PUT and PATCH alike: both change only the fields given (other settings of one's own join this route).
  app.route({
    method: ['PATCH', 'PUT'],
    url: '/api/me',
    schema: {
      tags: ['profile'],
      summary:
        'Change your own name, affiliation or language (ar, zh, en, fr, ru, es: the interface, emails and documents follow it)',
      body: ProfilePatch,
      response: { 200: Profile, 400: ErrorResponse, 401: ErrorResponse },
    },
    handler: async (request) => profile(await people.updateProfile(requireUser(request), request.body)),
  });

  app.post(
    '/api/me/password',
    {
      schema: {
        tags: ['profile'],
        summary: 'Change your password (the current one is required); every other session of yours ends',
        body: PasswordChangeBody,
        response: { 200: SessionsEnded, 400: ErrorResponse, 401: ErrorResponse },
      },
      // Each try costs two scrypt hashes; and a stolen session should not be able to guess the password quickly.
      // Reached without signing in: the invitation link is the credential.
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request) => {
      const user = requireUser(request);
      const sessionsEnded = await people.changePassword(
        user,
        request.session!.id,
        request.body.currentPassword,
        request.body.newPassword,
      );
      onUserChanged(user.id);
      return { sessionsEnded };
    },
  );

  app.post(
    '/api/auth/logout-everywhere',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign out everywhere: every session of yours ends, this one included, and your open sockets close',
        body: EmptyBody,
        response: { 200: SessionsEnded, 400: ErrorResponse, 401: ErrorResponse },
      },
      preValidation: noBodyIsEmpty,
    },
    async (request, reply) => {
      const user = requireUser(request);
      const sessionsEnded = await people.signOutEverywhere(user);
      onUserChanged(user.id);
      app.clearSessionCookie(reply);
      return { sessionsEnded };
    },
  );

  app.get(
    '/api/invitations/:token',
    {
      schema: {
        tags: ['profile'],
        summary: 'Who an invitation is for, while it can still be accepted (no sign-in needed)',
        params: TokenParams,
        response: { 200: InvitationInfo, 400: ErrorResponse, 410: ErrorResponse },
      },
      // Reached without signing in: the invitation link is the credential.
      config: { public: true, rateLimit: { max: 30, timeWindow: '1 minute' } },
    },
    async (request) => {
      const { user, expiresAt } = await people.invitationInfo(request.params.token);
      return { name: user.name, email: user.email, expiresAt, language: user.language };
    },
  );

  app.post(
    '/api/invitations/:token/accept',
    {
      schema: {
        tags: ['profile'],
        summary: 'Set your password through an invitation link; signs you in (sets the session cookie). 410 when used or expired',
        params: TokenParams,
        body: AcceptInvitationBody,
        response: { 200: LoginResponse, 400: ErrorResponse, 410: ErrorResponse },
      },
      // Reached without signing in: the invitation link is the credential.
      config: { public: true, rateLimit: { max: 10, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      const user = await people.acceptInvitation(request.params.token, request.body.password);
      await app.signIn(reply, user.id, { via: 'invitation' });
      return { user: publicUser(user) };
    },
  );
};
