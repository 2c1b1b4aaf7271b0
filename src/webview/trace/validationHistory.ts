/**
 * How a payload got through its contract: each attempt of one agent activation at one contract,
 * from the validation spans (and, for handoffs, the bounced handoff spans that hold what was sent
 * on each failed attempt) — "attempt 1: 3 issues, bounced → attempt 2: accepted". DOM-free.
 */
import type { HandoffSpan, Span, TracedPayload, ValidationSpan } from '../../core/trace/spans';
import type { TraceModel, TraceNode } from './traceModel';

/** One attempt: what the check said, and what was checked when the trace kept it. */
export interface Attempt {
  readonly attempt: number;
  readonly verdict: ValidationSpan['verdict'];
  readonly issues: readonly string[];
  readonly payload: TracedPayload | undefined;
  readonly spanId: string;
}

const isKind = <K extends Span['kind']>(node: TraceNode, kind: K): node is TraceNode & { span: Extract<Span, { kind: K }> } => node.span.kind === kind;

/** The attempts behind a handoff or a result validation span, in order; empty for other spans. */
export function validationHistory(model: TraceModel, node: TraceNode): Attempt[] {
  const span = node.span;
  if (span.kind !== 'handoff' && span.kind !== 'validation') return [];
  if (span.kind === 'handoff' && span.status === 'refused') return [];
  const direction = span.kind === 'handoff' ? 'handoff' : span.direction;
  const contract = span.contract;
  const scope = model.activationOf(node) ?? node.parent;
  if (!scope) return [];
  const validations: ValidationSpan[] = [];
  const bounced: HandoffSpan[] = [];
  let delivered: HandoffSpan | undefined;
  for (const at of model.subtree(scope)) {
    if (isKind(at, 'validation') && at.span.direction === direction && at.span.contract === contract) validations.push(at.span);
    if (direction === 'handoff' && isKind(at, 'handoff') && at.span.contract === contract) {
      if (at.span.status === 'bounced') bounced.push(at.span);
      if (at.span.status === 'delivered') delivered = at.span;
    }
  }
  const byStart = (a: Span, b: Span) => a.startedAt - b.startedAt;
  validations.sort((a, b) => a.attempt - b.attempt || byStart(a, b));
  bounced.sort(byStart);
  let nextBounced = 0;
  return validations.map((validation) => {
    let payload = validation.payload;
    if (direction === 'handoff') payload = validation.verdict === 'accepted' ? delivered?.payload : bounced[nextBounced++]?.payload;
    return { attempt: validation.attempt, verdict: validation.verdict, issues: validation.issues, payload, spanId: validation.id };
  });
}

/** The history in one line. */
export function historyText(attempts: readonly Attempt[]): string {
  return attempts
    .map(({ attempt, verdict, issues }) => {
      if (verdict === 'accepted') return `attempt ${attempt}: accepted`;
      const count = `${issues.length} issue${issues.length === 1 ? '' : 's'}`;
      return `attempt ${attempt}: ${count}, ${verdict === 'bounced' ? 'bounced' : 'contract violation'}`;
    })
    .join(' → ');
}
