/**
 * The Runs view's commands on one run (the row they were invoked on, or a run picked from the
 * command palette): Export Trace… (JSONL or OpenTelemetry, through the trace export flow of the
 * client bundle), Delete Trace (after a modal naming the run; refused while it runs) and Run Again
 * (the same task at the same entry agent, through nova/run.start, its trace opened to follow it).
 * Each returns what the person was told, so Nova's real-VS Code tests can read it.
 */
import * as vscode from 'vscode';
import type { RunSummary } from '../../protocol/run';
import type { TraceExportOutcome, TraceExportQuestions } from '../client/traceExport';
import { commandIds } from '../contributions';
import type { LazyServer } from '../lazyServer';
import { openTraceArgs, openTraceCommand } from '../traceCommand';
import { diskFolders } from '../workspaceTargets';
import { runTraceFile } from '../traceFiles';
import { canRunAgain, runLabel, statusWord, traceFileLabel } from './runLabels';

/** What a command came to, and the message the person was shown. */
export interface RunCommandOutcome {
  readonly done: boolean;
  readonly message: string;
  /** Run Again: the new run. */
  readonly runId?: string;
  /** Export: the file written. */
  readonly file?: string;
}

/** What the commands ask the person; Nova's tests answer instead of the modal and the dialogs. */
export interface RunPrompts {
  /** Whether to delete `run`'s trace (a modal naming the run). */
  confirmDelete(run: RunSummary): Promise<boolean>;
  /** Export's questions; undefined: the quick pick and the save dialog. */
  readonly export?: TraceExportQuestions;
}

export const modalRunPrompts: RunPrompts = {
  async confirmDelete(run) {
    const choice = await vscode.window.showWarningMessage(
      `Delete the trace of “${runLabel(run)}”?`,
      { modal: true, detail: `Run ${run.runId}, ${statusWord(run.status)}, started ${new Date(run.startedAt).toLocaleString()}. Its trace file ${traceFileLabel(run.runId)} and the payload files beside it are deleted; this cannot be undone.` },
      'Delete',
    );
    return choice === 'Delete';
  },
};

export interface RunCommandDeps {
  readonly server: LazyServer;
  /** The runs the view lists now (the palette picks among them). */
  readonly runs: () => Promise<readonly RunSummary[]>;
  /** Lists the runs again (after a delete). */
  readonly refresh: () => Promise<void>;
  /** The prompts in use (the modal, or a test's answers). */
  readonly prompts: () => RunPrompts;
  /** Asks about workspace agent files before a run loads them (see AgentFileReview). */
  readonly beforeRun: () => Promise<unknown>;
  /** The trace export flow (client bundle, loaded on first use); `questions` undefined: the dialogs. */
  readonly exportTrace: (traceFile: string, runId: string, questions: TraceExportQuestions | undefined) => Promise<TraceExportOutcome>;
  readonly log: vscode.LogOutputChannel;
}

/** Registers Export Trace…, Delete Trace and Run Again; returns their registrations for the view to own. */
export function registerRunCommands(deps: RunCommandDeps): vscode.Disposable[] {
  const { server, log } = deps;

  /** Runs one command on a run, showing what came of it; a failure is shown, never thrown. */
  async function onRun(run: RunSummary | undefined, title: string, candidates: (run: RunSummary) => boolean, action: (run: RunSummary) => Promise<RunCommandOutcome>): Promise<RunCommandOutcome | undefined> {
    const chosen = run ?? (await pickRun((await deps.runs()).filter(candidates), title));
    if (!chosen) return undefined;
    try {
      return await action(chosen);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      log.error(`${title} (${chosen.runId}) failed: ${reason}`);
      const message = `Nova: ${title.toLowerCase()} failed: ${reason}`;
      void vscode.window.showErrorMessage(message);
      return { done: false, message };
    }
  }

  const ended = (run: RunSummary) => run.status !== 'running';

  return [
    vscode.commands.registerCommand(commandIds.exportTrace, (run?: RunSummary) =>
      onRun(run, 'Export Trace', ended, async (chosen) => {
        if (chosen.status === 'running') return told(false, `Nova: run ${chosen.runId} is still running; export its trace once it has ended.`, 'warning');
        const outcome = await deps.exportTrace(traceFileOf(chosen.runId), chosen.runId, deps.prompts().export);
        return { done: outcome.exported, message: outcome.message, ...(outcome.file ? { file: outcome.file } : {}) };
      }),
    ),
    vscode.commands.registerCommand(commandIds.deleteTrace, (run?: RunSummary) =>
      onRun(run, 'Delete Trace', ended, async (chosen) => {
        if (chosen.status === 'running') return told(false, `Nova: run ${chosen.runId} is still running; its trace can be deleted once it has ended.`, 'warning');
        if (!(await deps.prompts().confirmDelete(chosen))) return { done: false, message: 'Nova: nothing was deleted.' };
        const { deleted } = await server.features.request('nova/trace.delete', { runId: chosen.runId });
        await deps.refresh();
        return deleted
          ? told(true, `Nova: deleted the trace of “${runLabel(chosen)}” (run ${chosen.runId}).`, 'information')
          : told(false, `Nova: run ${chosen.runId} has no trace file to delete (it may have been deleted already).`, 'warning');
      }),
    ),
    vscode.commands.registerCommand(commandIds.runAgain, (run?: RunSummary) =>
      onRun(run, 'Run Again', canRunAgain, async (chosen) => {
        if (!canRunAgain(chosen) || !chosen.entryAgent) return told(false, `Nova: run ${chosen.runId} recorded no task and entry agent to run again.`, 'warning');
        await deps.beforeRun();
        const { runId } = await server.features.request('nova/run.start', { task: chosen.task, agent: chosen.entryAgent });
        // The trace panel follows the new run live; the chat shows only runs started from it.
        const opened = await Promise.resolve(vscode.commands.executeCommand(openTraceCommand, openTraceArgs(runId))).then(
          () => undefined,
          (error: unknown) => (error instanceof Error ? error.message : String(error)),
        );
        if (opened !== undefined) log.warn(`Run Again: the trace of run ${runId} could not be opened: ${opened}`);
        const where = opened === undefined ? 'its trace is open' : 'it is listed in Runs';
        return { ...told(true, `Nova: running “${runLabel(chosen)}” again at ${chosen.entryAgent} (run ${runId}); ${where}, and what it proposes waits in Proposals.`, 'information'), runId };
      }),
    ),
  ];
}

/** The trace file of `runId` in the workspace's first folder, where Nova's server keeps traces. */
function traceFileOf(runId: string): string {
  return runTraceFile(diskFolders().map((folder) => folder.uri.fsPath), runId);
}

/** Shows `message` at `level` and returns it as the outcome. */
function told(done: boolean, message: string, level: 'information' | 'warning'): RunCommandOutcome {
  void (level === 'information' ? vscode.window.showInformationMessage(message) : vscode.window.showWarningMessage(message));
  return { done, message };
}

/** From the command palette: choose which run. */
async function pickRun(runs: readonly RunSummary[], title: string): Promise<RunSummary | undefined> {
  if (runs.length === 0) {
    void vscode.window.showInformationMessage(`Nova: no run to ${title.toLowerCase()}.`);
    return undefined;
  }
  const chosen = await vscode.window.showQuickPick(
    runs.map((run) => ({ label: runLabel(run), description: `${statusWord(run.status)} · ${new Date(run.startedAt).toLocaleString()}`, detail: run.runId, run })),
    { title: `Nova: ${title} — which run?` },
  );
  return chosen?.run;
}
