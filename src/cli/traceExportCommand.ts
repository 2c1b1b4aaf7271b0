/**
 * `nova trace export --format jsonl|otlp FILE [--endpoint URL] [--out PATH]`: a run's trace for other
 * tools. JSONL is the spans as Nova read them (damaged lines left out); OTLP is an OpenTelemetry
 * ExportTraceServiceRequest (GenAI semantic conventions) saved to a file, or sent to an OTLP/HTTP
 * endpoint — Jaeger, an OpenTelemetry Collector, Langfuse, Phoenix.
 *
 * Data goes to stdout or --out; what Nova says about it goes to stderr when stdout carries the data,
 * so `nova trace export … | jq` reads JSON only.
 */
import { writeFile } from 'node:fs/promises';
import { loadTrace, type LoadedTrace } from '../core/trace/jsonl';
import { traceJson } from '../core/trace/tracedPayload';
import { checkOtlpEndpoint, encodeOtlpTrace, sendOtlpTrace } from '../core/trace/otlp';
import { hiddenCharacterSource } from '../core/workspace/hiddenText';
import type { TerminalOutput } from './terminalOutput';
import { UsageError } from './usage';

export interface TraceExportRequest {
  readonly file: string | undefined;
  readonly extra: readonly string[];
  readonly format: string | undefined;
  readonly endpoint: string | undefined;
  readonly out: string | undefined;
}

/** Where the command writes: text for a person, and stdout's raw bytes for a protobuf body piped on. */
export interface TraceExportOutput {
  readonly stdout: TerminalOutput;
  readonly stderr: TerminalOutput;
  readonly binary: { readonly isTTY: boolean; write(bytes: Uint8Array): Promise<void> };
  readonly signal?: AbortSignal;
}

const formats = ['jsonl', 'otlp'] as const;

export async function traceExportCommand(request: TraceExportRequest, output: TraceExportOutput): Promise<number> {
  const { file, format, endpoint, out } = request;
  if (!file) throw new UsageError('nova trace export needs the trace file: nova trace export --format jsonl|otlp .nova/traces/<run>.jsonl');
  if (request.extra.length > 0) throw new UsageError(`nova trace export takes one trace file, not also ${request.extra.map((extra) => `"${extra}"`).join(', ')}.`);
  if (!format || !(formats as readonly string[]).includes(format)) throw new UsageError(`nova trace export needs --format jsonl or --format otlp${format ? `, not "${format}"` : ''}.`);
  if (endpoint !== undefined && format !== 'otlp') throw new UsageError('--endpoint sends OTLP: use it with --format otlp.');
  if (endpoint !== undefined && out !== undefined) throw new UsageError('Use --endpoint URL to send the trace, or --out PATH to save it, not both.');
  if (endpoint !== undefined) {
    try {
      checkOtlpEndpoint(endpoint);
    } catch (error) {
      throw new UsageError(`--endpoint: ${(error as Error).message}`);
    }
  }
  if (format === 'otlp' && endpoint === undefined && out === undefined && output.binary.isTTY) {
    throw new UsageError('The OTLP export is binary (protobuf): save it with --out PATH, pipe it on, or send it with --endpoint URL.');
  }

  const trace = await readTrace(file);
  for (const problem of trace.problems) output.stderr.write(`nova: skipped damaged line ${problem.line} of ${file}: ${problem.message}\n`);
  if (trace.spans.length === 0) throw new Error(`${file} holds no spans to export.`);
  const what = `${trace.spans.length} span${trace.spans.length === 1 ? '' : 's'} of run ${trace.runId}`;

  if (format === 'jsonl') {
    const text = trace.spans.map((span) => `${escapedForTerminal(traceJson(span) ?? '{}')}\n`).join('');
    if (out === undefined) {
      output.stdout.write(text);
      return 0;
    }
    await save(out, text);
    output.stdout.write(`Wrote ${what} to ${out} (JSONL).\n`);
    return 0;
  }

  if (endpoint !== undefined) {
    await sendOtlpTrace(trace.spans, endpoint, output.signal ? { signal: output.signal } : {});
    output.stdout.write(`Sent ${what} to ${endpoint}.\n`);
    return 0;
  }
  const bytes = encodeOtlpTrace(trace.spans);
  if (out === undefined) {
    await output.binary.write(bytes);
    output.stderr.write(`Wrote ${what} to stdout (OTLP protobuf, ${bytes.length} bytes).\n`);
    return 0;
  }
  await save(out, bytes);
  output.stdout.write(`Wrote ${what} to ${out} (OTLP protobuf ExportTraceServiceRequest, ${bytes.length} bytes): send it with curl --data-binary @${out} -H 'Content-Type: application/x-protobuf' URL.\n`);
  return 0;
}

async function readTrace(file: string): Promise<LoadedTrace> {
  try {
    return await loadTrace(file);
  } catch (error) {
    throw new UsageError(`Cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

async function save(path: string, data: string | Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (error) {
    throw new Error(`Cannot write ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`, { cause: error });
  }
}

/** C1 controls and hidden characters, which JSON.stringify leaves as they are and a terminal acts on. */
const unescapedByJson = new RegExp(`[\\u007f-\\u009f]|${hiddenCharacterSource}`, 'g');

/**
 * A JSON line with those characters written as `\u` escapes (each UTF-16 unit of a surrogate pair
 * too): the same JSON value, inert on a terminal, and left untouched by TerminalOutput.
 */
function escapedForTerminal(line: string): string {
  return line.replace(unescapedByJson, (match) => {
    let escaped = '';
    for (let index = 0; index < match.length; index++) escaped += `\\u${match.charCodeAt(index).toString(16).padStart(4, '0')}`;
    return escaped;
  });
}
