/**
 * A run's trace exported to a file a person can keep or hand on: JSONL (the trace file itself, made
 * whole — payloads over the trace's cap, kept in side files, are put back inline, so the export
 * stands alone) or OpenTelemetry (an OTLP/HTTP protobuf ExportTraceServiceRequest, for Jaeger,
 * Langfuse or Phoenix). Used by the Runs view and the trace panel alike.
 */
import { readFile } from 'node:fs/promises';
import { loadTrace } from './jsonl';
import { encodeOtlpTrace } from './otlp';
import { isSafeSpanId, sidePayloadFile } from './tracedPayload';

/** The formats a trace is exported in. */
export const traceExportFormats = ['jsonl', 'otlp'] as const;
export type TraceExportFormat = (typeof traceExportFormats)[number];

/** An exported trace: its bytes, how many spans it holds, and what could not be made whole. */
export interface TraceExport {
  readonly bytes: Uint8Array;
  readonly spans: number;
  /** Spans whose side payload file was missing or unreadable: their line keeps the preview only. */
  readonly missingPayloads: readonly string[];
}

/** Reads `traceFile` and exports it as `format`. Throws only when the trace file cannot be read. */
export async function exportTrace(traceFile: string, format: TraceExportFormat): Promise<TraceExport> {
  const trace = await loadTrace(traceFile);
  if (format === 'otlp') return { bytes: encodeOtlpTrace(trace.spans), spans: trace.spans.length, missingPayloads: [] };
  const raw = await readFile(traceFile);
  const outside = trace.spans.filter((span) => payloadOf(span)?.inSideFile === true).map((span) => span.id);
  // Nothing in side files: the export is the file, byte for byte (damaged lines included, as they are).
  if (outside.length === 0) return { bytes: raw, spans: trace.spans.length, missingPayloads: [] };
  return inlineSidePayloads(traceFile, raw.toString('utf8'), new Set(outside), trace.spans.length);
}

/** The trace's lines with each side payload put back into its span; every other line as it was. */
async function inlineSidePayloads(traceFile: string, text: string, outside: ReadonlySet<string>, spans: number): Promise<TraceExport> {
  const missing: string[] = [];
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    const span = parseSpanLine(line);
    const payload = span ? payloadOf(span) : undefined;
    if (!span || !payload || !outside.has(span.id)) {
      lines.push(line);
      continue;
    }
    const value = isSafeSpanId(span.id) ? await readFile(sidePayloadFile(traceFile, span.id), 'utf8').then((json) => JSON.parse(json) as unknown, () => undefined) : undefined;
    if (value === undefined) {
      missing.push(span.id);
      lines.push(line);
      continue;
    }
    lines.push(JSON.stringify({ ...span, payload: { bytes: payload.bytes, value } }));
  }
  return { bytes: Buffer.from(lines.join('\n'), 'utf8'), spans, missingPayloads: missing };
}

interface SpanLine {
  readonly id: string;
  readonly payload?: unknown;
}

function parseSpanLine(line: string): SpanLine | undefined {
  if (line.trim() === '') return undefined;
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null && typeof (value as { id?: unknown }).id === 'string' ? (value as SpanLine) : undefined;
  } catch {
    return undefined;
  }
}

/** A span's traced payload (handoff and validation spans carry one), when it has the shape the trace writes. */
function payloadOf(span: SpanLine | object): { readonly bytes: number; readonly inSideFile?: true } | undefined {
  const payload = (span as { payload?: unknown }).payload;
  if (typeof payload !== 'object' || payload === null || typeof (payload as { bytes?: unknown }).bytes !== 'number') return undefined;
  return payload as { bytes: number; inSideFile?: true };
}
