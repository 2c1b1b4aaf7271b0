/**
 * The change report panels: one webview panel per improvement ("Change report: <title>"), opened
 * when a run ends, by "Nova: Open Change Report" and from the Runs view. Each panel owns its
 * endpoint (every message from the page is checked against src/protocol/webview/improve.ts; what
 * fails is refused and changes nothing) and its disposables. The page is told the record on every
 * load (a page shown again reloads: no retainContextWhenHidden) and after each decision; Accept and
 * Reject go to the server (nova/improve.accept, nova/improve.reject), and an accepted change set
 * opens for review hunk by hunk like any proposal.
 */
import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import type { ImproveRecord } from '../../../core/improve/record';
import { improveAccept, improveGet, improveReject } from '../../../protocol/improve';
import { improveAcceptChange, improveLoad, improveOpenFile, improveOpenTrace, improveRejectChange } from '../../../protocol/webview/improve';
import { WebviewRequestError } from '../../../protocol/webview/message';
import { commandIds, improvePanelType } from '../../contributions';
import { DisposableStore } from '../../disposableStore';
import type { ServerFeatures } from '../../serverFeatures';
import { improveHtml } from '../../webviewHtml';
import { diskFolders } from '../../workspaceTargets';
import { pageEndpoint, type PageEndpoint } from '../pageEndpoint';
import { openReportedFile } from './reportedFiles';

/** One open report panel, as Nova's tests see it. */
export interface OpenReportPanel {
  readonly runId: string;
  readonly title: string;
  /** The record the page was last told. */
  readonly record: ImproveRecord | undefined;
  /** Hands a raw message to the panel's endpoint, as if the page had posted it. */
  receive(raw: unknown): void;
  counts(): { received: number; refused: number; posted: number };
  recentlyPosted(): unknown[];
}

export interface ReportPanelDeps {
  readonly extensionUri: vscode.Uri;
  readonly features: ServerFeatures;
  /** Opens an accepted change set for review (the Proposals view's way: its diff, hunk by hunk). */
  readonly review: (changeSetId: string) => Promise<unknown>;
  readonly log: vscode.LogOutputChannel;
}

const panelTitle = (record: ImproveRecord | undefined, runId: string) => {
  const title = record?.report?.title ?? (record ? `Improve: ${record.goal}` : runId);
  return `Change report: ${title.length > 40 ? `${title.slice(0, 39)}…` : title}`;
};

