/** Trace: a run's spans, read back from its trace file (so ended runs, even of an earlier server, can be shown). */
import { z } from 'zod';
import { request } from './message';
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
