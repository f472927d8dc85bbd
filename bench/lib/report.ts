/**
 * BENCHMARKS.md (or the report of a quick run): machine, command, date, a summary against the
 * targets, then per scenario a table (p50, p95, p99, throughput, server CPU and memory, ratio to
 * the baseline), a chart of the latency distribution and the correctness checks. The raw JSON is
 * written beside it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Measurement, RunRecord, ScenarioResult } from './results.ts';
import { passed } from './results.ts';
import { latencyChart } from './svgChart.ts';

const fmt = (value: number | undefined, digits = 2) =>
  value === undefined || !Number.isFinite(value)
    ? '–'
    : value >= 100
      ? value.toFixed(0)
      : value >= 10
        ? value.toFixed(1)
        : value.toFixed(digits);

const BASELINE = 'bare Hocuspocus';

function ratio(m: Measurement, base: Measurement | undefined): string {
  if (!base || m === base || !m.latency || !base.latency || !(base.latency.p99 > 0)) return '–';
  return `${(m.latency.p99 / base.latency.p99).toFixed(2)}×`;
}

function throughput(m: Measurement): string {
  if (!m.throughput) return '–';
  const { value, unit } = m.throughput;
  return `${value >= 1000 ? Math.round(value).toLocaleString('en-US') : fmt(value)} ${unit}`;
}

function checksCell(m: Measurement): string {
  if (m.checks.length === 0) return '–';
  const failed = m.checks.filter((check) => !check.ok);
  return failed.length === 0 ? `✅ ${m.checks.length}/${m.checks.length}` : `❌ ${failed.map((check) => check.name).join('; ')}`;
}

function scenarioSection(result: ScenarioResult, chartPath: string | null): string {
  const lines: string[] = [];
  lines.push(`## ${result.id}: ${result.title}`, '');
  lines.push(`**Target:** ${result.target}  `);
  lines.push(`**Result:** ${result.met === true ? '✅ met' : result.met === false ? '❌ not met' : '–'}: ${result.verdict}`, '');
  lines.push(`**What ran:** ${result.setup}`, '');
  if (result.error) lines.push(`**The scenario failed:** \`${result.error.replace(/`/g, "'").slice(0, 600)}\``, '');
  const baseOf = (m: Measurement) => result.measurements.find((other) => other.server === (m.baseline ?? BASELINE));
  lines.push(`Latency: ${result.latencyLabel}, milliseconds.`, '');
  lines.push(
    '| server | p50 | p95 | p99 | max | throughput | server CPU | server RSS | heap | event-loop delay p99 | load-generator CPU | p99 vs bare | correctness |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const m of result.measurements) {
    const s = m.server_;
    lines.push(
      `| ${m.server} | ${fmt(m.latency?.p50)} | ${fmt(m.latency?.p95)} | ${fmt(m.latency?.p99)} | ${fmt(m.latency?.max)} | ${throughput(m)} | ${s ? `${Math.round(s.cpu * 100)} %` : '–'} | ${s ? `${s.rssMb.toFixed(0)} MB` : '–'} | ${s ? `${s.heapMb.toFixed(0)} MB` : '–'} | ${s ? `${fmt(s.eventLoopP99Ms)} ms` : '–'} | ${m.loadCpu === null ? '–' : `${Math.round(m.loadCpu * 100)} %`} | ${ratio(m, baseOf(m))} | ${checksCell(m)} |`,
    );
  }
  lines.push('');
  if (chartPath) lines.push(`![${result.id} latency distribution](${chartPath})`, '');
  const extraKeys = [...new Set(result.measurements.flatMap((m) => Object.keys(m.extra)))];
  if (extraKeys.length > 0) {
    lines.push(`| figure | ${result.measurements.map((m) => m.server).join(' | ')} |`);
    lines.push(`| --- | ${result.measurements.map(() => '---:').join(' | ')} |`);
    for (const key of extraKeys) {
      lines.push(
        `| ${key} | ${result.measurements.map((m) => (m.extra[key] === undefined ? '–' : typeof m.extra[key] === 'number' ? fmt(m.extra[key] as number) : String(m.extra[key]))).join(' | ')} |`,
      );
    }
    lines.push('');
  }
  const checkLines = result.measurements.flatMap((m) =>
    m.checks.map((check) => `- ${check.ok ? '✅' : '❌'} ${m.server}: ${check.name}${check.detail ? ` (${check.detail})` : ''}`),
  );
  if (checkLines.length > 0)
    lines.push('<details><summary>Correctness checks</summary>', '', ...checkLines, '', '</details>', '');
  for (const note of result.notes) lines.push(`> ${note}`, '');
  return lines.join('\n');
}

export interface ReportFiles {
  /** The Markdown report. */
  markdown: string;
  /** Directory of the JSON and the charts. */
  dataDir: string;
  /** How the Markdown refers to the charts' directory. */
  chartsLink: string;
  /** Written verbatim between the summary and the scenarios (how it measures; improvements). */
  preamble: string;
  appendix: string;
}

export function writeReport(record: RunRecord, files: ReportFiles): void {
  const chartsDir = path.join(files.dataDir, 'charts');
  fs.mkdirSync(chartsDir, { recursive: true });
  const stamp = record.startedAt.replace(/[:.]/g, '-');
  fs.writeFileSync(path.join(files.dataDir, `${record.quick ? 'quick' : 'full'}-${stamp}.json`), JSON.stringify(record));
  const lines: string[] = [];
  lines.push('# Benchmarks', '');
  lines.push(
    `Made by \`${record.command}\` on ${record.startedAt.slice(0, 16).replace('T', ' ')} UTC (${(record.durationMs / 60_000).toFixed(1)} min). Raw figures: \`${path.join(files.chartsLink, '..')}/${record.quick ? 'quick' : 'full'}-${stamp}.json\`.`,
    '',
  );
  lines.push('| machine | |', '| --- | --- |');
  for (const [key, value] of Object.entries(record.machine)) lines.push(`| ${key} | ${value} |`);
  lines.push(`| command | \`${record.command}\` |`, `| date | ${record.startedAt} |`, '');
  lines.push('## Summary', '', '| # | scenario | target | result | |', '| --- | --- | --- | --- | --- |');
  for (const result of record.scenarios) {
    const ok = result.met === true ? '✅' : result.met === false ? '❌' : '–';
    const failing = result.measurements.filter((m) => !passed(m)).map((m) => m.server);
    const correct = result.error
      ? ' (the scenario failed to run)'
      : failing.length > 0
        ? ` (correctness check failed: ${failing.join(', ')})`
        : '';
    lines.push(`| ${result.id} | ${result.title} | ${result.target} | ${result.verdict}${correct} | ${ok} |`);
  }
  lines.push('', files.preamble.trim(), '');
  for (const result of record.scenarios) {
    const curves = result.measurements.filter((m) => m.curve.length > 0);
    let chart: string | null = null;
    if (curves.length > 0) {
      const file = `${result.id}.svg`;
      fs.writeFileSync(
        path.join(chartsDir, file),
        latencyChart(
          `${result.id}: ${result.latencyLabel}`,
          curves.map((m) => ({ label: m.server, curve: m.curve })),
        ),
      );
      chart = `${files.chartsLink}/${file}`;
    }
    lines.push(scenarioSection(result, chart));
  }
  if (files.appendix.trim()) lines.push(files.appendix.trim(), '');
  fs.writeFileSync(files.markdown, lines.join('\n'));
}