class ReportPanel {
  private readonly store = new DisposableStore();
  private readonly page: PageEndpoint;
  record: ImproveRecord | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    readonly runId: string,
    private readonly deps: ReportPanelDeps,
  ) {
    const { extensionUri } = deps;
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'nova.svg');
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'media'), vscode.Uri.joinPath(extensionUri, 'dist', 'webview')] };
    const uri = (...path: string[]) => panel.webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...path)).toString();
    panel.webview.html = improveHtml({
      cspSource: panel.webview.cspSource,
      nonce: randomBytes(18).toString('base64'),
      styleUris: [uri('media', 'webview.css'), uri('media', 'improve.css')],
      scriptUri: uri('dist', 'webview', 'improve.js'),
    });
    this.page = pageEndpoint(panel.webview, deps.log, 'Change report');
    const endpoint = this.store.add(this.page.endpoint);
    this.store.add(panel.webview.onDidReceiveMessage((raw: unknown) => endpoint.receive(raw)));
    // Every load of the page (the first, and each time it is shown again) gets the record.
    this.store.add(endpoint.onReady(() => this.record && endpoint.notify(improveLoad, { record: this.record })));
    this.store.add(panel.onDidDispose(() => this.store.dispose()));
    this.store.add(endpoint.handle(improveAcceptChange, () => this.accept()));
    this.store.add(endpoint.handle(improveRejectChange, ({ keepBranch }) => this.reject(keepBranch)));
    this.store.add(endpoint.handle(improveOpenFile, async ({ path }) => {
      const folder = diskFolders()[0];
      if (!folder) throw new WebviewRequestError('failed', 'No workspace folder is open.');
      await openReportedFile(folder, this.loaded(), path);
      return null;
    }));
    this.store.add(endpoint.handle(improveOpenTrace, async () => {
      await vscode.commands.executeCommand(commandIds.openTrace, { runId: this.runId });
      return null;
    }));
  }

  get testing(): OpenReportPanel {
    // Read when asked: the record and the title change as the person decides.
    const title = () => this.panel.title;
    const record = () => this.record;
    return {
      runId: this.runId,
      get title() {
        return title();
      },
      get record() {
        return record();
      },
      receive: (raw) => this.page.endpoint.receive(raw),
      counts: () => this.page.counts(),
      recentlyPosted: () => this.page.recentlyPosted(),
    };
  }

  /** Reads the record again and tells the page. */
  async reload(): Promise<ImproveRecord> {
    const record = await this.deps.features.request(improveGet, { runId: this.runId });
    this.record = record;
    this.panel.title = panelTitle(record, this.runId);
    this.page.endpoint.notify(improveLoad, { record });
    return record;
  }

  private loaded(): ImproveRecord {
    if (!this.record) throw new WebviewRequestError('notReady', 'The change report is still loading.');
    return this.record;
  }

  private async accept(): Promise<{ changeSetId: string }> {
    const record = this.loaded();
    if (record.state !== 'ready' || record.report?.offered !== true) throw new WebviewRequestError('failed', 'This improvement is not offered for acceptance (not every gate passed, or it was decided already).');
    const accepted = await this.deps.features.request(improveAccept, { runId: this.runId });
    this.deps.log.info(`Improve ${this.runId}: accepted as change set ${accepted.changeSetId}`);
    await this.reload();
    await this.deps.review(accepted.changeSetId);
    return accepted;
  }

  private async reject(keepBranch: boolean): Promise<{ branch: string; worktree: string; kept: boolean }> {
    const record = this.loaded();
    if (record.state !== 'ready' && record.state !== 'blocked') throw new WebviewRequestError('failed', `This improvement is ${record.state}: there is nothing to reject.`);
    const rejected = await this.deps.features.request(improveReject, { runId: this.runId, keepBranch });
    this.deps.log.info(`Improve ${this.runId}: rejected${rejected.kept ? `, the branch ${rejected.branch} kept at ${rejected.worktree}` : ''}`);
    await this.reload();
    if (rejected.kept) void vscode.window.showInformationMessage(`Nova: the branch ${rejected.branch} and its worktree ${rejected.worktree} were kept for inspection.`);
    return rejected;
  }

  dispose(): void {
    this.panel.dispose();
  }
}

export class ReportPanels implements vscode.Disposable {
  private readonly panels = new Map<string, ReportPanel>();

  constructor(private readonly deps: ReportPanelDeps) {}

  /** Opens the improvement's report (or reveals it, reading the record again). */
  async open(runId: string): Promise<ImproveRecord> {
    const known = this.panels.get(runId);
    if (known) {
      known.panel.reveal(known.panel.viewColumn ?? vscode.ViewColumn.Active);
      return known.reload();
    }
    const panel = vscode.window.createWebviewPanel(improvePanelType, panelTitle(undefined, runId), vscode.ViewColumn.Active, { enableFindWidget: true });
    const shown = new ReportPanel(panel, runId, this.deps);
    this.panels.set(runId, shown);
    panel.onDidDispose(() => this.panels.get(runId) === shown && this.panels.delete(runId));
    try {
      return await shown.reload();
    } catch (error) {
      // No such improvement (or the server could not say): no empty panel is left open.
      panel.dispose();
      throw error;
    }
  }

  /** Every open report panel, oldest first. */
  list(): readonly OpenReportPanel[] {
    return [...this.panels.values()].map((panel) => panel.testing);
  }

  dispose(): void {
    for (const panel of [...this.panels.values()]) panel.dispose();
    this.panels.clear();
  }
}
