/**
 * Writes a copy of index.html per page that loads a chunk of its own (the meeting page), with
 * `<link rel="modulepreload">` for that chunk and every chunk it imports statically, and
 * `<link rel="preload" as="style">` for their stylesheets; the server sends that copy for the
 * page's routes (server/src/http/clientAssets.ts). The browser then fetches the page's code with
 * the entry's, from the HTML on, instead of once the entry has run and asked for it: on a slow
 * link (issue #15, bench S13) that was a second wave of downloads after the first.
 */
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

/** A chunk and every chunk it imports statically, each once. */
function staticClosure(bundle: OutputBundle, fileName: string, into = new Set<string>()): Set<string> {
  const chunk = bundle[fileName];
  if (into.has(fileName) || chunk?.type !== 'chunk') return into;
  into.add(fileName);
  for (const imported of chunk.imports) staticClosure(bundle, imported, into);
  return into;
}

/** What a page's HTML loads beyond the entry: module paths (suffixes) of what it loads with import(). */
export interface PageLoads {
  /** Preloaded with the entry, from the HTML on. */
  now: string[];
  /**
   * Preloaded once the HTML's own scripts but the largest have arrived (a small script the HTML
   * loads watches their downloads), not when the entry has run: on a slow link these would share it
   * with the entry's chunk and delay it, waiting for the entry to run left the link idle meanwhile,
   * and waiting for the largest too left it idle for the round trip of the next requests.
   */
  next: string[];
}

/** The chunks (each once) that loading these modules with import() fetches. */
function chunksOf(bundle: OutputBundle, modulePaths: string[], error: (message: string) => never): Set<string> {
  const closure = new Set<string>();
  for (const modulePath of modulePaths) {
    const chunk = Object.values(bundle).find(
      (item): item is OutputChunk =>
        item.type === 'chunk' && item.isDynamicEntry && item.facadeModuleId?.endsWith(modulePath) === true,
    );
    if (!chunk) return error(`page preloads: no chunk loads ${modulePath}`);
    staticClosure(bundle, chunk.fileName, closure);
  }
  return closure;
}

/** The stylesheets these chunks import, each once. */
const stylesOf = (bundle: OutputBundle, files: Iterable<string>) =>
  new Set([...files].flatMap((file) => [...((bundle[file] as OutputChunk).viteMetadata?.importedCss ?? [])]));

/**
 * The script that starts the second wave: it waits until every module script and modulepreload of
 * the HTML but `notAwaited` (the largest) has a Resource Timing entry (its response has ended), then
 * adds the links. The largest is then the only download left, and the next wave's first bytes
 * arrive about when it ends: waiting for it as well left the link idle for a round trip between
 * the waves (170-190 ms at 150 ms latency, bench S13 traces). The entry, once it runs, asks for the
 * same modules (firstScreen.ts), which then come from these downloads.
 */
function nextWaveScript(scripts: string[], styles: string[], notAwaited: string): string {
  return `(() => {
  const next = ${JSON.stringify([...scripts.map((file) => [`/${file}`, 'script']), ...styles.map((file) => [`/${file}`, 'style'])])};
  const pending = new Set(
    [...document.querySelectorAll('script[type="module"][src], link[rel="modulepreload"]')]
      .map((element) => element.src || element.href)
      .filter((url) => !url.endsWith(${JSON.stringify(`/${notAwaited}`)})),
  );
  const start = () => {
    observer.disconnect();
    for (const [href, kind] of next) {
      const link = document.createElement('link');
      if (kind === 'script') link.rel = 'modulepreload';
      else Object.assign(link, { rel: 'preload', as: 'style' });
      link.crossOrigin = '';
      link.href = href;
      document.head.append(link);
    }
  };
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) pending.delete(entry.name);
    if (pending.size === 0) start();
  });
  observer.observe({ type: 'resource', buffered: true });
})();
`;
}

/** `pages`: the HTML file to write → what it loads beyond the entry. */
export function pagePreloads(pages: Record<string, PageLoads>): Plugin {
  return {
    name: 'plenary:page-preloads',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const entry = Object.values(bundle).find((item): item is OutputChunk => item.type === 'chunk' && item.isEntry);
      if (html?.type !== 'asset' || !entry) return this.error('page preloads: no index.html or entry chunk in the build');
      const error = (message: string): never => this.error(message);
      const withEntry = staticClosure(bundle, entry.fileName);
      const entryCss = stylesOf(bundle, withEntry);
      for (const [page, loads] of Object.entries(pages)) {
        const bySize = (files: Iterable<string>) =>
          [...files]
            .filter((file) => !withEntry.has(file))
            // The largest first: on a link of few connections it is the one that finishes last.
            .sort((a, b) => (bundle[b] as OutputChunk).code.length - (bundle[a] as OutputChunk).code.length);
        const scripts = bySize(chunksOf(bundle, loads.now, error));
        const styles = [...stylesOf(bundle, scripts)].filter((file) => !entryCss.has(file));
        const nextScripts = bySize(chunksOf(bundle, loads.next, error)).filter((file) => !scripts.includes(file));
        const nextStyles = [...stylesOf(bundle, nextScripts)].filter((file) => !entryCss.has(file) && !styles.includes(file));
        const links = [
          ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
          ...styles.map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
        ];
        const size = (file: string) => (bundle[file] as OutputChunk).code.length;
        const largest = [...withEntry, ...scripts].reduce((a, b) => (size(b) > size(a) ? b : a));
        if (nextScripts.length > 0) {
          const name = `${page.replace(/\.html$/, '')}-next`;
          const referenceId = this.emitFile({
            type: 'asset',
            name: `${name}.js`,
            source: nextWaveScript(nextScripts, nextStyles, largest),
          });
          // After the links it watches; async: it runs as soon as it arrives, the parser does not wait for it.
          links.push(`<script async src="/${this.getFileName(referenceId)}"></script>`);
        }
        const source = String(html.source).replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
        this.emitFile({ type: 'asset', fileName: page, source });
      }
    },
  };
}
