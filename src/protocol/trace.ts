/** Trace: a run's spans, read back from its trace file (so ended runs, even of an earlier server, can be shown). */
import { z } from 'zod';
import { notification, request } from './message';
import { SpanShape } from './shapes';

/** nova/trace.get: the spans of a run; damaged lines are reported, not fatal. */
export const traceGet = request(
  'nova/trace.get',
  z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a run id') }),
  z.strictObject({
    runId: z.string(),
    spans: z.array(SpanShape),
    problems: z.array(z.strictObject({ line: z.int(), message: z.string() })),
  }),
);

/**
 * nova/trace.payload: the whole payload of a span whose payload was over the trace's cap, from the
 * side file (`.nova/traces/<runId>.payloads/<spanId>.json`); for one under the cap, the payload its
 * trace line holds. A span with no recorded payload, or a side file that is gone, damaged or a link
 * out of the traces folder (never followed), is notFound (-32001) with a message that says which.
 */
export const tracePayload = request(
  'nova/trace.payload',
  z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a run id'), spanId: z.string().regex(/^[A-Za-z0-9._-]{1,100}$/, 'a span id') }),
  z.strictObject({ payload: z.unknown() }),
);

/**
 * nova/trace.delete: deletes an ended run's trace file and its side files (`deleted` is false when
 * there was no trace file); refused for a running run (conflict, -32002: cancel it first).
 */
export const traceDelete = request('nova/trace.delete', z.strictObject({ runId: z.string().regex(/^[A-Za-z0-9._-]{1,80}$/, 'a run id') }), z.strictObject({ deleted: z.boolean() }));

/**
 * Server → client: a trace was written that no run announced (a team review's batch, collected by
 * this server or left by the last one), so a list of runs is out of date.
 */
export const traceWritten = notification('nova/trace.written', z.strictObject({ runId: z.string().min(1) }));
