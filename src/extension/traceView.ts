/**
 * The trace panel: one webview panel per run ("Trace: <task>"), opened by `nova.openTrace`
 * ({runId, spanId?}: the Runs view, the chat, "Why?") and beside a change set opened for review;
 * and the custom editor `nova.traceFile`, so opening a `.nova/traces/*.jsonl` file shows the same
 * panel. This half lives in the extension host bundle and stays light: it makes the panels (scripts
 * on, resources only from Nova's media/ and dist/webview/, a fresh nonce per load) and hands each
 * to its controller from the client bundle (client/trace/traceController.ts). Each panel owns its
 * disposables through one DisposableStore, disposed with the panel. No retainContextWhenHidden: a
 * page shown again reloads and is sent the whole trace again (the controller keeps it).
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ChangeSet } from '../protocol/proposals';
import { traceHtml } from './webviewHtml';
import { commandIds, traceEditorType, tracePanelType } from './contributions';
import { DisposableStore } from './disposableStore';
import type { LazyServer } from './lazyServer';
import type { ChangeSets } from './proposals/changeSets';
import type { HunkTarget } from './proposals/hunkLenses';
import { settings } from './settings';
import { runIdPattern, traceFileProblem } from './traceFiles';
import type { CreateTraceView, HunkRef, TraceFocus, TraceSource, TraceViewSession, TraceViewTesting } from './traceViewSession';

/** What opening a trace came to (the commands return it, for Nova's tests). */
export type TraceOpened = { readonly opened: true; readonly runId: string } | { readonly opened: false; readonly reason: string };

/** One open panel, as Nova's tests see it. */
export interface OpenTracePanel {
  readonly kind: 'run' | 'file';
  readonly runId: string | undefined;
  readonly title: string;
  readonly active: boolean;
  readonly testing: TraceViewTesting;
}

/** Seams for Nova's real-VS Code tests. */
export interface TracePanelsTesting {
  /** Every open trace panel (runs' and trace files'), oldest first. */
  panels(): readonly OpenTracePanel[];
}

/** What the rest of the extension reaches of the trace panels. */
export interface TracePanels {
  /** Opens the run's panel, or reveals it; then selects the span `focus` names. */
  open(runId: string, focus: TraceFocus | undefined, placement?: Placement): Promise<TraceOpened>;
  /** "Before accepting": a change set was opened for review; its trace opens beside it (the setting allowing, and a trace existing). */
  besideReview(set: ChangeSet): Promise<TraceOpened>;
  readonly testing: TracePanelsTesting;
}

interface Placement {
  readonly column: vscode.ViewColumn;
  readonly preserveFocus: boolean;
}

interface Shown {
  readonly kind: 'run' | 'file';
  readonly panel: vscode.WebviewPanel;
  readonly session: TraceViewSession;
  failure?: string;
}

/** Arguments a command hands `nova.openTrace`, checked (other extensions and other parts of Nova call it). */
function openTraceArgument(value: unknown): { runId: string; spanId?: string } | string {
  if (typeof value !== 'object' || value === null) return 'nova.openTrace takes {runId, spanId?}.';
  const { runId, spanId } = value as { runId?: unknown; spanId?: unknown };
  if (typeof runId !== 'string' || !runIdPattern.test(runId)) return `nova.openTrace: ${JSON.stringify(runId)} is not a run id.`;
  if (spanId !== undefined && (typeof spanId !== 'string' || spanId.length === 0 || spanId.length > 100)) return `nova.openTrace: ${JSON.stringify(spanId)} is not a span id.`;
  return spanId === undefined ? { runId } : { runId, spanId };
}

/** The page: the shared and the trace stylesheets, the landmark the page script fills, and the script, under a CSP with this load's nonce. */
function tracePageHtml(webview: vscode.Webview, extensionUri: vscode.Uri): string {
  const uri = (...path: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
  return traceHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(18).toString('base64'),
    styleUris: [uri('media', 'webview.css'), uri('media', 'trace.css')],
    scriptUri: uri('dist', 'webview', 'trace.js'),
  });
}

/** What a trace file outside the workspace's traces shows instead: why, and nothing else (no script). */
function refusedHtml(reason: string): string {
  const text = reason.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"><title>Nova trace</title></head><body><main id="nova-trace" aria-label="Nova trace"><p role="alert">Nova does not show this file as a trace: ${text}</p></main></body></html>`;
}

const panelTitle = (task: string) => `Trace: ${task.length > 40 ? `${task.slice(0, 39)}…` : task}`;

