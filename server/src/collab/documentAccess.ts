/**
 * Who may open which collaborative document, and whether to write or only read.
 * Each document kind has a resolver; features add theirs (proposals add `proposal`).
 */
import type { DocumentKind } from '../../../shared/documentNames.ts';
import { parseDocumentName } from '../../../shared/documentNames.ts';
import { isParticipant } from '../../../shared/roles.ts';
import type { Store } from '../storage/store.ts';
import type { User } from '../users/userStore.ts';

export type Access = 'write' | 'read';

/** Resolves to null when the document does not exist or the user may not open it. */
export type AccessResolver = (user: User, id: string) => Promise<Access | null>;

export class DocumentAccess {
  private readonly resolvers = new Map<DocumentKind, AccessResolver>();

  constructor(store: Store) {
    // The agenda: secretariat, chair and members write; observers read.
    this.resolvers.set('agenda', async (user, meetingId) =>
      (await store.meetings.byId(meetingId)) ? (isParticipant(user.role) ? 'write' : 'read') : null,
    );
    // The live projection: only the server writes it.
    this.resolvers.set('live', async (_user, meetingId) => ((await store.meetings.byId(meetingId)) ? 'read' : null));
  }

  register(kind: DocumentKind, resolver: AccessResolver): void {
    this.resolvers.set(kind, resolver);
  }

  async resolve(user: User, documentName: string): Promise<Access | null> {
    const ref = parseDocumentName(documentName);
    if (!ref) return null;
    const resolver = this.resolvers.get(ref.kind);
    return resolver ? resolver(user, ref.id) : null;
  }
}
