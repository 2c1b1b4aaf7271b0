/**
 * The trace panel's messages (the `nova.trace` webview panel and custom editor). The extension
 * tells the page what a run's trace holds — first all of it, then, while the run is live, each
 * span as it ends — and the page asks for what it shows on demand: a payload kept in a side file,
 * a hunk revealed in the editor, a rerun from a handoff, an export. The page never names a file:
 * runs, spans, change sets and hunks go by id, and the extension resolves and checks each.
 */
import { z } from 'zod';
import { SpanShape } from '../shapes';
import { toWebview, webviewRequest } from './message';

const RunId = z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a run id');
const SpanId = z.string().min(1).max(100);
const Nothing = z.null();

/** A line of the trace file that could not be read (a crash cut it off, a foreign line). */
export const TraceFileProblem = z.strictObject({ line: z.int().min(1), message: z.string() });

/** A hunk a handoff (or result) produced, as the panel lists it under that span. */
export const ProducedHunk = z.strictObject({
  changeSetId: z.string().min(1).max(200),
  hunkId: z.string().min(1).max(200),
  path: z.string(),
  startLine: z.int().min(1),
  status: z.enum(['pending', 'accepted', 'rejected', 'conflict', 'superseded']),
  /** One line: "+3 −1 lines" and the first changed line. */
  summary: z.string(),
});
export type ProducedHunk = z.infer<typeof ProducedHunk>;

/** trace/load: the whole trace of one run; `live` while the run is still going (trace/spans follow). */
export const traceLoad = toWebview(
  'trace/load',
  z.strictObject({
    runId: RunId,
    spans: z.array(SpanShape),
    fileProblems: z.array(TraceFileProblem),
    live: z.boolean(),
    /** Span to select and scroll to ("Why?", a change set opened for review). */
    focus: SpanId.optional(),
    /** Hunks each span produced, by span id. */
    hunks: z.record(z.string(), z.array(ProducedHunk)),
  }),
);

/** trace/spans: spans that ended since (live runs); appended in order. */
export const traceSpans = toWebview('trace/spans', z.strictObject({ runId: RunId, spans: z.array(SpanShape) }));

/** trace/ended: the live run ended (the page stops showing it as running). */
export const traceEnded = toWebview('trace/ended', z.strictObject({ runId: RunId }));

/** trace/hunks: the hunks a span produced changed (a run ended and stored its proposals, a hunk was decided). */
export const traceHunks = toWebview('trace/hunks', z.strictObject({ runId: RunId, hunks: z.record(z.string(), z.array(ProducedHunk)) }));

/** trace/focus: select a span and scroll to it (the panel was already open). */
export const traceFocus = toWebview('trace/focus', z.strictObject({ spanId: SpanId }));

/** trace/payload: the whole payload of a span whose payload is in the side file. */
export const tracePayload = webviewRequest('trace/payload', z.strictObject({ spanId: SpanId }), z.strictObject({ payload: z.unknown() }));

/** trace/revealHunk: opens the hunk's file in the editor at the hunk (the person reviews it there). */
export const traceRevealHunk = webviewRequest('trace/revealHunk', z.strictObject({ changeSetId: z.string().min(1).max(200), hunkId: z.string().min(1).max(200) }), Nothing);

/**
 * trace/rerun: "Rerun from here" — a new run at the receiver of a delivered handoff, with its
 * recorded payload or the person's edit of it (`payload`, validated against the contract: when it
 * is not valid the answer carries the issues and no run starts).
 */
export const traceRerun = webviewRequest(
  'trace/rerun',
  z.strictObject({ spanId: SpanId, payload: z.unknown().optional() }),
  z.union([z.strictObject({ runId: RunId }), z.strictObject({ issues: z.array(z.string()).min(1) })]),
);

/** trace/openRun: opens another run's trace (the run this one reran from, or a rerun of it). */
export const traceOpenRun = webviewRequest('trace/openRun', z.strictObject({ runId: RunId, spanId: SpanId.optional() }), Nothing);

/** trace/export: saves the trace as JSONL or OpenTelemetry (OTLP protobuf), asking where. */
export const traceExport = webviewRequest('trace/export', z.strictObject({ format: z.enum(['jsonl', 'otlp']) }), Nothing);

/** trace/copy: puts text on the clipboard (a payload, a span's JSON). */
export const traceCopy = webviewRequest('trace/copy', z.strictObject({ text: z.string().max(10_000_000) }), Nothing);

/** Every request the trace page may send: the extension answers each. */
export const traceRequests = [tracePayload, traceRevealHunk, traceRerun, traceOpenRun, traceExport, traceCopy] as const;
