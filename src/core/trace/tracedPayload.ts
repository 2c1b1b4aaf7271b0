/**
 * How a payload is kept in a trace (see `TracedPayload` in spans.ts). Spans in memory and live views
 * carry the whole payload; the JSONL store keeps it inline up to {@link payloadInlineCap} and moves a
 * bigger one to a side file, `.nova/traces/<runId>.payloads/<spanId>.json`, leaving its size and a
 * preview in the line.
 *
 * Why 16 KiB of JSON: a ChangeProposal of a few dozen hunks, a RoutedTask or a review verdict are a
 * few KiB, so what a person usually opens is in the line itself (no second read, and `nova trace show`
 * or a plain `grep` sees it); a whole-file rewrite of a large module is hundreds of KiB, and inlining
 * that would make every reload of a long run pay for it. At 16 KiB a trace line stays one write of
 * the page cache's size class, and the panel loads the rare big payload on demand.
 */
import { join } from 'node:path';
import type { TracedPayload } from './spans';

/** Payloads up to this many bytes of JSON stay in the trace line; bigger ones go to the side file. */
export const payloadInlineCap = 16 * 1024;

/** Characters of a side-filed payload's JSON kept in the line, so a reader sees how it starts. */
export const payloadPreviewChars = 500;

const SAFE_SPAN_ID = /^[A-Za-z0-9._-]{1,100}$/;

/**
 * JSON of a value the trace keeps. Tool inputs and payloads are `unknown`: one that JSON cannot
 * express (a cycle, a bigint) is written with those values replaced rather than lost.
 */
export function traceJson(value: unknown, indent?: number): string | undefined {
  try {
    return JSON.stringify(value, undefined, indent);
  } catch {
    const seen = new WeakSet<object>();
    return JSON.stringify(value, (_key, item: unknown) => {
      if (typeof item === 'bigint') return item.toString();
      if (typeof item === 'object' && item !== null) {
        if (seen.has(item)) return '[Circular]';
        seen.add(item);
      }
      return item;
    }, indent);
  }
}

/** A payload as a span records it: the whole value with its size (a missing payload is 0 bytes, no value). */
export function tracedPayload(value: unknown): TracedPayload {
  const json = traceJson(value);
  return json === undefined ? { bytes: 0 } : { bytes: Buffer.byteLength(json), value };
}

/**
 * The payload a trace line holds, read defensively (a trace file is the workspace's, and a damaged
 * or foreign line may hold anything): the inline value, whether it is in the side file, or neither.
 */
export function recordedPayload(payload: unknown): { readonly value: unknown } | 'side file' | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  if ((payload as TracedPayload).inSideFile === true) return 'side file';
  return 'value' in payload ? { value: (payload as TracedPayload).value } : undefined;
}

/**
 * The payload as a trace line keeps it: unchanged up to the cap; beyond it, its size and preview,
 * with `json` — the whole payload — for the side file. Undefined `json` means nothing to side-file.
 */
export function capPayload(payload: TracedPayload, cap = payloadInlineCap): { readonly inline: TracedPayload; readonly json?: string } {
  if (payload.inSideFile || payload.value === undefined) return { inline: payload };
  const json = traceJson(payload.value);
  if (json === undefined) return { inline: payload };
  const bytes = Buffer.byteLength(json);
  if (bytes <= cap) return { inline: payload };
  return { inline: { bytes, preview: json.slice(0, payloadPreviewChars), inSideFile: true }, json };
}

/** True for a span id that is safe as a side file's name. */
export function isSafeSpanId(spanId: string): boolean {
  return SAFE_SPAN_ID.test(spanId) && !spanId.includes('..');
}

/** The side file of span `spanId` of the trace in `traceFile` (`<run>.jsonl` → `<run>.payloads/<spanId>.json`). */
export function sidePayloadFile(traceFile: string, spanId: string): string {
  if (!isSafeSpanId(spanId)) throw new Error(`"${spanId}" is not a valid span id for a payload file name.`);
  return join(sidePayloadFolder(traceFile), `${spanId}.json`);
}

/** The folder of a trace's side files: `<run>.payloads` beside `<run>.jsonl`. */
export function sidePayloadFolder(traceFile: string): string {
  return traceFile.replace(/\.jsonl$/, '') + '.payloads';
}
