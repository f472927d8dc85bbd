/**
 * The storage backends the contract suite runs against: SQLite in a fresh directory and
 * PostgreSQL in a fresh database of the machine's server.
 */
import path from 'node:path';
import { ALL_MIGRATIONS } from '../../server/src/schema.ts';
import { openStore, type Store } from '../../server/src/storage/store.ts';
import { createTestDatabase } from './services.ts';
import { tempDir } from './testServer.ts';

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated store; a second call on the same backend opens the same database. */
  open(): Promise<Store>;
  /** Drops what `open` created. */
  dispose(): Promise<void>;
}

export function sqliteBackend(): Backend {
  const dir = tempDir('store');
  return {
    name: 'sqlite',
    open: () => openStore({ dataDir: dir, migrations: ALL_MIGRATIONS }),
    dispose: async () => {},
  };
}

export function postgresBackend(label: string): Backend {
  let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
  return {
    name: 'postgres',
    open: async () => {
      database ??= await createTestDatabase(label);
      return openStore({ databaseUrl: database.url, dataDir: path.join(tempDir('unused'), 'x'), migrations: ALL_MIGRATIONS });
    },
    dispose: async () => {
      await database?.drop();
    },
  };
}

export const backends = (label: string): Backend[] => [sqliteBackend(), postgresBackend(label)];
