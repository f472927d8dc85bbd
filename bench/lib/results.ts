/** What a scenario reports, per server measured, and the whole run's record (the raw JSON). */
import type { Check, PhaseStats } from './context.ts';
import type { Summary } from './stats.ts';

export interface Measurement {
  /** The server measured (its label). */
  server: string;
  /** Edit-to-remote-apply latency (or the scenario's own latency), milliseconds. */
  latency: Summary | null;
  /** Percentile curve of the latency, for the chart. */
  curve: [number, number][];
  throughput: { value: number; unit: string } | null;
  server_: PhaseStats | null;
  /** CPU of the load generators during the phase (cores). */
  loadCpu: number | null;
  /** Further figures, named. */
  extra: Record<string, number | string>;
  checks: Check[];
  /** The measurement this one is compared with (default: the bare Hocuspocus row). */
  baseline?: string;
}

export interface ScenarioResult {
  id: string;
  title: string;
  target: string;
  /** What exactly was run (sizes, rates, durations). */
  setup: string;
  /** What the latency column measures. */
  latencyLabel: string;
  measurements: Measurement[];
  /** Against the target: met, missed (with by how much), or not applicable. */
  verdict: string;
  met: boolean | null;
  notes: string[];
  error?: string;
  durationMs: number;
}

export interface RunRecord {
  command: string;
  quick: boolean;
  startedAt: string;
  durationMs: number;
  machine: Record<string, string | number>;
  scenarios: ScenarioResult[];
}

export function passed(measurement: Measurement): boolean {
  return measurement.checks.every((check) => check.ok);
}

export function emptyMeasurement(server: string): Measurement {
  return { server, latency: null, curve: [], throughput: null, server_: null, loadCpu: null, extra: {}, checks: [] };
}
