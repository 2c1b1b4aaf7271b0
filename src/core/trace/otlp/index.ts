/**
 * MERGE SEAM (branch truns only): the OpenTelemetry helper's `encodeOtlpTrace` lives here on its
 * branch (src/core/trace/otlp). This placeholder lets the trace export compile until then; take
 * the OpenTelemetry branch's version of this folder, and drop this file.
 */
import type { Span } from '../spans';

/** An OTLP/HTTP protobuf ExportTraceServiceRequest of `spans` (the OpenTelemetry helper's). */
export function encodeOtlpTrace(spans: readonly Span[]): Uint8Array {
  throw new Error(`The OpenTelemetry export is not on this branch yet (${spans.length} spans not encoded).`);
}
