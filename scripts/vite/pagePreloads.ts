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

/** `pages`: the HTML file to write → the paths (suffixes) of the modules the page loads with import(). */
export function pagePreloads(pages: Record<string, string[]>): Plugin {
  return {
    name: 'plenary:page-preloads',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const html = bundle['index.html'];
      const entry = Object.values(bundle).find((item): item is OutputChunk => item.type === 'chunk' && item.isEntry);
      if (html?.type !== 'asset' || !entry) return this.error('page preloads: no index.html or entry chunk in the build');
      const withEntry = staticClosure(bundle, entry.fileName);
      const entryCss = new Set(
        [...withEntry].flatMap((file) => [...((bundle[file] as OutputChunk).viteMetadata?.importedCss ?? [])]),
      );
      for (const [page, modulePaths] of Object.entries(pages)) {
        const closure = new Set<string>();
        for (const modulePath of modulePaths) {
          const chunk = Object.values(bundle).find(
            (item): item is OutputChunk =>
              item.type === 'chunk' && item.isDynamicEntry && item.facadeModuleId?.endsWith(modulePath) === true,
          );
          if (!chunk) return this.error(`page preloads: no chunk loads ${modulePath}`);
          staticClosure(bundle, chunk.fileName, closure);
        }
        const scripts = [...closure]
          .filter((file) => !withEntry.has(file))
          // The largest first: on a link of few connections it is the one that finishes last.
          .sort((a, b) => (bundle[b] as OutputChunk).code.length - (bundle[a] as OutputChunk).code.length);
        const styles = [
          ...new Set(scripts.flatMap((file) => [...((bundle[file] as OutputChunk).viteMetadata?.importedCss ?? [])])),
        ].filter((file) => !entryCss.has(file));
        // crossorigin as Vite's own links have it, so that the chunk loader finds these in the cache.
        const links = [
          ...scripts.map((file) => `<link rel="modulepreload" crossorigin href="/${file}">`),
          ...styles.map((file) => `<link rel="preload" as="style" crossorigin href="/${file}">`),
        ];
        const source = String(html.source).replace('</head>', `  ${links.join('\n    ')}\n  </head>`);
        this.emitFile({ type: 'asset', fileName: page, source });
      }
    },
  };
}
