/**
 * What `nova trace show` prints under a handoff or a result's validation: the payload that was
 * handed over or submitted, pretty-printed and cut to a screenful, and each issue it was bounced
 * for — so a person reading a trace in a terminal sees what travelled, not only that something did.
 */
import { relative } from 'node:path';
import { isSafeSpanId, recordedPayload, sidePayloadFile, traceJson } from '../core/trace/tracedPayload';
import type { Span, TracedPayload } from '../core/trace/spans';

/** Lines of a payload's JSON shown; the rest is counted. */
const shownLines = 15;
/** Characters of one JSON line shown. */
const lineWidth = 160;

/** The lines to print under `span` (none for spans that carry no payload or issues), without indentation. */
export function payloadLines(span: Span, traceFile: string): string[] {
  const lines: string[] = [];
  const listed = span.kind === 'handoff' ? span.issues : span.kind === 'validation' ? span.issues : undefined;
  const issues = Array.isArray(listed) ? listed.map(String) : [];
  // One short issue is already on the span's line; several, or a long one, get a line each.
  if (issues.length > 1 || (issues[0]?.length ?? 0) > 90) for (const issue of issues) lines.push(`✗ ${clip(issue)}`);
  const payload = span.kind === 'handoff' || span.kind === 'validation' ? span.payload : undefined;
  if (payload) lines.push(...describePayload(payload, span, traceFile));
  return lines;
}

function describePayload(payload: TracedPayload, span: Span, traceFile: string): string[] {
  const what = span.kind === 'validation' ? 'submitted' : span.kind === 'handoff' && span.status === 'delivered' ? 'payload' : 'payload as sent';
  const recorded = recordedPayload(payload);
  const size = typeof payload.bytes === 'number' ? formatBytes(payload.bytes) : 'size unknown';
  if (recorded === 'side file') {
    const side = isSafeSpanId(span.id) ? sidePayloadFile(traceFile, span.id) : undefined;
    const where = side ? `the whole of it is in ${relative(process.cwd(), side) || side}` : 'its side file cannot be named';
    return [`${what} (${size}, over the trace's cap; ${where}):`, `  ${clip(`${String(payload.preview ?? '')}…`)}`];
  }
  if (!recorded) return [`${what}: nothing`];
  const json = (traceJson(recorded.value, 2) ?? 'null').split('\n');
  const shown = json.slice(0, shownLines).map((line) => `  ${clip(line)}`);
  if (json.length > shownLines) shown.push(`  … ${json.length - shownLines} more line${json.length - shownLines === 1 ? '' : 's'}`);
  return [`${what} (${size}):`, ...shown];
}

function clip(line: string): string {
  return line.length > lineWidth ? `${line.slice(0, lineWidth - 1)}…` : line;
}

function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} bytes` : `${(bytes / 1024).toFixed(1)} KiB`;
}
