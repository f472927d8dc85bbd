/**
 * Files in the database as 256 KiB chunks, so that every instance serves every file. A file is
 * written under a temporary key while hashed, then renamed to its SHA-256 in one transaction.
 */
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type Db, UniqueViolation } from '../storage/db.ts';
import { type FileStore, isSha256, pump, type StoredFile } from './fileStoreTypes.ts';

const CHUNK_BYTES = 256 * 1024;

export class ChunkFileStore implements FileStore {
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
  }

  async put(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredFile> {
    const key = `tmp-${randomUUID()}`;
    let seq = 0;
    let pending: Buffer[] = [];
    let pendingBytes = 0;
    const flush = async () => {
      if (pendingBytes === 0) return;
      const data = Buffer.concat(pending, pendingBytes);
      pending = [];
      pendingBytes = 0;
      await this.db.run('INSERT INTO file_chunks (file_key, seq, data) VALUES (?, ?, ?)', [key, seq++, data]);
    };
    try {
      const stored = await pump(source, maxBytes, async (chunk) => {
        let rest = chunk;
        while (rest.length > 0) {
          const take = Math.min(rest.length, CHUNK_BYTES - pendingBytes);
          pending.push(rest.subarray(0, take));
          pendingBytes += take;
          rest = rest.subarray(take);
          if (pendingBytes === CHUNK_BYTES) await flush();
        }
      });
      await flush();
      try {
        await this.db.transaction(async (tx) => {
          const known = await tx.get('SELECT 1 AS ok FROM stored_files WHERE sha256 = ?', [stored.sha256]);
          if (known) {
            await tx.run('DELETE FROM file_chunks WHERE file_key = ?', [key]);
            return;
          }
          await tx.run('INSERT INTO stored_files (sha256, size, created_at) VALUES (?, ?, ?)', [
            stored.sha256,
            stored.size,
            Date.now(),
          ]);
          await tx.run('UPDATE file_chunks SET file_key = ? WHERE file_key = ?', [stored.sha256, key]);
        });
      } catch (error) {
        // The same bytes were stored at the same moment by another upload.
        if (!(error instanceof UniqueViolation)) throw error;
        await this.db.run('DELETE FROM file_chunks WHERE file_key = ?', [key]);
      }
      return stored;
    } catch (error) {
      await this.db.run('DELETE FROM file_chunks WHERE file_key = ?', [key]).catch(() => {});
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!isSha256(sha256)) return null;
    const known = await this.db.get('SELECT 1 AS ok FROM stored_files WHERE sha256 = ?', [sha256]);
    if (!known) return null;
    const db = this.db;
    // One chunk in memory at a time.
    async function* chunks() {
      for (let seq = 0; ; seq++) {
        const row = await db.get<{ data: Uint8Array }>('SELECT data FROM file_chunks WHERE file_key = ? AND seq = ?', [
          sha256,
          seq,
        ]);
        if (!row) return;
        yield Buffer.from(row.data);
      }
    }
    return Readable.from(chunks());
  }

  async remove(sha256: string): Promise<void> {
    if (!isSha256(sha256)) return;
    await this.db.transaction(async (tx) => {
      await tx.run('DELETE FROM file_chunks WHERE file_key = ?', [sha256]);
      await tx.run('DELETE FROM stored_files WHERE sha256 = ?', [sha256]);
    });
  }
}
