/**
 * "Export Trace…": asks the format (unless the caller knows it, as the trace panel's buttons do)
 * and where to save, then writes the export (src/core/trace/traceExport.ts). One flow for the Runs
 * view and the trace panel. The questions are a seam: Nova's real-VS Code tests answer them
 * instead of the quick pick and the save dialog.
 */
import { basename } from 'node:path';
import * as vscode from 'vscode';
import { exportTrace, type TraceExportFormat } from '../../core/trace/traceExport';

/** Each format as the quick pick offers it, with the file extension its export gets. */
export const traceExportChoices: readonly { readonly format: TraceExportFormat; readonly label: string; readonly detail: string; readonly suffix: string; readonly filter: readonly [string, string] }[] = [
  { format: 'jsonl', label: 'JSONL', detail: "Nova's trace file: one span per line, payloads inline. Opens in Nova's trace panel.", suffix: '.jsonl', filter: ['Nova trace (JSONL)', 'jsonl'] },
  { format: 'otlp', label: 'OpenTelemetry (OTLP protobuf)', detail: 'An OTLP/HTTP ExportTraceServiceRequest with the GenAI conventions, for Jaeger, Langfuse or Phoenix.', suffix: '.otlp.pb', filter: ['OTLP protobuf', 'pb'] },
];

/** What exporting asks the person. */
export interface TraceExportQuestions {
  /** Which format; undefined: they dismissed the pick. */
  format(runId: string): Promise<TraceExportFormat | undefined>;
  /** Where to save, starting at `suggested`; undefined: they cancelled. */
  target(runId: string, format: TraceExportFormat, suggested: vscode.Uri): Promise<vscode.Uri | undefined>;
}

/** The quick pick and the save dialog. */
export const dialogExportQuestions: TraceExportQuestions = {
  async format(runId) {
    const picked = await vscode.window.showQuickPick(
      traceExportChoices.map((choice) => ({ label: choice.label, detail: choice.detail, format: choice.format })),
      { title: `Nova: export the trace of run ${runId} as`, placeHolder: 'Choose a format' },
    );
    return picked?.format;
  },
  target(runId, format, suggested) {
    const [name, extension] = choiceOf(format).filter;
    return Promise.resolve(vscode.window.showSaveDialog({ title: `Nova: export the trace of run ${runId}`, defaultUri: suggested, saveLabel: 'Export', filters: { [name]: [extension] } }));
  },
};

/** What an export came to, and what the person was told. */
export interface TraceExportOutcome {
  readonly exported: boolean;
  readonly message: string;
  readonly file?: string;
  readonly format?: TraceExportFormat;
}

/**
 * Exports the trace file `traceFile` of run `runId`: asks `format` when not given, then where (a
 * file beside the workspace's folder by default), writes it and says what was written. Never throws:
 * a failure is the outcome's message (and shown).
 */
export async function exportTraceFile(traceFile: string, runId: string, questions: TraceExportQuestions, format?: TraceExportFormat): Promise<TraceExportOutcome> {
  const chosen = format ?? (await questions.format(runId));
  if (!chosen) return { exported: false, message: 'Nova: not exported.' };
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const name = `${basename(traceFile, '.jsonl')}${choiceOf(chosen).suffix}`;
  const suggested = folder ? vscode.Uri.joinPath(folder, name) : vscode.Uri.file(name);
  const target = await questions.target(runId, chosen, suggested);
  if (!target) return { exported: false, message: 'Nova: not exported.' };
  try {
    const written = await exportTrace(traceFile, chosen);
    await vscode.workspace.fs.writeFile(target, written.bytes);
    const shown = target.scheme === 'file' ? target.fsPath : target.toString();
    const missing = written.missingPayloads.length > 0 ? ` The whole payload of ${written.missingPayloads.length} span(s) (${written.missingPayloads.join(', ')}) was missing from the trace's side files; those keep their preview only.` : '';
    const message = `Nova: exported ${written.spans} span(s) of run ${runId} as ${choiceOf(chosen).label} to ${shown}.${missing}`;
    void (missing ? vscode.window.showWarningMessage(message) : vscode.window.showInformationMessage(message));
    return { exported: true, message, file: shown, format: chosen };
  } catch (error) {
    const message = `Nova: the trace of run ${runId} was not exported: ${error instanceof Error ? error.message : String(error)}`;
    void vscode.window.showErrorMessage(message);
    return { exported: false, message };
  }
}

function choiceOf(format: TraceExportFormat): (typeof traceExportChoices)[number] {
  const choice = traceExportChoices.find((candidate) => candidate.format === format);
  if (!choice) throw new Error(`No trace export format ${format}.`);
  return choice;
}
