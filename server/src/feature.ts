/**
 * A feature (proposals and comments, polls and working groups, the meeting record) plugs into
 * the server through this one shape: its routes, the collaborative document kinds it owns (with
 * who may open them), the maps of the live document it projects, its part of the demo
 * consultation and its schema migrations (which schema.ts collects, in the feature's own range
 * of versions). featureDeclarations.ts collects the kinds and maps and refuses two claims of one.
 */

import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DocumentKind } from '../../shared/documentNames.ts';
import type { LiveMapName } from '../../shared/liveMaps.ts';
import type { AccessResolver, DocumentAccess } from './collab/documentAccess.ts';
import type { Config } from './config.ts';
import type { LiveProjection } from './live/liveProjection.ts';
import type { AgendaItemDays } from './meetingRecord/agendaItemDays.ts';
import type { MeetingLifecycle } from './meetings/meetingLifecycle.ts';
import type { Notifier } from './notifications/notify.ts';
import type { Metrics } from './observability/metrics.ts';
import type { SqlExecutor } from './storage/db.ts';
import type { Migration } from './storage/migrations.ts';
import type { Store } from './storage/store.ts';
import type { User } from './users/userStore.ts';

export interface FeatureContext {
  /** Register routes on it (`http.register(plugin, options)`), as the core does. */
  http: FastifyInstance;
  store: Store;
  collab: Hocuspocus;
  live: LiveProjection;
  access: DocumentAccess;
  config: Config;
  metrics: Metrics;
  log: FastifyBaseLogger;
  /** Meeting events other features act on (closing their open polls when a meeting is archived). */
  meetings: MeetingLifecycle;
  /** An agenda's days, held by a change of its meeting's dates until it commits (meetingRecord/agendaItemDays.ts). */
  agendaDays: AgendaItemDays;
  /** Tells people of an event inside the transaction of the change (the notifications feature sends it later). */
  notify: Notifier;
}

export interface DemoSeedContext {
  store: Store;
  /** The seed's transaction: write through it. */
  tx: SqlExecutor;
  /** Demo users by email. */
  users: Map<string, User>;
  /** The demo consultation's id. */
  meetingId: string;
  /** The app's notifier: the seed's services tell people as they would at run time. */
  notify: Notifier;
}

/** A kind of collaborative document (`{kind}:{id}`) and who may open it. */
export interface DocumentKindDeclaration {
  kind: DocumentKind;
  /** Built once at start from the store: resolves a person's access to the document with that id. */
  access(store: Store): AccessResolver;
}

export interface Feature {
  name: string;
  /** The feature's schema migrations, additive, in its range of versions (see schema.ts). */
  migrations?: Migration[];
  /** The collaborative document kinds this feature owns; each kind in shared/documentNames.ts has exactly one owner. */
  documentKinds?: DocumentKindDeclaration[];
  /**
   * The maps of the live document this feature projects (it gives each a `live.source` and
   * `live.project`s it); each map in shared/liveMaps.ts has exactly one owner.
   */
  liveMaps?: LiveMapName[];
  register(context: FeatureContext): Promise<void>;
  /** Adds this feature's part of the demo consultation, inside the seed's transaction. */
  seedDemo?(context: DemoSeedContext): Promise<void>;
}
