/**
 * The trace store: one JSON line per ended span in `<workspace>/.nova/traces/<runId>.jsonl`. Each span
 * is written the moment it ends, so a process killed at any point (kill -9, a crash, a closed
 * terminal) leaves a file that reloads up to the last finished span, and a reader keeps every
 * complete line. A payload over the cap goes to its side file first, then the line that names it:
 * a kill between the two leaves an unnamed side file, never a line whose payload is missing.
 */
import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { ensureNovaIgnore } from '../workspace/novaIgnore';
import { spanKinds, type Span, type SpanKind, type SpanProcessor } from './spans';
import { capPayload, isSafeSpanId, payloadInlineCap, sidePayloadFile, traceJson } from './tracedPayload';
import { buildRunTree, type RunTree } from './tree';

const NEWLINE = 0x0a;

const SAFE_RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Where a run's trace lives in a workspace folder. Rejects a run id that could escape the traces folder. */
export function traceFilePath(workspaceFolder: string, runId: string): string {
  if (!SAFE_RUN_ID.test(runId) || runId.includes('..')) throw new Error(`"${runId}" is not a valid run id for a trace file name.`);
  return join(workspaceFolder, '.nova', 'traces', `${runId}.jsonl`);
}

/**
 * Appends each ended span to a JSONL file with one write, before `onSpanEnd` returns. The write is
 * synchronous on purpose: it goes to the page cache in microseconds, and only then is a span "ended"
 * on disk as well as in memory — an asynchronous queue would lose its tail to a kill. The file stays
 * open (append mode) between spans, so a span costs a write, not an open; `flush()` closes it.
 *
 * A failed write keeps its line, and every later one, in memory (in order); the next `flush()`
 * retries them and rejects if it still cannot, so no span is dropped silently.
 */
export class JsonlSpanProcessor implements SpanProcessor {
  #fd: number | undefined;
  /** Lines not on disk because a write failed, oldest first. Until flush() retries, new lines join them. */
  #unwritten: string[] = [];

  constructor(readonly file: string) {}

  onSpanEnd(span: Span): void {
    const line = this.#lineOf(span) + '\n';
    // After a failure, writing waits for flush(), which reports the error and retries in order.
    if (this.#unwritten.length > 0) {
      this.#unwritten.push(line);
      return;
    }
    try {
      this.#write(line);
    } catch {
      this.#unwritten.push(line);
    }
  }

  async flush(): Promise<void> {
    try {
      if (this.#unwritten.length > 0) {
        this.#write(this.#unwritten.join(''));
        this.#unwritten = [];
      }
    } finally {
      this.#close();
    }
  }

  /**
   * The span's line. Only a long line can hold a payload over the cap (a UTF-16 unit of JSON is at
   * most three bytes of UTF-8), so most spans cost one stringify; one whose payload is over the cap
   * has it written to its side file and keeps its size and preview. If the side file cannot be
   * written, the payload stays in the line: bigger, but nothing lost.
   */
  #lineOf(span: Span): string {
    const json = traceJson(span) ?? '{}';
    if (json.length * 3 <= payloadInlineCap || !('payload' in span) || span.payload === undefined || !isSafeSpanId(span.id)) return json;
    const { inline, json: whole } = capPayload(span.payload);
    if (whole === undefined) return json;
    try {
      const side = sidePayloadFile(this.file, span.id);
      this.#ensureFolder();
      mkdirSync(dirname(side), { recursive: true });
      writeFileSync(side, whole);
    } catch {
      return json;
    }
    return traceJson({ ...span, payload: inline }) ?? json;
  }

  #ensureFolder(): void {
    mkdirSync(dirname(this.file), { recursive: true });
    ensureNovaIgnore(dirname(dirname(this.file)));
  }

  #write(text: string): void {
    if (this.#fd === undefined) {
      this.#ensureFolder();
      this.#fd = openSync(this.file, 'a');
    }
    const bytes = Buffer.byteLength(text);
    const written = writeSync(this.#fd, text);
    // A regular file takes the whole write unless the disk is full; then the rest is retried as bytes.
    if (written < bytes) {
      const buffer = Buffer.from(text);
      for (let offset = written; offset < bytes; ) offset += writeSync(this.#fd, buffer, offset);
    }
  }

  #close(): void {
    if (this.#fd === undefined) return;
    const fd = this.#fd;
    this.#fd = undefined;
    closeSync(fd);
  }
}

/** A line of a trace file that could not be read as a span. */
export interface TraceProblem {
  /** 1-based line number in the file. */
  readonly line: number;
  readonly message: string;
}

/** A trace file read back: its spans in file order, their tree, and the lines that were skipped. */
export interface LoadedTrace {
  readonly runId: string;
  readonly spans: Span[];
  readonly tree: RunTree;
  readonly problems: TraceProblem[];
}

const KINDS: ReadonlySet<string> = new Set<SpanKind>(spanKinds);

/**
 * Reads a trace file. Damaged lines — an incomplete last line after a crash, a malformed or foreign
 * line — are reported in `problems` and skipped; only a file that cannot be read at all throws.
 */
export async function loadTrace(file: string): Promise<LoadedTrace> {
  // Read bytes and decode line by line: a newline byte never occurs inside a UTF-8 sequence, and
  // decoding a multi-megabyte file into one string first is several times slower in Node 20.
  const bytes = await readFile(file);
  const spans: Span[] = [];
  const problems: TraceProblem[] = [];
  const ids = new Set<string>();
  let runId: string | undefined;

  for (let start = 0, number = 1; start < bytes.length; number++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const cutOff = newline === -1;
    const end = cutOff ? bytes.length : newline;
    // JSON.parse accepts the '\r' a CRLF file leaves at the end of a line as whitespace.
    const line = bytes.toString('utf8', start, end);
    start = end + 1;
    if (line.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ line: number, message: cutOff ? `incomplete last line, probably cut off while it was written (${reason})` : `not JSON (${reason})` });
      continue;
    }
    const invalid = checkSpan(value);
    const span = value as Span;
    runId ??= invalid ? undefined : span.runId;
    const problem = invalid
      ?? (span.runId !== runId ? `belongs to run "${span.runId}", not "${runId}"` : undefined)
      ?? (ids.has(span.id) ? `repeats span id "${span.id}"` : undefined);
    if (problem) {
      problems.push({ line: number, message: problem });
      continue;
    }
    ids.add(span.id);
    spans.push(span);
  }

  return { runId: runId ?? basename(file, '.jsonl'), spans, tree: buildRunTree(spans), problems };
}

/** The minimum the tree and the views rely on; undefined when the value has it. */
function checkSpan(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not a span object';
  const span = value as Record<string, unknown>;
  if (typeof span.runId !== 'string' || typeof span.id !== 'string') return 'missing runId or id';
  if (typeof span.kind !== 'string' || !KINDS.has(span.kind)) return `unknown span kind ${JSON.stringify(span.kind)}`;
  if (span.parentId !== null && typeof span.parentId !== 'string') return 'parentId must be a span id or null';
  if (typeof span.startedAt !== 'number' || typeof span.endedAt !== 'number') return 'missing startedAt or endedAt';
  return undefined;
}
