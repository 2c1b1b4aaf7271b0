/**
 * OpenTelemetry ids for Nova's spans, derived rather than random: the trace id from the run id, a
 * span id from the run id and Nova's span id. Exporting a trace twice (the file, then live, then the
 * file again) gives the same ids, so a backend shows one trace, not three; and a rerun's link to the
 * handoff it restarted from points at a span that exists wherever the first run was exported.
 */
import { createHash } from 'node:crypto';

/** 16 bytes as 32 lowercase hex characters: OpenTelemetry's trace id. */
export function otelTraceId(runId: string): string {
  return nonZero(digest(`nova/run\u0000${runId}`).slice(0, 32));
}

/** 8 bytes as 16 lowercase hex characters: OpenTelemetry's span id. */
export function otelSpanId(runId: string, spanId: string): string {
  return nonZero(digest(`nova/span\u0000${runId}\u0000${spanId}`).slice(0, 16));
}

function digest(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** An all-zero id is invalid in OpenTelemetry; a hash prefix is almost never one, but never is better. */
function nonZero(hex: string): string {
  return /^0+$/.test(hex) ? `${hex.slice(0, -1)}1` : hex;
}
