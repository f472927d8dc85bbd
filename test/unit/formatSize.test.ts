/** A document's size as its row says it: bytes in words, then decimal kB, MB and GB, in the reader's language. */
import { describe, expect, it } from 'vitest';
import { formatSize } from '../../client/src/attachments/attachmentsApi.ts';

describe('formatSize', () => {
  it('says bytes in words and larger sizes in decimal units', () => {
    expect(formatSize(1, 'en')).toBe('1 byte');
    expect(formatSize(617, 'en')).toBe('617 bytes');
    expect(formatSize(999, 'en')).toBe('999 bytes');
    expect(formatSize(1_200, 'en')).toBe('1.2 kB');
    expect(formatSize(25_000_000, 'en')).toBe('25 MB');
    // French puts a no-break space (narrow before a symbol) before the unit.
    expect(formatSize(617, 'fr')).toBe('617\u00a0octets');
    expect(formatSize(1_200, 'fr')).toBe('1,2\u202fko');
  });
});
