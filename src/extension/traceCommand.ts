/**
 * Opening a run's trace, from anywhere in the extension (the Runs view, the chat, `@nova`): the
 * agreed command `nova.openTrace` with `{ runId, spanId? }`, registered by the trace panel, which
 * opens or reveals that run's panel focused on the span. Named once here, so every caller opens the
 * same way. No `vscode` import at runtime: Node tests load the chat's pieces that use it.
 */
import type * as vscode from 'vscode';
import { commandIds } from './contributions';

/** The trace panel's command (registered with the panel). */
export const openTraceCommand = commandIds.openTrace;

/** What `nova.openTrace` takes: the run, and the span to focus (absent: the run itself). */
export interface OpenTraceArgs {
  readonly runId: string;
  readonly spanId?: string;
}

/** The argument as the command takes it (no `spanId` key when there is none). */
export function openTraceArgs(runId: string, spanId?: string): OpenTraceArgs {
  return spanId ? { runId, spanId } : { runId };
}

/** The command a tree item or a chat button runs to open a trace. */
export function openTraceItemCommand(args: OpenTraceArgs, title = 'Open Trace'): vscode.Command {
  return { title, command: openTraceCommand, arguments: [openTraceArgs(args.runId, args.spanId)] };
}
