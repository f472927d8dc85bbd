/**
 * Random ids for rows written on hot paths (a notification and its email's outbox row for each
 * mention: S16's 500 comments wrote a thousand): bytes from the system's CSPRNG, drawn 4 KiB at a
 * time, as `crypto.randomUUID` draws its own, instead of one `randomBytes` call per id (a Buffer
 * and a native job each, some 30 µs of CPU per comment in S16). Each byte of the pool is used once.
 */
import { randomFillSync } from 'node:crypto';

const POOL_BYTES = 4096;
// Its own memory (not a slice of Node's shared buffer pool), filled before the first id.
const pool = Buffer.alloc(POOL_BYTES);
let used = POOL_BYTES;

/** `bytes` random bytes in base64url, as `randomBytes(bytes).toString('base64url')` gives them. */
export function randomId(bytes: number): string {
  if (!Number.isInteger(bytes) || bytes < 1 || bytes > POOL_BYTES) throw new RangeError(`randomId: ${bytes} bytes`);
  if (used + bytes > POOL_BYTES) {
    randomFillSync(pool);
    used = 0;
  }
  const id = pool.toString('base64url', used, used + bytes);
  used += bytes;
  return id;
}
