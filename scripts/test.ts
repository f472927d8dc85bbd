/**
 * The test step of `npm test` (after typecheck and lint).
 *
 * Why two Vitest processes: the end-to-end files run one at a time (one browser on a 2-core
 * machine, `fileParallelism: false`), and Vitest runs a project like that only after every other
 * project has finished, so the suite took the unit and integration time plus the end-to-end time.
 * Here the end-to-end project runs in one process while the unit and integration projects run in
 * the other, one file at a time: two files run at once, as before, and the run lasts as long as the
 * longer of the two. Each process has its own run id, so its own databases and Redis prefix
 * (test/helpers/globalServices.ts), and neither drops the other's.
 *
 * With arguments (`npm test -- test/unit/foo.test.ts`) Vitest runs them as given, in one process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ROOT = path.resolve(import.meta.dirname, '..');
const VITEST = path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs');
const children = new Set<ChildProcess>();

interface Outcome {
  label: string;
  code: number;
  summary: string[];
}

/** Runs `vitest run ARGS`, each output line prefixed with the label; keeps the closing summary to repeat at the end. */
function vitest(label: string, args: string[]): Promise<Outcome> {
  const env = { ...process.env };
  // Piped output is not a terminal: keep the colours a terminal would have shown.
  if (process.stdout.isTTY && env.NO_COLOR === undefined) env.FORCE_COLOR ??= '1';
  const child = spawn(process.execPath, [VITEST, 'run', ...args], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  children.add(child);
  const summary: string[] = [];
  let inSummary = false;
  const forward = (stream: NodeJS.ReadableStream, out: NodeJS.WriteStream) =>
    readline.createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY }).on('line', (line) => {
      // biome-ignore lint/suspicious/noControlCharactersInRegex: colour codes are what is stripped here.
      const plain = line.replace(/\u001b\[[0-9;]*m/g, '');
      if (/^\s*Test Files\s/.test(plain)) inSummary = true;
      if (inSummary && plain.trim() !== '') summary.push(plain.trim());
      out.write(`[${label}] ${line}\n`);
    });
  forward(child.stdout!, process.stdout);
  forward(child.stderr!, process.stderr);
  return new Promise((resolve) => {
    child.on('close', (code, signal) => {
      children.delete(child);
      resolve({ label, code: code ?? (signal ? 1 : 0), summary });
    });
  });
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    for (const child of children) child.kill(signal);
    process.exitCode = 130;
  });
}

const given = process.argv.slice(2);
if (given.length > 0) {
  const child = spawn(process.execPath, [VITEST, 'run', ...given], { cwd: ROOT, stdio: 'inherit' });
  children.add(child);
  child.on('close', (code) => process.exit(code ?? 1));
} else {
  const started = Date.now();
  const outcomes = await Promise.all([
    vitest('unit+integration', ['--project', 'unit', '--project', 'integration', '--maxWorkers', '1']),
    vitest('e2e', ['--project', 'e2e']),
  ]);
  console.log(`\nnpm test: both Vitest processes done in ${Math.round((Date.now() - started) / 1000)} s`);
  for (const { label, code, summary } of outcomes) {
    console.log(`  ${label}: ${code === 0 ? 'passed' : `FAILED (exit ${code})`}`);
    for (const line of summary) console.log(`    ${line}`);
  }
  process.exitCode = outcomes.some((outcome) => outcome.code !== 0) ? 1 : (process.exitCode ?? 0);
}