class TracePanelHost {
  private readonly runs = new Map<string, Shown>();
  private readonly files = new Set<Shown>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly server: LazyServer,
    private readonly changeSets: ChangeSets,
    private readonly revealHunk: (target: HunkTarget) => Promise<unknown>,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  async open(runId: string, focus: TraceFocus | undefined, placement: Placement = { column: vscode.ViewColumn.Active, preserveFocus: false }): Promise<TraceOpened> {
    const known = this.runs.get(runId);
    if (known) {
      // Asked for beside (Why?, a review): moved next to the editor if it shares its group, so both show.
      const column = placement.column === vscode.ViewColumn.Beside && known.panel.viewColumn === vscode.window.activeTextEditor?.viewColumn ? vscode.ViewColumn.Beside : (known.panel.viewColumn ?? placement.column);
      known.panel.reveal(column, placement.preserveFocus);
      if (focus) known.session.focus(focus);
      return { opened: true, runId };
    }
    const panel = vscode.window.createWebviewPanel(tracePanelType, panelTitle(runId), { viewColumn: placement.column, preserveFocus: placement.preserveFocus }, { enableFindWidget: true });
    const shown = this.show(panel, 'run', { kind: 'run', runId }, focus);
    if (!shown) return { opened: false, reason: 'The trace panel could not start (see Nova\'s log).' };
    this.runs.set(runId, shown);
    panel.onDidDispose(() => this.runs.get(runId) === shown && this.runs.delete(runId));
    await shown.session.testing.loaded();
    return shown.failure ? { opened: false, reason: shown.failure } : { opened: true, runId };
  }

  /** The custom editor's panel for a trace file (checked to be one of the workspace's first). */
  showFile(uri: vscode.Uri, panel: vscode.WebviewPanel): void {
    const folders = (vscode.workspace.workspaceFolders ?? []).filter((folder) => folder.uri.scheme === 'file').map((folder) => folder.uri.fsPath);
    const problem = uri.scheme === 'file' ? traceFileProblem(uri.fsPath, folders) : `${uri.toString()} is not a file on disk.`;
    if (problem) {
      panel.webview.options = { enableScripts: false };
      panel.webview.html = refusedHtml(problem);
      this.log.warn(`Trace editor: ${problem}`);
      return;
    }
    const shown = this.show(panel, 'file', { kind: 'file', file: uri.fsPath }, undefined);
    if (!shown) return;
    this.files.add(shown);
    panel.onDidDispose(() => this.files.delete(shown));
  }

  async besideReview(set: ChangeSet): Promise<TraceOpened> {
    if (!vscode.workspace.getConfiguration().get<boolean>(settings.traceOpenWithReview.key, settings.traceOpenWithReview.default)) return { opened: false, reason: `${settings.traceOpenWithReview.key} is off.` };
    return this.beside(set);
  }

  /** The trace of `set`'s run beside the editor, at the span that produced it, leaving the focus where it is; nothing when there is no trace. */
  async beside(set: ChangeSet): Promise<TraceOpened> {
    if (set.source.kind !== 'agent') return { opened: false, reason: 'Only an agent\'s change set has a trace.' };
    const { runId, spanId } = set.source;
    // A change set planted or kept from a run whose trace was deleted: nothing to show, and no panel that says so.
    if (!runIdPattern.test(runId) || !(this.runs.has(runId) || (await this.traceFileExists(runId)))) return { opened: false, reason: `There is no trace of run ${runId} in this workspace.` };
    return this.open(runId, spanId !== undefined ? { spanId } : { firstHandoff: true }, { column: vscode.ViewColumn.Beside, preserveFocus: true });
  }

  panels(): readonly OpenTracePanel[] {
    return [...this.runs.values(), ...this.files].map((shown) => ({ kind: shown.kind, runId: shown.session.runId, title: shown.panel.title, active: shown.panel.active, testing: shown.session.testing }));
  }

