/**
 * Which span a trace panel selects: the one named, or — for a change set that does not name the
 * span that carried it — the run's first delivered handoff (else its first handoff of any status).
 * Pure: Node tests check it.
 */
import type { TraceFocus } from '../../traceViewSession';

interface SpanLike {
  readonly id: string;
  readonly kind: string;
  readonly startedAt: number;
  readonly status?: unknown;
}

/** The span id to focus in `spans`, if any. */
export function focusedSpanId(spans: readonly SpanLike[], focus: TraceFocus | undefined): string | undefined {
  if (!focus) return undefined;
  if ('spanId' in focus) return focus.spanId;
  const handoffs = spans.filter((span) => span.kind === 'handoff').sort((a, b) => a.startedAt - b.startedAt);
  return (handoffs.find((span) => span.status === 'delivered') ?? handoffs[0])?.id;
}
