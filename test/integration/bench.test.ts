/**
 * The benchmark harness's quick run (`node bench/run.ts --quick`): it must complete, and every
 * correctness check of every scenario must hold (no lost edit, exact texts and tallies). No timing
 * is asserted: benchmarks are not tests.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../bench/lib/results.ts';
import { NODE, ROOT, tempDir } from '../helpers/testServer.ts';

describe('benchmark harness', () => {
  // About 80 s on an idle machine, 266 s at load average 25-30 (docs/benchmarks.md, the quick run): headroom for a loaded CI.
  it('completes a quick run with every correctness check passing', { timeout: 480_000 }, async () => {
    const out = tempDir('bench');
    let output = '';
    const child = spawn(NODE, ['bench/run.ts', '--quick', '--out', out], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code, output.slice(-4000)).toBe(0);

    const file = fs.readdirSync(out).find((name) => name.startsWith('quick-') && name.endsWith('.json'));
    expect(file, 'the raw JSON of the run').toBeDefined();
    const record = JSON.parse(fs.readFileSync(path.join(out, file!), 'utf8')) as RunRecord;
    expect(record.scenarios.map((scenario) => scenario.id)).toEqual([
      'S1',
      'S2',
      'S3',
      'S4',
      'S5',
      'S6',
      'S7',
      'S8',
      'S9',
      'S10',
      'S11',
      'S12',
      'S14',
      'S15',
      'S16',
    ]);
    for (const scenario of record.scenarios) {
      expect(scenario.error, `${scenario.id} ran`).toBeUndefined();
      expect(scenario.measurements.length, `${scenario.id} measured something`).toBeGreaterThan(0);
      for (const measurement of scenario.measurements) {
        // The quick profile is small: every row must still have measured something (edits, ballots,
        // connections, loads), or its checks held over nothing.
        expect(measurement.latency?.count ?? 0, `${scenario.id} ${measurement.server}: samples measured`).toBeGreaterThan(0);
        for (const check of measurement.checks)
          expect(check.ok, `${scenario.id} ${measurement.server}: ${check.name} (${check.detail ?? ''})`).toBe(true);
      }
    }
    expect(fs.readFileSync(path.join(out, 'report.md'), 'utf8')).toContain('## S1:');
    expect(fs.existsSync(path.join(out, 'charts', 'S1.svg'))).toBe(true);
    fs.rmSync(out, { recursive: true, force: true });
  });
});
