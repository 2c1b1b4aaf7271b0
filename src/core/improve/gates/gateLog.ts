/**
 * A gate's whole log on disk, and the decisive part of it a record keeps as evidence. Test runners
 * and compilers print their verdict at the end and the first failure near where it happened, so the
 * evidence is the first failure lines and the tail; the record says it was trimmed and names the
 * file that holds everything.
 */
import { createReadStream, createWriteStream, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import type { GateContext } from '../gate';

/** How much of a log a record keeps. */
export const evidenceLimits = { failureLines: 20, tailLines: 60, tailChars: 8000 } as const;

/** A line that reports a failure in the usual runners' words (mocha, jest, node:test/TAP, tsc, assertions). */
const failureLine = /\b(?:fail(?:s|ed|ing|ures?)?|errors?|not ok|assert(?:ion)?\w*)\b|[\u2717\u2716\u00D7\u25CF]/i;
/** …but not a summary that counts none ("0 failing", "0 errors"). */
const noneCounted = /\b0 (?:fail(?:s|ed|ing|ures?)?|errors?)\b/i;

/** A log file a gate writes: the absolute path, and the name the record gives it. */
export interface GateLog {
  readonly file: string;
  /** Relative to the workspace folder when the log folder is the loop's `.nova/improve/<run>/`, else absolute. */
  readonly shown: string;
}

/** Where the gate's log `name` goes (the folder is created). */
export async function gateLog(context: Pick<GateContext, 'logFolder'>, name: string): Promise<GateLog> {
  await fs.mkdir(context.logFolder, { recursive: true });
  const file = path.join(context.logFolder, name);
  const folder = context.logFolder.replace(/\\/g, '/').replace(/\/+$/, '');
  // The loop keeps logs in the workspace folder's `.nova/improve/<run>/`: named from `.nova` on, as the report shows paths.
  const inWorkspace = /(?:^|\/)(\.nova\/improve\/[^/]+)$/.exec(folder)?.[1];
  return { file, shown: inWorkspace ? `${inWorkspace}/${name}` : `${folder}/${name}` };
}

/** A stream into the log, for output that arrives in pieces; `close` resolves once it is all on disk. */
export function logWriter(log: GateLog): { write(text: string): void; close(): Promise<void> } {
  const stream = createWriteStream(log.file, { encoding: 'utf8' });
  let failed: Error | undefined;
  stream.on('error', (error) => (failed = error));
  return {
    write: (text) => {
      if (!failed) stream.write(text);
    },
    close: () =>
      new Promise((resolve, reject) => {
        if (failed) return reject(failed);
        stream.end(() => (failed ? reject(failed) : resolve()));
      }),
  };
}

/** The first failure lines of a log on disk, each with its line number (1-based); read only as far as needed. */
export async function firstFailureLines(file: string, limit: number = evidenceLimits.failureLines): Promise<{ line: number; text: string }[]> {
  const found: { line: number; text: string }[] = [];
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let number = 0;
  for await (const text of lines) {
    number++;
    if (failureLine.test(text) && !noneCounted.test(text)) found.push({ line: number, text: text.trimEnd() });
    if (found.length >= limit) break;
  }
  lines.close();
  return found;
}

/**
 * The evidence from a command's output: all of it when it is short; else the first failure lines
 * (with their line numbers in the log) and the tail. `tail` is the end of the output as kept in
 * memory; `totalChars` how much there was in all.
 */
export async function decisiveOutput(log: GateLog, tail: string, totalChars: number): Promise<{ evidence: string; trimmed: boolean }> {
  const tailLines = tail.replace(/\n$/, '').split('\n');
  const whole = totalChars === tail.length && tailLines.length <= evidenceLimits.tailLines && tail.length <= evidenceLimits.tailChars;
  if (totalChars === 0) return { evidence: 'No output.', trimmed: false };
  if (whole) return { evidence: tail.replace(/\n$/, ''), trimmed: false };
  let kept = tailLines.slice(-evidenceLimits.tailLines).join('\n');
  if (kept.length > evidenceLimits.tailChars) kept = `…${kept.slice(-evidenceLimits.tailChars)}`;
  const failures = await firstFailureLines(log.file);
  const parts = [
    ...(failures.length > 0 ? [`First failure lines (line numbers in ${log.shown}):`, ...failures.map((failure) => `${failure.line}: ${failure.text}`), ''] : []),
    `The last ${kept.split('\n').length} lines of ${totalChars} characters of output (all of it in ${log.shown}):`,
    kept,
  ];
  return { evidence: parts.join('\n'), trimmed: true };
}
