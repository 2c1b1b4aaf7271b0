/** A benchmark figure with its target, and the Markdown table `npm run bench` prints. */
export interface BenchRow {
  readonly what: string;
  readonly value: number;
  readonly unit: 'µs' | 'ms' | 'KB' | 'MB' | 'bytes' | '%' | 'tokens' | 'turns' | '×' | 'findings';
  /** An upper bound; a negative target is a lower bound (at least its absolute value). */
  readonly target?: number;
  readonly samples?: readonly number[];
}

export function formatBenchTable(rows: readonly BenchRow[]): string {
  const lines = ['| what | value | target | | samples |', '|---|---:|---:|---|---|'];
  for (const row of rows) {
    const atLeast = row.target !== undefined && row.target < 0;
    const bound = row.target === undefined ? 0 : Math.abs(row.target);
    const target = row.target === undefined ? '' : `${atLeast ? '≥' : '≤'} ${bound} ${row.unit}`;
    const verdict = row.target === undefined ? '' : (atLeast ? row.value >= bound : row.value <= bound) ? 'met' : 'MISSED';
    lines.push(`| ${row.what} | ${row.value} ${row.unit} | ${target} | ${verdict} | ${row.samples?.join(', ') ?? ''} |`);
  }
  return lines.join('\n');
}

export const median = (values: readonly number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? NaN;
