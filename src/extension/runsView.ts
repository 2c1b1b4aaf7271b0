/**
 * The Runs view: team runs, running ones first, then ended ones read back from their trace files
 * (so runs of an earlier server or session are listed too). Each row shows status (icon and word),
 * entry agent, duration (a running run's clock ticks while the view is visible), cost and problem
 * count, with the whole story in its tooltip (src/extension/runs/runLabels.ts). A click opens the
 * run's trace; the context menu has Open Trace, Export Trace…, Delete Trace and Run Again
 * (src/extension/runs/runCommands.ts).
 */
import * as vscode from 'vscode';
import type { RunSummary } from '../protocol/run';
import type { TraceExportOutcome, TraceExportQuestions } from './client/traceExport';
import { commandIds, viewIds } from './contributions';
import type { LazyServer } from './lazyServer';
import { modalRunPrompts, registerRunCommands, type RunPrompts } from './runs/runCommands';
import { runContextValue, runDescription, runIcon, runLabel, runTooltip } from './runs/runLabels';
import { openTraceItemCommand } from './traceCommand';

/** A running run's clock ticks this often while the view is visible. */
const tickMs = 1000;

class RunsTree implements vscode.TreeDataProvider<RunSummary>, vscode.Disposable {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<RunSummary | undefined>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private runs: readonly RunSummary[] = [];
  private listed = false;
  private visible = false;
  private ticking: ReturnType<typeof setInterval> | undefined;

  constructor(private readonly server: LazyServer) {}

  /** The runs listed (listed from the server first, if the view has not been shown yet). */
  async current(): Promise<readonly RunSummary[]> {
    if (!this.listed) await this.refresh();
    return this.runs;
  }

  async refresh(): Promise<void> {
    this.runs = (await this.server.features.request('nova/run.list', {})).runs;
    this.listed = true;
    this._onDidChangeTreeData.fire(undefined);
    this.updateClock();
  }

  /** The view was shown or hidden: a clock only runs while someone can see it. */
  setVisible(visible: boolean): void {
    this.visible = visible;
    this.updateClock();
  }

  getTreeItem(run: RunSummary): vscode.TreeItem {
    const now = Date.now();
    const item = new vscode.TreeItem(runLabel(run), vscode.TreeItemCollapsibleState.None);
    item.id = run.runId;
    const icon = runIcon(run);
    item.iconPath = new vscode.ThemeIcon(icon.id, icon.color ? new vscode.ThemeColor(icon.color) : undefined);
    item.description = runDescription(run, now);
    item.tooltip = new vscode.MarkdownString(runTooltip(run, now));
    item.contextValue = runContextValue(run);
    item.command = openTraceItemCommand({ runId: run.runId });
    item.accessibilityInformation = { label: `${runLabel(run)}, ${runDescription(run, now)}` };
    return item;
  }

  async getChildren(run?: RunSummary): Promise<RunSummary[]> {
    if (run) return [];
    // Showing this view is using a Nova feature: the first time, this starts the server.
    if (!this.listed) await this.refresh();
    return [...this.runs];
  }

  dispose(): void {
    this.stopClock();
    this._onDidChangeTreeData.dispose();
  }

  private updateClock(): void {
    const running = this.runs.some((run) => run.status === 'running');
    if (!this.visible || !running) return this.stopClock();
    // Only the running rows are drawn again: the ended ones do not change.
    this.ticking ??= setInterval(() => {
      for (const run of this.runs) if (run.status === 'running') this._onDidChangeTreeData.fire(run);
    }, tickMs);
  }

  private stopClock(): void {
    if (this.ticking !== undefined) clearInterval(this.ticking);
    this.ticking = undefined;
  }
}

/** The view's rows as Nova's real-VS Code tests read them, and the prompts they answer. */
export interface RunsViewTesting {
  /** The runs listed (listing them from the server first, as showing the view does). */
  children(): Promise<RunSummary[]>;
  /** The row VS Code draws for `run`. */
  item(run: RunSummary): vscode.TreeItem;
  /** Lists the runs again and resolves once the rows are current. */
  refresh(): Promise<void>;
  /** Answers Delete's modal and Export's questions with `prompts` (undefined: the modal and the dialogs again). */
  answerWith(prompts: RunPrompts | undefined): void;
}

/** The client bundle's export flow (loaded on the first export: it reads traces and encodes OTLP). */
interface TraceExportModule {
  exportTraceFile(traceFile: string, runId: string, questions: TraceExportQuestions): Promise<TraceExportOutcome>;
  readonly dialogExportQuestions: TraceExportQuestions;
}

function exportTrace(traceFile: string, runId: string, questions: TraceExportQuestions | undefined): Promise<TraceExportOutcome> {
  // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js, or out/src/extension/client/main.js.
  const traces = require('./client/main') as TraceExportModule;
  return traces.exportTraceFile(traceFile, runId, questions ?? traces.dialogExportQuestions);
}

/** Registers the Runs view and its commands; returns its seams for Nova's tests. */
export function registerRunsView(context: vscode.ExtensionContext, server: LazyServer, beforeRun: () => Promise<unknown>, log: vscode.LogOutputChannel): RunsViewTesting {
  const tree = new RunsTree(server);
  const refresh = () => tree.refresh().catch((error: unknown) => log.error(`Listing runs failed: ${error instanceof Error ? error.message : String(error)}`));
  let prompts: RunPrompts = modalRunPrompts;
  const view = vscode.window.createTreeView(viewIds.runs, { treeDataProvider: tree, showCollapseAll: false });
  tree.setVisible(view.visible);
  context.subscriptions.push(
    tree,
    view,
    view.onDidChangeVisibility((event) => tree.setVisible(event.visible)),
    server.onDidChangeRuns(() => void refresh()),
    server.onDidStart(() => void refresh()),
    vscode.commands.registerCommand(commandIds.refreshRuns, refresh),
    ...registerRunCommands({ server, runs: () => tree.current(), refresh, prompts: () => prompts, beforeRun, exportTrace, log }),
  );
  return {
    children: () => tree.getChildren(),
    item: (run) => tree.getTreeItem(run),
    refresh: () => tree.refresh(),
    answerWith: (replacement) => (prompts = replacement ?? modalRunPrompts),
  };
}
