/**
 * Nova's spans as OpenTelemetry spans, one for one, following the GenAI semantic conventions where
 * they name a thing (a run is `invoke_workflow nova`, an activation `invoke_agent <agent>`, a model
 * call `chat <model>`, a tool call `execute_tool <tool>`) and Nova's own attributes under `nova.*`
 * for what they do not (turns, reasoning, handoffs, validations, decisions, escalations, governor
 * stops, the person's edits: internal spans).
 *
 * The result is the SDK's `ReadableSpan` — what its OTLP exporter and serializer take — built from
 * the recorded times and derived ids (ids.ts), never from a tracer's clock: a reloaded trace exports
 * exactly as the live run did. Problems (describeProblems) carry `nova.problem`; those that are
 * failures (a bounce, a refusal, a violation, a governor stop, a failed tool) get status ERROR and
 * `error.type`, so a backend highlights them as errors. An escalation is not a failure: it asks the
 * person, and keeps status UNSET.
 */
import { SpanKind, SpanStatusCode, TraceFlags, type Attributes, type Link, type SpanContext, type SpanStatus } from '@opentelemetry/api';
import { hrTimeDuration, millisToHrTime, type InstrumentationScope } from '@opentelemetry/core';
import { resourceFromAttributes, type Resource } from '@opentelemetry/resources';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import { version } from '../../../../package.json';
import { oneLine } from '../../oneLine';
import { describeProblems } from '../rollup';
import type { Span, TracedPayload } from '../spans';
import { genAi, genAiOperation, genAiProviders, stable } from './conventions';
import { otelSpanId, otelTraceId } from './ids';

/**
 * The longest string attribute, in characters. Backends cap attribute values (Jaeger's UI, the
 * collector's limits, Langfuse's input fields) and a change proposal can be megabytes; the whole
 * payload stays in Nova's trace file, and the attribute says it was cut.
 */
export const maxAttributeChars = 8192;

/** The resource every exported span shares: the serializer groups spans by this very object. */
const novaResource: Resource = resourceFromAttributes({ [stable.serviceName]: 'nova', [stable.serviceVersion]: version });

/** The instrumentation scope of every exported span (also grouped by identity). */
const novaScope: InstrumentationScope = { name: 'nova', version };

/** What a Nova span becomes, before the fields every span shares. */
interface Shape {
  readonly name: string;
  readonly kind?: SpanKind;
  readonly attributes: Attributes;
  /** Set for failures: the `error.type` value, and the span's status is ERROR. */
  readonly errorType?: string;
  /** The status message when no problem summary describes the failure. */
  readonly errorMessage?: string;
  readonly links?: Link[];
}

/** Every span of a run, in the order given. */
export function toOtelSpans(spans: readonly Span[]): ReadableSpan[] {
  return spans.map(toOtelSpan);
}

/** One Nova span as an ended OpenTelemetry span. */
export function toOtelSpan(span: Span): ReadableSpan {
  const traceId = otelTraceId(span.runId);
  const context: SpanContext = { traceId, spanId: otelSpanId(span.runId, span.id), traceFlags: TraceFlags.SAMPLED };
  const shape = shapeOf(span);
  const problem = describeProblems([span])[0]?.summary;
  const status: SpanStatus = shape.errorType === undefined
    ? { code: SpanStatusCode.UNSET }
    : { code: SpanStatusCode.ERROR, message: problem ?? shape.errorMessage ?? shape.errorType };
  const attributes: Attributes = {
    'nova.run.id': span.runId,
    'nova.span.id': span.id,
    'nova.span.kind': span.kind,
    ...(span.agent === undefined ? {} : { [genAi.agentName]: span.agent }),
    ...shape.attributes,
    ...(problem === undefined ? {} : { 'nova.problem': problem }),
    ...(shape.errorType === undefined ? {} : { [stable.errorType]: shape.errorType }),
  };
  const startTime = millisToHrTime(span.startedAt);
  // A clock that stepped back must not give a span a negative duration.
  const endTime = millisToHrTime(Math.max(span.startedAt, span.endedAt));
  return {
    name: shape.name,
    kind: shape.kind ?? SpanKind.INTERNAL,
    spanContext: () => context,
    ...(span.parentId === null ? {} : { parentSpanContext: { traceId, spanId: otelSpanId(span.runId, span.parentId), traceFlags: TraceFlags.SAMPLED, isRemote: false } }),
    startTime,
    endTime,
    duration: hrTimeDuration(startTime, endTime),
    status,
    attributes,
    links: shape.links ?? [],
    events: [],
    ended: true,
    resource: novaResource,
    instrumentationScope: novaScope,
    droppedAttributesCount: 0,
    droppedEventsCount: 0,
    droppedLinksCount: 0,
  };
}

