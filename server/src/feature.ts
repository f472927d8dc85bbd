/**
 * A feature (proposals and comments, polls and working groups, the meeting record) plugs into
 * the server through this one shape: its routes, its collaborative-document permissions, its
 * live projections, its part of the demo consultation and its schema migrations (which
 * schema.ts collects, in the feature's own range of versions).
 */

import type { Hocuspocus } from '@hocuspocus/server';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { DocumentAccess } from './collab/documentAccess.ts';
import type { Config } from './config.ts';
import type { LiveProjection } from './live/liveProjection.ts';
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

export interface Feature {
  name: string;
  /** The feature's schema migrations, additive, in its range of versions (see schema.ts). */
  migrations?: Migration[];
  register(context: FeatureContext): Promise<void>;
  /** Adds this feature's part of the demo consultation, inside the seed's transaction. */
  seedDemo?(context: DemoSeedContext): Promise<void>;
}