  private async traceFileExists(runId: string): Promise<boolean> {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      try {
        await vscode.workspace.fs.stat(vscode.Uri.joinPath(folder.uri, '.nova', 'traces', `${runId}.jsonl`));
        return true;
      } catch {
        // not in this folder
      }
    }
    return false;
  }

  /** Sets the panel up and starts its controller; undefined (logged) when the client bundle could not make one. */
  private show(panel: vscode.WebviewPanel, kind: 'run' | 'file', source: TraceSource, focus: TraceFocus | undefined): Shown | undefined {
    const store = new DisposableStore();
    const { extensionUri } = this.context;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'nova.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    panel.webview.html = tracePageHtml(panel.webview, extensionUri);
    store.add(panel.onDidDispose(() => store.dispose()));
    try {
      // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js.
      const { createTraceView } = require('./client/main') as { createTraceView: CreateTraceView };
      const changeSets = this.changeSets;
      if (kind === 'run' && !changeSets.hasListed) void changeSets.refresh();
      const shown: Shown = {
        kind,
        panel,
        session: store.add(
          createTraceView({
            webview: panel.webview,
            source,
            focus,
            log: this.log,
            features: this.server.features,
            changeSets: { all: () => [...changeSets.open, ...changeSets.history], onDidChange: changeSets.onDidChange },
            revealHunk: async (hunk: HunkRef) => void (await this.revealHunk(hunk)),
            openRun: async (runId, runFocus) => void (await this.open(runId, runFocus)),
            titled: (task) => (panel.title = panelTitle(task)),
            failed: (message) => {
              shown.failure = message;
              this.log.warn(`Trace panel: ${message}`);
              void vscode.window.showWarningMessage(`Nova: the trace could not be shown. ${message}`);
              panel.dispose();
            },
          }),
        ),
      };
      return shown;
    } catch (error) {
      this.log.error(`The trace panel could not start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      panel.dispose();
      return undefined;
    }
  }
}

/** The change set "Why?" was asked about: a hunk lens's target, a Proposals view row, or the hunk at the cursor. */
function changeSetIdOf(target: unknown): string | undefined {
  if (typeof target !== 'object' || target === null) return undefined;
  const { changeSetId, set } = target as { changeSetId?: unknown; set?: { id?: unknown } };
  if (typeof changeSetId === 'string') return changeSetId;
  return typeof set?.id === 'string' ? set.id : undefined;
}

/** Why a change set that no agent proposed has no trace to open, in the person's words. */
function untraced(summary: string, source: Exclude<ChangeSet['source'], { kind: 'agent' }>): string {
  if (source.kind === 'fix') return `“${summary}” is TypeScript's quick fix ${source.rule} (${source.title}): no agent run proposed it, so it has no trace.`;
  return `You proposed “${summary}” yourself${source.agent ? ` from a reply of ${source.agent}` : ''}: no agent handed it over, so it has no trace of its own.`;
}

/** Registers the trace panels, `nova.openTrace`, "Why?" → the trace (`nova.traceHunk`) and the trace file editor. */
export function registerTraceView(
  context: vscode.ExtensionContext,
  server: LazyServer,
  changeSets: ChangeSets,
  editor: { revealHunk(target: HunkTarget): Promise<unknown>; hunkAtCursor(): HunkTarget | undefined },
  log: vscode.LogOutputChannel,
): TracePanels {
  const host = new TracePanelHost(context, server, changeSets, (target) => editor.revealHunk(target), log);
  const pickRun = async (): Promise<string | undefined> => {
    const { runs } = await server.features.request('nova/run.list', {});
    const picked = await vscode.window.showQuickPick(
      runs.map((run) => ({ label: run.task || run.runId, description: `${run.status} · ${new Date(run.startedAt).toLocaleString()}`, runId: run.runId })),
      { title: 'Nova: open the trace of a run', placeHolder: runs.length === 0 ? 'No runs in this workspace yet' : 'Pick a run' },
    );
    return picked?.runId;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.openTrace, async (argument?: unknown): Promise<TraceOpened> => {
      if (argument === undefined) {
        const picked = await pickRun();
        return picked === undefined ? { opened: false, reason: 'No run was picked.' } : host.open(picked, undefined);
      }
      const asked = openTraceArgument(argument);
      if (typeof asked === 'string') {
        void vscode.window.showErrorMessage(`Nova: ${asked}`);
        return { opened: false, reason: asked };
      }
      return host.open(asked.runId, asked.spanId !== undefined ? { spanId: asked.spanId } : undefined);
    }),
    // `beside`: "Why?" in the editor opens the trace next to the hunk's explanation, quietly when the run has no trace.
    vscode.commands.registerCommand(commandIds.traceHunk, async (target?: unknown, how?: { readonly beside?: boolean }): Promise<TraceOpened> => {
      const changeSetId = changeSetIdOf(target ?? editor.hunkAtCursor());
      if (how?.beside === true) {
        const set = changeSetId === undefined ? undefined : changeSets.get(changeSetId);
        return set ? host.beside(set) : { opened: false, reason: 'No proposed change is at the cursor.' };
      }
      const set = changeSetId === undefined ? undefined : (changeSets.get(changeSetId) ?? (await changeSets.refresh(), changeSets.get(changeSetId)));
      if (!set) {
        const reason = changeSetId === undefined ? 'No proposed change is at the cursor.' : 'That proposal is gone (decided elsewhere, or its file was removed).';
        void vscode.window.showInformationMessage(`Nova: ${reason}`);
        return { opened: false, reason };
      }
      if (set.source.kind !== 'agent') {
        const reason = untraced(set.summary, set.source);
        void vscode.window.showInformationMessage(`Nova: ${reason}`);
        return { opened: false, reason };
      }
      return host.open(set.source.runId, set.source.spanId !== undefined ? { spanId: set.source.spanId } : { firstHandoff: true }, { column: vscode.ViewColumn.Beside, preserveFocus: false });
    }),
    vscode.window.registerCustomEditorProvider(
      traceEditorType,
      {
        openCustomDocument: (uri: vscode.Uri) => ({ uri, dispose: () => undefined }),
        resolveCustomEditor: (document: vscode.CustomDocument, panel: vscode.WebviewPanel) => host.showFile(document.uri, panel),
      } satisfies vscode.CustomReadonlyEditorProvider,
      { webviewOptions: { enableFindWidget: true }, supportsMultipleEditorsPerDocument: true },
    ),
  );
  return { open: (runId, focus, placement) => host.open(runId, focus, placement), besideReview: (set) => host.besideReview(set), testing: { panels: () => host.panels() } };
}
