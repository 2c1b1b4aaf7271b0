/**
 * Reading a payload back from its side file (see tracedPayload.ts), for the panel's "load the whole
 * payload" and for a rerun from a handoff whose payload was over the cap.
 */
import { readFile, realpath } from 'node:fs/promises';
import { dirname, sep } from 'node:path';
import { traceFilePath } from './jsonl';
import { sidePayloadFile } from './tracedPayload';

/** A side file that is missing, unreadable or not JSON. */
export class SidePayloadMissing extends Error {}

/**
 * The whole payload of span `spanId` in run `runId`, from its side file in `<folder>/.nova/traces`.
 * Both ids are checked (no name can leave the traces folder), and so is the real path of the file (a
 * symbolic link out of it is refused).
 */
export async function loadSidePayload(folder: string, runId: string, spanId: string): Promise<unknown> {
  const file = sidePayloadFile(traceFilePath(folder, runId), spanId);
  let text: string;
  try {
    const [real, traces] = await Promise.all([realpath(file), realpath(dirname(dirname(file)))]);
    if (!real.startsWith(traces + sep)) throw new SidePayloadMissing(`The payload file of span ${spanId} in run ${runId} leads out of the traces folder; it is not read.`);
    text = await readFile(real, 'utf8');
  } catch (error) {
    if (error instanceof SidePayloadMissing) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    throw new SidePayloadMissing(code === 'ENOENT' ? `Span ${spanId} of run ${runId} has no payload file (it was never written, or was deleted).` : `The payload file of span ${spanId} in run ${runId} cannot be read: ${code ?? String(error)}`);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new SidePayloadMissing(`The payload file of span ${spanId} in run ${runId} is damaged: ${error instanceof Error ? error.message : String(error)}`);
  }
}
