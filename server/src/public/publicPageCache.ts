/**
 * The rendered public pages (the meeting page, its feed, a version, a poll, the pack), each shared by every
 * reader asking for the same page, language and fingerprint: after a change, a hall's open tabs all fetch the
 * page again, and they cost one render. No public page has anything of its reader in it (no sign-in, no form
 * token: the registration section is a link), so one rendering serves all; what varies is in the key (see
 * docs/public-consultation.md).
 */
import { etagOf } from './contentHash.ts';

export interface RenderedPage {
  /** Text, or bytes (the pack's DOCX). */
  body: string | Buffer;
  /** The ETag of `body` (`etagOf`, as `sendCached` makes it). */
  etag: string;
}

export interface PageCacheLimits {
  /** Pages held at most (least recently used dropped first). */
  maxEntries?: number;
  /** Bytes of pages held at most (a text's UTF-16 length × 2, near enough; a buffer's length). */
  maxBytes?: number;
  /** Called at each render (the renders metric). */
  onRender?: () => void;
}

interface Entry {
  page: Promise<RenderedPage>;
  /** 0 while the render runs (its size is not known yet). */
  bytes: number;
}

export class PublicPageCache {
  private readonly entries = new Map<string, Entry>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly onRender: (() => void) | undefined;
  private bytes = 0;

  constructor({ maxEntries = 256, maxBytes = 32 * 1024 * 1024, onRender }: PageCacheLimits = {}) {
    this.maxEntries = maxEntries;
    this.maxBytes = maxBytes;
    this.onRender = onRender;
  }

  /** Pages held, and their bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.entries.size, bytes: this.bytes };
  }

  /**
   * The page for `key` (which must name everything the page is rendered from, the fingerprint included),
   * rendered once: a request arriving while the render runs joins it (single-flight), and later ones get
   * its result until it is dropped. A failed render is not kept, so the next request renders again.
   */
  get(key: string, render: () => Promise<string | Buffer>): Promise<RenderedPage> {
    const held = this.entries.get(key);
    if (held) {
      // Least recently used first in the map's order: a page asked for moves to the end.
      this.entries.delete(key);
      this.entries.set(key, held);
      return held.page;
    }
    const entry: Entry = { page: this.render(render), bytes: 0 };
    this.entries.set(key, entry);
    entry.page.then(
      ({ body }) => {
        if (this.entries.get(key) !== entry) return;
        entry.bytes = (typeof body === 'string' ? body.length * 2 : body.length) + 64; // never 0: 0 marks a render still running
        this.bytes += entry.bytes;
        this.trim();
      },
      () => {
        if (this.entries.get(key) === entry) this.entries.delete(key);
      },
    );
    this.trim();
    return entry.page;
  }

  private async render(render: () => Promise<string | Buffer>): Promise<RenderedPage> {
    this.onRender?.();
    const body = await render();
    return { body, etag: etagOf(body) };
  }

  /** Drops the least recently used pages past either bound (a render still running is kept: others wait on it). */
  private trim(): void {
    for (const [key, entry] of this.entries) {
      if (this.entries.size <= this.maxEntries && this.bytes <= this.maxBytes) return;
      if (entry.bytes === 0) continue;
      this.entries.delete(key);
      this.bytes -= entry.bytes;
    }
  }
}
