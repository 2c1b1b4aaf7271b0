/**
 * The workspace's trace files as the server's trace methods reach them: a span's whole payload, a
 * run's trace deleted, a rerun's start read from its trace. Every path goes through
 * `traceFilePath` (run ids checked) and `sidePayloadFile` (span ids checked); what is asked of a
 * file that is not there comes back as the protocol's not-found error, not as a crash.
 */
import { rm, stat } from 'node:fs/promises';
import type { Team } from '../core/agents/team';
import { checkHandoffStart, RerunRefused, rerunStart, type HandoffStart, type RerunAsk } from '../core/orchestrator/rerun';
import { loadTrace, traceFilePath, type LoadedTrace } from '../core/trace/jsonl';
import { loadSidePayload, SidePayloadMissing } from '../core/trace/sidePayload';
import { recordedPayload, sidePayloadFolder } from '../core/trace/tracedPayload';
import { novaErrorCodes } from '../protocol/message';
import { NovaRequestError } from './handlers';

/** The trace file of a run; a run id that could name another file is the client's error. */
export function checkedTraceFile(folder: string, runId: string): string {
  try {
    return traceFilePath(folder, runId);
  } catch (error) {
    throw new NovaRequestError(novaErrorCodes.invalidParams, error instanceof Error ? error.message : String(error));
  }
}

/** A run's trace, read back; no such trace is not-found. */
export async function readTrace(folder: string, runId: string, running = false): Promise<LoadedTrace> {
  return loadTrace(checkedTraceFile(folder, runId)).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') throw new NovaRequestError(novaErrorCodes.notFound, running ? `Run ${runId} has not written its trace yet.` : `No trace for run ${runId}.`);
    throw error;
  });
}

/**
 * The whole payload of a span: from its side file when it was over the cap, else from the trace line
 * itself (so a client need not know which). A span with no recorded payload is not-found.
 */
export async function spanPayload(folder: string, runId: string, spanId: string): Promise<unknown> {
  checkedTraceFile(folder, runId);
  try {
    return await loadSidePayload(folder, runId, spanId);
  } catch (error) {
    if (!(error instanceof SidePayloadMissing)) throw new NovaRequestError(novaErrorCodes.invalidParams, error instanceof Error ? error.message : String(error));
    const span = (await readTrace(folder, runId)).spans.find((candidate) => candidate.id === spanId);
    if (!span) throw new NovaRequestError(novaErrorCodes.notFound, `Run ${runId} has no span ${spanId}.`);
    const recorded = recordedPayload('payload' in span ? span.payload : undefined);
    if (recorded && recorded !== 'side file') return recorded.value;
    throw new NovaRequestError(novaErrorCodes.notFound, recorded === 'side file' ? error.message : `Span ${spanId} of run ${runId} has no recorded payload.`);
  }
}

/** Deletes a run's trace file and its side files; false when there was no trace file. */
export async function deleteTrace(folder: string, runId: string): Promise<boolean> {
  const file = checkedTraceFile(folder, runId);
  const existed = await stat(file).then(() => true, () => false);
  // The side files first: a trace file without its payloads would show "in the side file" for nothing.
  await rm(sidePayloadFolder(file), { recursive: true, force: true });
  await rm(file, { force: true });
  return existed;
}

/**
 * The start of a rerun from a handoff recorded in run `ask.runId`, checked against the team as a
 * handoff is. A span that is not a delivered handoff, a receiver no longer in the team and an
 * invalid payload are invalid params; the payload's issues are the error's `issues`.
 */
export async function rerunFromTrace(folder: string, team: Team, ask: RerunAsk): Promise<HandoffStart> {
  const trace = await readTrace(folder, ask.runId);
  try {
    const start = await rerunStart(trace.spans, ask, () => loadSidePayload(folder, ask.runId, ask.spanId));
    const { payload } = checkHandoffStart(team, start);
    return { ...start, payload };
  } catch (error) {
    if (error instanceof RerunRefused) throw new NovaRequestError(novaErrorCodes.invalidParams, error.message, error.issues.length > 0 ? error.issues : undefined);
    if (error instanceof SidePayloadMissing) throw new NovaRequestError(novaErrorCodes.notFound, error.message);
    throw error;
  }
}
