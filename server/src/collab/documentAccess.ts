/**
 * Who may open which collaborative document, and whether to write or only read.
 * Each document kind has a resolver, declared by the feature that owns the kind
 * (Feature.documentKinds, collected by featureDeclarations.ts).
 *
 * Access is decided when a connection authenticates. When a command changes who may write a
 * document (a proposal's co-authors), `changed` checks that document's open connections again,
 * on every instance, and closes those whose access is no longer what they were given: they
 * reconnect and authenticate again, and get the new access.
 */

import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Hocuspocus } from '@hocuspocus/server';
import { CLOSE_EVENTS } from '../../../shared/closeEvents.ts';
import type { DocumentKind } from '../../../shared/documentNames.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { isParticipant } from '../../../shared/roles.ts';
import type { ClusterBus } from '../cluster/clusterBus.ts';
import type { User } from '../users/userStore.ts';
import type { Access, CollabContext } from './context.ts';

export type { Access };

/** Resolves to null when the document does not exist or the user may not open it. */
export type AccessResolver = (user: User, id: string) => Promise<Access | null>;

/** Connections checked again per event-loop turn (each check may be a query). */
const CONNECTIONS_PER_TURN = 200;

export class DocumentAccess {
  private readonly resolvers: ReadonlyMap<DocumentKind, AccessResolver>;
  private readonly readOnlyRules: ((documentName: string) => Promise<boolean>)[] = [];
  private readonly readableRules: ((user: User, documentName: string) => Promise<boolean>)[] = [];
  private readonly changeListeners: ((documentName: string) => void)[] = [];
  private collab: Hocuspocus | null = null;
  private bus: ClusterBus | null = null;

  /** `resolvers`: one per document kind, from the features' declarations. */
  constructor(resolvers: ReadonlyMap<DocumentKind, AccessResolver>) {
    this.resolvers = resolvers;
  }

  /** A rule that makes documents read-only for everyone, whatever their role (an archived meeting's). */
  readOnlyWhen(rule: (documentName: string) => Promise<boolean>): void {
    this.readOnlyRules.push(rule);
  }

  /**
   * A rule every document must pass for the person to open it at all, whatever its kind's resolver
   * says (a meeting a public registrant may not read: meetings/meetingsFeature.ts).
   */
  readableWhen(rule: (user: User, documentName: string) => Promise<boolean>): void {
    this.readableRules.push(rule);
  }

  /**
   * `listener` hears of every committed change announced for a document, on this instance or
   * (through the bus) another: what it keeps of the document's rules (an agenda's meeting days) it reads again.
   */
  onChanged(listener: (documentName: string) => void): void {
    this.changeListeners.push(listener);
  }

  /** Called once the collaboration server (and, with several instances, the bus) exists. */
  attach(collab: Hocuspocus, bus: ClusterBus | null): void {
    this.collab = collab;
    this.bus = bus;
    if (!bus) return;
    bus.on('documentAccessChanged', ({ documentName }) => void this.recheck(documentName));
    // Changes announced while Redis was down are lost: check every open document again.
    bus.onReconnect(() => {
      for (const documentName of collab.documents.keys()) void this.recheck(documentName);
    });
  }

  /** Call after a committed change of who may open or write `documentName`, or of what may be written in it. */
  changed(documentName: string): void {
    void this.recheck(documentName);
    this.bus?.publish('documentAccessChanged', { documentName });
  }

  async resolve(user: User, documentName: string): Promise<Access | null> {
    const ref = parseDocumentName(documentName);
    if (!ref) return null;
    const resolver = this.resolvers.get(ref.kind);
    const access = resolver ? await resolver(user, ref.id) : null;
    if (access === null) return null;
    for (const rule of this.readableRules) if (!(await rule(user, documentName))) return null;
    // Whatever a resolver says (authorship, membership), an observer never writes.
    if (access === 'write' && !isParticipant(user.role)) return 'read';
    if (access === 'write') {
      for (const rule of this.readOnlyRules) if (await rule(documentName)) return 'read';
    }
    return access;
  }

  /** Closes this instance's connections to the document whose access differs from what it is now. */
  private async recheck(documentName: string): Promise<void> {
    for (const listener of this.changeListeners) listener(documentName);
    const document = this.collab?.documents.get(documentName);
    if (!document) return;
    // One lookup per person, however many tabs they have open on the document.
    const byUser = new Map<string, Access | null | undefined>();
    let checked = 0;
    for (const connection of document.getConnections()) {
      if (++checked % CONNECTIONS_PER_TURN === 0) await nextTurn();
      const context = connection.context as CollabContext | undefined;
      const user = context?.user;
      if (!user) continue;
      if (!byUser.has(user.id)) byUser.set(user.id, await this.resolve(user, documentName).catch(() => undefined));
      const access = byUser.get(user.id);
      if (access === undefined) continue; // the store did not answer: the next change or reconnection checks again
      // A read-only credential (a read-scoped API token) stays read-only whatever the role allows.
      if (access === null || (access === 'write' && !context.readOnly) === connection.readOnly)
        connection.webSocket.close(CLOSE_EVENTS.unauthorized.code, CLOSE_EVENTS.unauthorized.reason);
    }
  }
}
