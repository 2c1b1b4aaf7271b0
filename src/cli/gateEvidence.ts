/**
 * What `nova trace show` prints under a gate: the end of its captured evidence (where a compiler or
 * a test runner prints its verdict) and where its whole log is, so a person reading an improve run
 * in a terminal sees the gate's own output, not only its status.
 */
import type { Span } from '../core/trace/spans';

/** Lines of evidence shown: the last ones; the rest are counted. */
const shownLines = 12;
const lineWidth = 160;

/** The lines to print under `span` (none for spans other than gates), without indentation. */
export function gateEvidenceLines(span: Span): string[] {
  if (span.kind !== 'gate') return [];
  const { record } = span;
  const evidence = record.evidence.replace(/\s+$/, '').split(/\r?\n/);
  if (evidence.length === 1 && evidence[0] === '') return [`evidence: none${record.logFile ? ` (whole log: ${record.logFile})` : ''}`];
  const left = evidence.length - shownLines;
  return [
    `evidence${record.trimmed ? " (the output's decisive part)" : ''}${left > 0 ? `, last ${shownLines} of ${evidence.length} lines` : ''}:`,
    ...evidence.slice(-shownLines).map((line) => `│ ${line.length > lineWidth ? `${line.slice(0, lineWidth - 1)}…` : line}`),
    ...(record.logFile ? [`whole log: ${record.logFile}`] : []),
  ];
}
