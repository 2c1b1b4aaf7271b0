/**
 * The Runs view: team runs, running ones first, then ended ones read back from their trace files
 * (so runs of an earlier server or session are listed too), with status, steps and cost.
 */
import * as vscode from 'vscode';
import type { RunSummary } from '../protocol/run';
import { commandIds, viewIds } from './contributions';
import type { LazyServer } from './lazyServer';

const statusIcons: Record<RunSummary['status'], string> = {
  running: 'sync~spin',
  completed: 'pass',
  stopped: 'debug-stop',
  escalated: 'report',
  cancelled: 'circle-slash',
  unsupported: 'circle-large-outline',
  unknown: 'question',
};

class RunsTree implements vscode.TreeDataProvider<RunSummary> {
  private readonly _onDidChangeTreeData = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this._onDidChangeTreeData.event;
  private runs: readonly RunSummary[] = [];

  constructor(private readonly server: LazyServer) {}

  async refresh(): Promise<void> {
    this.runs = (await this.server.features.request('nova/run.list', {})).runs;
    this._onDidChangeTreeData.fire();
  }

  getTreeItem(run: RunSummary): vscode.TreeItem {
    const item = new vscode.TreeItem(run.task || run.runId);
    item.id = run.runId;
    item.iconPath = new vscode.ThemeIcon(statusIcons[run.status]);
    const cost = run.usage ? ` · ${run.usage.steps} calls · $${run.usage.costUsd.toFixed(4)}` : '';
    item.description = `${run.status}${cost}`;
    item.tooltip = `${run.task}\n${run.status} · started ${new Date(run.startedAt).toLocaleString()}${run.entryAgent ? ` at ${run.entryAgent}` : ''}\nTrace: .nova/traces/${run.runId}.jsonl`;
    return item;
  }

  async getChildren(run?: RunSummary): Promise<RunSummary[]> {
    if (run) return [];
    if (!this.server.started) await this.refresh();
    return [...this.runs];
  }
}

export function registerRunsView(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): void {
  const tree = new RunsTree(server);
  const refresh = () => tree.refresh().catch((error: unknown) => log.error(`Listing runs failed: ${error instanceof Error ? error.message : String(error)}`));
  context.subscriptions.push(
    server.onDidChangeRuns(() => void refresh()),
    server.onDidStart(() => void refresh()),
    vscode.window.registerTreeDataProvider(viewIds.runs, tree),
    vscode.commands.registerCommand(commandIds.refreshRuns, refresh),
  );
}