function shapeOf(span: Span): Shape {
  switch (span.kind) {
    case 'run':
      return {
        name: `${genAiOperation.invokeWorkflow} nova`,
        attributes: {
          [genAi.operationName]: genAiOperation.invokeWorkflow,
          [genAi.workflowName]: 'nova',
          'nova.run.task': truncate(span.task),
          'nova.run.entry_agent': span.entryAgent,
          'nova.run.status': span.status,
          ...(span.rerunOf ? { 'nova.rerun_of.run_id': span.rerunOf.runId, 'nova.rerun_of.span_id': span.rerunOf.spanId, 'nova.rerun_of.edited': span.rerunOf.edited } : {}),
        },
        ...(span.status === 'stopped' ? { errorType: 'run_stopped', errorMessage: 'The run stopped without a result.' } : {}),
        // The handoff this run restarted from, in the first run's trace (ids are derived, so it resolves there).
        ...(span.rerunOf ? { links: [link(span.rerunOf.runId, span.rerunOf.spanId, 'rerun_of')] } : {}),
      };
    case 'agent':
      return {
        name: `${genAiOperation.invokeAgent} ${span.agent}`,
        attributes: {
          [genAi.operationName]: genAiOperation.invokeAgent,
          'nova.agent.accepted': span.accepted,
          'nova.agent.outcome': span.outcome,
          ...optional('nova.agent.returned', span.returned),
          ...optional('nova.agent.from', span.from),
          ...(span.provenance ? { 'nova.agent.origin': span.provenance.origin, 'nova.agent.file': span.provenance.file } : {}),
          ...optional('nova.agent.handoff_span_id', span.handoffSpanId),
          ...(span.constitution ? { 'nova.agent.constitution.sha256': span.constitution.sha256, 'nova.agent.constitution.bytes': span.constitution.bytes } : {}),
        },
        ...(span.handoffSpanId ? { links: [link(span.runId, span.handoffSpanId, 'activated_by')] } : {}),
      };
    case 'turn':
      return { name: `turn ${span.agent}`, attributes: { 'nova.turn.index': span.index } };
    case 'model_call': {
      const { usage } = span;
      return {
        name: `${genAiOperation.chat} ${span.model}`,
        // The model is a remote service Nova calls (the offline model stands in for one).
        kind: SpanKind.CLIENT,
        attributes: {
          [genAi.operationName]: genAiOperation.chat,
          [genAi.providerName]: genAiProviders.has(span.provider) ? span.provider : `nova.${span.provider}`,
          [genAi.requestModel]: span.model,
          [genAi.usageInputTokens]: usage.inputTokens + usage.cacheReadTokens + usage.cacheCreationTokens,
          [genAi.usageOutputTokens]: usage.outputTokens,
          [genAi.usageCacheReadInputTokens]: usage.cacheReadTokens,
          [genAi.usageCacheCreationInputTokens]: usage.cacheCreationTokens,
          [genAi.responseFinishReasons]: [span.stopReason],
          'nova.usage.uncached_input_tokens': usage.inputTokens,
          'nova.usage.cost_usd': span.costUsd,
          'nova.model.latency_ms': span.latencyMs,
        },
      };
    }
    case 'reasoning':
      return { name: `reasoning ${span.agent}`, attributes: { 'nova.reasoning.source': span.source, 'nova.reasoning.text': truncate(span.text) } };
    case 'tool_call':
      return {
        name: `${genAiOperation.executeTool} ${span.tool}`,
        attributes: {
          [genAi.operationName]: genAiOperation.executeTool,
          [genAi.toolName]: span.tool,
          [genAi.toolType]: 'function',
          [genAi.toolCallArguments]: truncate(json(span.input)),
          [genAi.toolCallResult]: truncate(span.output),
          'nova.tool.status': span.status,
        },
        ...(span.status === 'ok' ? {} : { errorType: span.status === 'refused' ? 'tool_refused' : 'tool_error', errorMessage: oneLine(span.output, 200) || 'the tool failed' }),
      };
    case 'handoff':
      return {
        name: `handoff ${span.to}`,
        attributes: {
          'nova.handoff.from': span.from,
          'nova.handoff.to': span.to,
          'nova.handoff.contract': span.contract,
          'nova.handoff.reason': truncate(span.reason),
          'nova.handoff.status': span.status,
          'nova.handoff.payload_hash': span.payloadHash,
          ...optional('nova.handoff.detail', span.detail === undefined ? undefined : truncate(span.detail)),
          ...(span.issues && span.issues.length > 0 ? { 'nova.handoff.issues': span.issues.map(truncate) } : {}),
          ...payloadAttributes('nova.handoff', span.payload),
        },
        ...(span.status === 'delivered' ? {} : { errorType: `handoff_${span.status}` }),
      };
    case 'validation':
      return {
        name: `validate ${span.contract}`,
        attributes: {
          'nova.validation.contract': span.contract,
          'nova.validation.direction': span.direction,
          'nova.validation.attempt': span.attempt,
          'nova.validation.verdict': span.verdict,
          ...(span.issues.length > 0 ? { 'nova.validation.issues': span.issues.map(truncate) } : {}),
          ...payloadAttributes('nova.validation', span.payload),
        },
        ...(span.verdict === 'accepted' ? {} : { errorType: span.verdict === 'bounced' ? 'contract_bounced' : 'contract_violation' }),
      };
    case 'decision': {
      const { decision } = span;
      return {
        name: `decision ${decision.kind}`,
        attributes: {
          'nova.decision.kind': decision.kind,
          'nova.decision.owner': decision.owner,
          'nova.decision.outcome': decision.outcome,
          'nova.decision.proposed_outcome': decision.proposedOutcome,
          'nova.decision.rationale': truncate(decision.rationale),
          'nova.decision.settled_by': decision.settledBy,
          'nova.decision.rounds': decision.rounds,
          'nova.decision.opinions': truncate(json(decision.opinions)),
          'nova.decision.dissent': truncate(json(decision.dissent)),
          ...(decision.answers.length > 0 ? { 'nova.decision.answers': truncate(json(decision.answers)) } : {}),
        },
      };
    }
    case 'escalation': {
      const { escalation } = span;
      return {
        name: `escalation ${escalation.decision.kind}`,
        attributes: {
          'nova.escalation.id': escalation.id,
          'nova.escalation.question': truncate(escalation.question),
          'nova.escalation.options': escalation.options.map(truncate),
          'nova.escalation.decision_kind': escalation.decision.kind,
          'nova.escalation.owner': escalation.decision.owner,
          'nova.escalation.proposed_outcome': escalation.decision.outcome,
          'nova.escalation.opinions': truncate(json(escalation.opinions)),
        },
      };
    }
    case 'governor_stop': {
      const { report } = span;
      return {
        name: `governor_stop ${report.reason}`,
        attributes: {
          'nova.stop.reason': report.reason,
          'nova.stop.agent': report.agent,
          'nova.stop.detail': truncate(report.detail),
          ...(report.handoff ? { 'nova.stop.handoff_from': report.handoff.from, 'nova.stop.handoff_to': report.handoff.to, 'nova.stop.handoff_contract': report.handoff.contract } : {}),
          ...(report.steps === undefined ? {} : { 'nova.stop.steps': report.steps }),
          ...(report.tokens === undefined ? {} : { 'nova.stop.tokens': report.tokens }),
          ...(report.costUsd === undefined ? {} : { 'nova.stop.cost_usd': report.costUsd }),
        },
        errorType: report.reason,
      };
    }
    case 'person_change':
      return {
        name: 'person_change',
        attributes: {
          'nova.change.change_set_id': span.changeSetId,
          'nova.change.path': span.path,
          'nova.change.hunk_ids': [...span.hunkIds],
          'nova.change.summary': truncate(span.summary),
        },
      };
    case 'improve_phase':
      return {
        name: `improve ${span.phase}`,
        attributes: { 'nova.improve.phase': span.phase, 'nova.improve.status': span.status, ...optional('nova.improve.detail', span.detail) },
        ...(span.status === 'failed' ? { errorType: 'improve_phase_failed', errorMessage: span.detail ?? `The ${span.phase} phase failed.` } : {}),
      };
    case 'gate':
      return {
        name: `gate ${span.record.gate}`,
        attributes: {
          'nova.gate.name': span.record.gate,
          'nova.gate.status': span.record.status,
          'nova.gate.summary': truncate(span.record.summary),
          'nova.gate.evidence': truncate(span.record.evidence),
          ...optional('nova.gate.command', span.record.command),
          ...(span.record.exitCode === undefined ? {} : { 'nova.gate.exit_code': span.record.exitCode }),
        },
        ...(span.record.status === 'failed' || span.record.status === 'error' ? { errorType: `gate_${span.record.status}`, errorMessage: span.record.summary } : {}),
      };
    case 'protected_write':
      return {
        name: 'protected_write',
        attributes: { 'nova.protected.agent': span.attempt.agent, 'nova.protected.path': span.attempt.path, 'nova.protected.via': span.attempt.via, 'nova.protected.reason': span.attempt.reason },
        errorType: 'protected_path',
        errorMessage: `${span.attempt.agent} tried to change ${span.attempt.path}: ${span.attempt.reason}`,
      };
  }
}

