/** The shared rendering of the public meeting page: one render per key, bounded, a failure not kept. */
import { describe, expect, it } from 'vitest';
import { PublicPageCache } from '../../server/src/public/publicPageCache.ts';

/** A render whose end the test decides, counting how often it ran. */
function renderer(body: string) {
  let runs = 0;
  let finish: (() => void) | undefined;
  const render = () => {
    runs++;
    return new Promise<string>((resolve) => {
      finish = () => resolve(body);
    });
  };
  return { render, runs: () => runs, finish: () => finish?.() };
}

describe('the public page cache', () => {
  it('renders once for requests arriving while the render runs and after, each given the same page and ETag', async () => {
    const cache = new PublicPageCache();
    const page = renderer('<p>page</p>');
    const waiting = [cache.get('a', page.render), cache.get('a', page.render)];
    page.finish();
    const pages = [...(await Promise.all(waiting)), await cache.get('a', page.render)];
    expect(page.runs()).toBe(1);
    expect(new Set(pages.map((each) => each.etag)).size).toBe(1);
    expect(pages[0]!.body).toBe('<p>page</p>');
  });

  it('keeps no failed render: the next request renders again', async () => {
    const cache = new PublicPageCache();
    await expect(cache.get('a', () => Promise.reject(new Error('store down')))).rejects.toThrow('store down');
    expect((await cache.get('a', async () => 'again')).body).toBe('again');
  });

  it('drops the least recently used page past its count', async () => {
    const cache = new PublicPageCache({ maxEntries: 2 });
    let renders = 0;
    const render = async () => `page ${++renders}`;
    await cache.get('a', render);
    await cache.get('b', render);
    await cache.get('a', render); // a used last: b goes first
    await cache.get('c', render);
    expect(cache.size.entries).toBe(2);
    expect(renders).toBe(3);
    await cache.get('a', render);
    expect(renders).toBe(3);
    await cache.get('b', render);
    expect(renders).toBe(4);
  });

  it('holds no more bytes than its bound', async () => {
    const cache = new PublicPageCache({ maxBytes: 5000 });
    for (const key of ['a', 'b', 'c', 'd']) await cache.get(key, async () => 'x'.repeat(1000));
    expect(cache.size.bytes).toBeLessThanOrEqual(5000);
    expect(cache.size.entries).toBe(2);
  });
});
