/** The file store interface and helpers its implementations share, apart from fileStore.ts to avoid a cycle. */
import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';

export interface StoredFile {
  sha256: string;
  size: number;
  /** The first bytes, for telling the type from the content. */
  head: Buffer;
}

export interface FileStore {
  /** Streams `source` into the store; throws FileTooLarge as soon as it passes `maxBytes`. */
  put(source: AsyncIterable<Uint8Array> | Readable, maxBytes: number): Promise<StoredFile>;
  /** The bytes of a stored file, streamed; null when there is no such file. */
  open(sha256: string): Promise<Readable | null>;
  /** Forgets a file (when nothing refers to it any more). */
  remove(sha256: string): Promise<void>;
}

export class FileTooLarge extends Error {
  readonly maxBytes: number;

  constructor(maxBytes: number) {
    super(`The file is larger than ${maxBytes} bytes.`);
    this.maxBytes = maxBytes;
  }
}

export const HEAD_BYTES = 64 * 1024;

/** Counts, hashes and keeps the head of a stream as it passes to `write`. */
export async function pump(
  source: AsyncIterable<Uint8Array>,
  maxBytes: number,
  write: (chunk: Buffer) => Promise<void>,
): Promise<StoredFile> {
  const hash = createHash('sha256');
  const head: Buffer[] = [];
  let headBytes = 0;
  let size = 0;
  for await (const piece of source) {
    const chunk = Buffer.from(piece.buffer, piece.byteOffset, piece.byteLength);
    size += chunk.length;
    if (size > maxBytes) throw new FileTooLarge(maxBytes);
    hash.update(chunk);
    if (headBytes < HEAD_BYTES) {
      head.push(chunk.subarray(0, HEAD_BYTES - headBytes));
      headBytes += Math.min(chunk.length, HEAD_BYTES - headBytes);
    }
    await write(chunk);
  }
  return { sha256: hash.digest('hex'), size, head: Buffer.concat(head) };
}

export const isSha256 = (value: string): boolean => /^[0-9a-f]{64}$/.test(value);
