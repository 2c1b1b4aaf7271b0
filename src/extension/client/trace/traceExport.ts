/**
 * trace/export: the trace shown, saved where the person says — as JSONL (one span a line, exactly
 * what `.nova/traces/` holds and `nova trace show` reads) or as OpenTelemetry (an OTLP/HTTP
 * protobuf ExportTraceServiceRequest, src/core/trace/otlp).
 */
import * as vscode from 'vscode';
import { WebviewRequestError } from '../../../protocol/webview/message';
import type { WireSpan } from './liveTraces';

/** What the file holds for `format`. */
export function exportedBytes(format: 'jsonl' | 'otlp', spans: readonly WireSpan[]): Uint8Array {
  if (format === 'jsonl') return Buffer.from(spans.map((span) => JSON.stringify(span)).join('\n') + (spans.length > 0 ? '\n' : ''), 'utf8');
  // LEAD: wire the OTel helper's encoder here: `return encodeOtlpTrace(spans as readonly Span[]);` (import from '../../../core/trace/otlp').
  throw new WebviewRequestError('failed', 'OpenTelemetry export is not available in this build yet; export as JSONL and run `nova trace export --format otlp`.');
}

/** Asks where, then writes; resolves with the file written, or undefined when the person cancelled. */
export async function exportTrace(format: 'jsonl' | 'otlp', runId: string, spans: readonly WireSpan[]): Promise<vscode.Uri | undefined> {
  const bytes = exportedBytes(format, spans);
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${runId}${format === 'jsonl' ? '.jsonl' : '.otlp.pb'}`;
  const target = await vscode.window.showSaveDialog({
    title: `Export the trace of ${runId}`,
    ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, name) } : {}),
    filters: format === 'jsonl' ? { 'Trace (JSON Lines)': ['jsonl'] } : { 'OpenTelemetry (OTLP protobuf)': ['pb', 'otlp'] },
  });
  if (!target) return undefined;
  await vscode.workspace.fs.writeFile(target, bytes);
  vscode.window.setStatusBarMessage(`Nova: exported ${spans.length} span(s) to ${vscode.workspace.asRelativePath(target)}`, 5_000);
  return target;
}
