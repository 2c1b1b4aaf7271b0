/**
 * Opening a run's trace, from anywhere in the extension (the Runs view, the chat): the agreed
 * command `nova.openTrace` with `{ runId, spanId? }`, registered by the trace panel, which opens or
 * reveals that run's panel focused on the span. Named once here, so every caller opens the same way.
 */
import * as vscode from 'vscode';

/** The trace panel's command (registered with the panel, src/extension/trace*). */
export const openTraceCommand = 'nova.openTrace';

/** What `nova.openTrace` takes: the run, and the span to focus (absent: the run itself). */
export interface OpenTraceArgs {
  readonly runId: string;
  readonly spanId?: string;
}

/** The command a tree item or a link runs to open `args`' trace. */
export function openTraceItemCommand(args: OpenTraceArgs, title = 'Open Trace'): vscode.Command {
  return { title, command: openTraceCommand, arguments: [{ ...args }] };
}

/** Opens (or reveals) the trace panel of `args.runId`, focused on `args.spanId`. */
export async function openTrace(args: OpenTraceArgs): Promise<void> {
  await vscode.commands.executeCommand(openTraceCommand, { runId: args.runId, ...(args.spanId ? { spanId: args.spanId } : {}) });
}
