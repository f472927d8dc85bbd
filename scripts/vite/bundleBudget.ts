/**
 * Fails the client build when an entry point's JavaScript is over its budget (client/budget.json).
 * An entry's JavaScript is the entry chunk and every chunk it imports statically (what the
 * browser fetches before the page can show); chunks loaded on demand (import()) are not counted.
 */
import fs from 'node:fs';
import zlib from 'node:zlib';
import type { OutputBundle, OutputChunk } from 'rolldown';
import type { Plugin } from 'vite';

export interface Budget {
  entries: Record<string, { maxGzipJsBytes: number }>;
}

/** The gzip size of an entry's JavaScript: the chunk and its static imports, each counted once. */
export function entryGzipBytes(bundle: OutputBundle, entry: OutputChunk): number {
  const seen = new Set<string>();
  const visit = (fileName: string): number => {
    if (seen.has(fileName)) return 0;
    seen.add(fileName);
    const chunk = bundle[fileName];
    if (chunk?.type !== 'chunk') return 0;
    return zlib.gzipSync(chunk.code).length + chunk.imports.reduce((sum, imported) => sum + visit(imported), 0);
  };
  return visit(entry.fileName);
}

export function bundleBudget(budgetFile: string): Plugin {
  const budget = JSON.parse(fs.readFileSync(budgetFile, 'utf8')) as Budget;
  return {
    name: 'plenary:bundle-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const over: string[] = [];
      for (const [name, { maxGzipJsBytes }] of Object.entries(budget.entries)) {
        const entry = Object.values(bundle).find(
          (item): item is OutputChunk => item.type === 'chunk' && item.isEntry && item.facadeModuleId?.endsWith(name) === true,
        );
        if (!entry) {
          over.push(`${name}: no such entry in the build`);
          continue;
        }
        const bytes = entryGzipBytes(bundle, entry);
        if (bytes > maxGzipJsBytes) over.push(`${name}: ${bytes} bytes of JavaScript (gzip), budget ${maxGzipJsBytes}`);
      }
      if (over.length > 0) this.error(`Over the budget in client/budget.json:\n  ${over.join('\n  ')}`);
    },
  };
}
