/** Files on disk, content-addressed: files/ab/abcdef…; written to a temporary file while hashed, then renamed. */
import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { finished } from 'node:stream/promises';
import { type FileStore, isSha256, pump, type StoredFile } from './fileStoreTypes.ts';

export class DiskFileStore implements FileStore {
  private readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private pathOf(sha256: string): string {
    return path.join(this.root, sha256.slice(0, 2), sha256);
  }

  async put(source: AsyncIterable<Uint8Array>, maxBytes: number): Promise<StoredFile> {
    const tmpDir = path.join(this.root, 'tmp');
    await mkdir(tmpDir, { recursive: true });
    const tmp = path.join(tmpDir, randomUUID());
    const out = createWriteStream(tmp, { flags: 'wx' });
    try {
      const stored = await pump(source, maxBytes, async (chunk) => {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
      });
      out.end();
      await finished(out);
      const target = this.pathOf(stored.sha256);
      await mkdir(path.dirname(target), { recursive: true });
      // Same bytes already stored: keep the existing file.
      if (await exists(target)) await rm(tmp, { force: true });
      else await rename(tmp, target);
      return stored;
    } catch (error) {
      // A write still in flight fails once the stream is destroyed: that is expected here.
      out.on('error', () => {});
      out.destroy();
      await rm(tmp, { force: true });
      throw error;
    }
  }

  async open(sha256: string): Promise<Readable | null> {
    if (!isSha256(sha256)) return null;
    const file = this.pathOf(sha256);
    if (!(await exists(file))) return null;
    return createReadStream(file);
  }

  async remove(sha256: string): Promise<void> {
    if (isSha256(sha256)) await rm(this.pathOf(sha256), { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  try {
    await stat(file);
    return true;
  } catch {
    return false;
  }
}
