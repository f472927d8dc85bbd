/**
 * Where file bytes live, behind one interface: on SQLite under DATA_DIR/files, on PostgreSQL in
 * a table of chunks so that every instance serves every file. Files are content-addressed by
 * SHA-256, so two uploads of the same bytes are stored once. Writes stream: a file is never
 * whole in memory. (No S3-compatible server installs from the registries available here, so an
 * S3 store is not built.)
 */
import path from 'node:path';
import type { Store } from '../storage/store.ts';
import { ChunkFileStore } from './chunkFileStore.ts';
import { DiskFileStore } from './diskFileStore.ts';
import type { FileStore } from './fileStoreTypes.ts';

export { type FileStore, FileTooLarge, HEAD_BYTES, isSha256, pump, type StoredFile } from './fileStoreTypes.ts';

export function createFileStore(store: Store, dataDir: string): FileStore {
  return store.db.dialect === 'postgres' ? new ChunkFileStore(store.db) : new DiskFileStore(path.join(dataDir, 'files'));
}
