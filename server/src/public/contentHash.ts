/**
 * The short hashes of the public pages: a page's ETag and the meeting's fingerprint. A module of its own so
 * that the page cache and the routes (ETags) and the service (fingerprints) hash alike without one
 * depending on another.
 */
import { sha256 } from '../meetingRecord/versions/versionDigest.ts';

/** The first 128 bits of the content's SHA-256, in hex: enough to tell two pages apart, short enough to send often. */
export const shortHash = (content: string | Buffer): string => sha256(content).slice(0, 32);

/** The strong ETag of a body: its short hash, quoted. */
export const etagOf = (body: string | Buffer): string => `"${shortHash(body)}"`;
