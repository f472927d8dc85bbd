/** The machine a run was made on, for the report. */
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';

export function describeMachine(): Record<string, string | number> {
  let cpu = os.cpus()[0]?.model ?? 'unknown';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpu = match[1].trim();
  } catch {
    // not Linux
  }
  return {
    cpu,
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    openFilesLimit: (() => {
      try {
        return execSync('ulimit -n', { shell: '/bin/sh', encoding: 'utf8' }).trim();
      } catch {
        return 'unknown';
      }
    })(),
    loadAverageAtStart: os
      .loadavg()
      .map((value) => value.toFixed(2))
      .join(' '),
  };
}
