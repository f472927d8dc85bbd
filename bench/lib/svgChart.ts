/**
 * A small SVG chart of latency distributions: one line per server, the latency (y) reached at
 * each percentile (x), with the x axis stretched towards the tail (0, 90, 99, 99.9 %) as
 * HdrHistogram plots do, so that the tail people feel is as wide as the median.
 */

const PALETTE = ['#868e96', '#1c7ed6', '#e8590c', '#2f9e44', '#9c36b5', '#c2255c'];

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** x position for a percentile: -log10(1 - p), so 90 % → 1, 99 % → 2, 99.9 % → 3. */
const nines = (p: number) => Math.min(3.2, -Math.log10(Math.max(1e-4, 1 - p / 100)));

function niceMax(value: number): number {
  if (!(value > 0)) return 1;
  const exponent = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * exponent >= value) return step * exponent;
  return 10 * exponent;
}

export function latencyChart(title: string, series: { label: string; curve: [number, number][] }[], unit = 'ms'): string {
  const width = 640;
  const height = 300;
  const left = 56;
  const right = 16;
  const top = 30;
  const bottom = 64;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const drawn = series.filter((s) => s.curve.length > 0);
  // The y axis ends at the highest 99.9th percentile, so that one extreme maximum does not flatten the rest.
  const yTop = niceMax(Math.max(...drawn.flatMap((s) => s.curve.filter(([p]) => p <= 99.9).map(([, v]) => v)), 0.001));
  const x = (p: number) => left + (nines(p) / 3.2) * plotWidth;
  const y = (v: number) => top + plotHeight - (Math.min(v, yTop * 1.05) / yTop) * plotHeight;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  parts.push(`<text x="${left}" y="18" font-size="13" font-weight="600">${escape(title)}</text>`);
  for (let i = 0; i <= 5; i++) {
    const value = (yTop * i) / 5;
    parts.push(`<line x1="${left}" x2="${width - right}" y1="${y(value)}" y2="${y(value)}" stroke="#e9ecef"/>`);
    parts.push(`<text x="${left - 6}" y="${y(value) + 4}" text-anchor="end" fill="#495057">${+value.toPrecision(3)}</text>`);
  }
  for (const p of [0, 50, 90, 99, 99.9]) {
    parts.push(`<line x1="${x(p)}" x2="${x(p)}" y1="${top}" y2="${top + plotHeight}" stroke="#e9ecef"/>`);
    parts.push(`<text x="${x(p)}" y="${top + plotHeight + 14}" text-anchor="middle" fill="#495057">${p}%</text>`);
  }
  parts.push(
    `<text x="${left + plotWidth / 2}" y="${top + plotHeight + 28}" text-anchor="middle" fill="#495057">percentile</text>`,
  );
  parts.push(
    `<text x="14" y="${top + plotHeight / 2}" transform="rotate(-90 14 ${top + plotHeight / 2})" text-anchor="middle" fill="#495057">latency (${unit})</text>`,
  );
  drawn.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const points = s.curve.filter(([p]) => p <= 99.95).map(([p, v]) => `${x(p).toFixed(1)},${y(v).toFixed(1)}`);
    parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points.join(' ')}"/>`);
    const legendX = left + i * 200;
    parts.push(`<rect x="${legendX}" y="${height - 18}" width="12" height="4" fill="${color}"/>`);
    parts.push(`<text x="${legendX + 16}" y="${height - 13}" fill="#212529">${escape(s.label)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