/** A link to a span of `runId`'s trace, saying why it is linked. */
function link(runId: string, spanId: string, relation: string): Link {
  return {
    context: { traceId: otelTraceId(runId), spanId: otelSpanId(runId, spanId), traceFlags: TraceFlags.SAMPLED },
    attributes: { 'nova.link': relation, 'nova.span.id': spanId },
  };
}

/**
 * A traced payload: its JSON (cut at the cap), its size, and whether the attribute holds less than
 * the whole (cut here, or only a preview because the trace keeps it in a side file).
 */
function payloadAttributes(prefix: string, payload: TracedPayload | undefined): Attributes {
  if (!payload) return {};
  const text = payload.value !== undefined ? json(payload.value) : (payload.preview ?? '');
  const partial = payload.value === undefined || text.length > maxAttributeChars;
  return { [`${prefix}.payload`]: truncate(text), [`${prefix}.payload_bytes`]: payload.bytes, ...(partial ? { [`${prefix}.payload_truncated`]: true } : {}) };
}

function optional(key: string, value: string | undefined): Attributes {
  return value === undefined ? {} : { [key]: value };
}

/** `text` within the cap, cut on a whole character and saying how much was left out. */
export function truncate(text: string): string {
  if (text.length <= maxAttributeChars) return text;
  let end = maxAttributeChars;
  const last = text.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end)}… (${text.length - end} more characters in Nova's trace file)`;
}

/** JSON of a value a tool or model produced; one JSON cannot express (a cycle, a bigint) still shows. */
function json(value: unknown): string {
  try {
    return JSON.stringify(value) ?? 'null';
  } catch {
    return String(value);
  }
}
