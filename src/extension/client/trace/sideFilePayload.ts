/**
 * A payload kept beside a trace file (`<runId>.payloads/<spanId>.json` next to `<runId>.jsonl`),
 * read for a trace file opened in the editor, where no server needs to be asked. The span id comes
 * from the page: it is checked to be a plain file name before it names a file.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

const plainName = /^[A-Za-z0-9._-]{1,100}$/;

/** Where the side file of span `spanId` of run `runId` is, for the trace file `traceFile`; throws for an id that is not a plain name. */
export function sideFilePath(traceFile: string, runId: string, spanId: string): string {
  for (const [what, id] of [['run', runId], ['span', spanId]] as const) {
    if (!plainName.test(id) || id.includes('..')) throw new Error(`"${id}" is not a ${what} id a payload file can be named by.`);
  }
  return join(dirname(traceFile), `${runId}.payloads`, `${spanId}.json`);
}

/** The whole payload of one span, from its side file; a missing or damaged file says which and why. */
export async function sideFilePayload(traceFile: string, runId: string, spanId: string): Promise<unknown> {
  const file = sideFilePath(traceFile, runId, spanId);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `The payload of span ${spanId} is not beside the trace (${file} is missing).` : `The payload file ${file} could not be read (${code ?? String(error)}).`, { cause: error });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new Error(`The payload file ${file} is not JSON (${error instanceof Error ? error.message : String(error)}).`, { cause: error });
  }
}
