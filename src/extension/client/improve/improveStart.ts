/**
 * Starting an improvement from the editor ("Nova: Improve…", "Nova: Improve the Agents", an
 * explorer or editor context menu): the scope and the goal asked (or given by the caller), then
 * nova/improve.preflight — in Restricted Mode, outside a git repository or before its first commit
 * nothing starts and the person is told why; uncommitted or unsaved work in the scope is put to
 * them in a modal before anything starts — then nova/improve.start, followed in a cancellable
 * progress notification phase by phase (Cancel → nova/improve.cancel) until the run ends.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import picomatch from 'picomatch';
import * as vscode from 'vscode';
import type { ImprovePreset, ImproveRequest } from '../../../core/improve/record';
import { improveCancel, improvePreflight, improveStart } from '../../../protocol/improve';
import { gateLine, improvePhaseWords } from '../../../protocol/webview/improve';
import type { ServerFeatures } from '../../serverFeatures';
import { diskFolders } from '../../workspaceTargets';
import type { EndedNotice, ImproveRuns } from './improveRuns';
import type { ImprovePrompts } from './improvePrompts';
import { scopeChoices, type ScopeTarget } from './scopeChoices';

/** What a start came to (the commands return it, for Nova's tests). */
export type ImproveOutcome =
  | { readonly started: false; readonly reason: string }
  | { readonly started: true; readonly runId: string; readonly dirtyInScope: readonly string[]; readonly ended: Promise<EndedNotice> };

/** What a caller may decide instead of asking: the scope, the goal, or both. */
export interface ImproveAsk {
  readonly scope?: readonly string[];
  readonly goal?: string;
  readonly preset?: ImprovePreset;
  /** `chat`: the chat shows the phases and offers the report on its card (no progress notification, no panel opened at the end). */
  readonly origin?: 'chat';
}

export interface ImproveStartDeps {
  readonly features: ServerFeatures;
  readonly runs: ImproveRuns;
  readonly prompts: () => ImprovePrompts;
  /** The agent-file consent, asked before any run (so no run loads a file nobody reviewed). */
  readonly beforeRun: () => Promise<unknown>;
  /** The run ended: its report opens. */
  readonly ended: (notice: EndedNotice) => void;
  readonly log: vscode.LogOutputChannel;
}

/** The improve loop's own definitions: the workspace's agent files, and the shipped ones in Nova's own repository. */
function agentScope(folder: string): string[] {
  const scope = ['.nova/agents/**'];
  try {
    const manifest = JSON.parse(readFileSync(join(folder, 'package.json'), 'utf8')) as { name?: unknown; publisher?: unknown };
    if (manifest.name === 'nova' && manifest.publisher === 'nova-team' && existsSync(join(folder, 'agents'))) scope.push('agents/**');
  } catch {
    // no package.json, or not Nova's: only the workspace's agent files
  }
  return scope;
}

/** Where the command was invoked, relative to `folder`: the clicked resource, else the active editor's file. */
async function scopeTarget(folder: vscode.WorkspaceFolder, clicked: vscode.Uri | undefined): Promise<ScopeTarget | undefined> {
  const uri = clicked ?? vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme !== 'file') return undefined;
  const path = relative(folder.uri.fsPath, uri.fsPath);
  if (path.startsWith('..') || path.startsWith(sep) || /^[A-Za-z]:/.test(path)) return undefined;
  const isFolder = clicked ? ((await vscode.workspace.fs.stat(uri).then((stat) => stat.type, () => vscode.FileType.File)) & vscode.FileType.Directory) !== 0 : false;
  return { relative: path.split(sep).join('/'), isFolder };
}

/** Editors with unsaved edits whose files are in the scope. */
function unsavedIn(folder: vscode.WorkspaceFolder, scope: readonly string[]): string[] {
  const inScope = picomatch([...scope], { dot: true });
  return vscode.workspace.textDocuments
    .filter((document) => document.isDirty && document.uri.scheme === 'file')
    .map((document) => relative(folder.uri.fsPath, document.uri.fsPath).split(sep).join('/'))
    .filter((path) => !path.startsWith('..') && inScope(path));
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class ImproveStarter {
  constructor(private readonly deps: ImproveStartDeps) {}

  /** Asks what is not given, checks, starts and follows one improvement. */
  async start(target: ImproveRequest['target'], clicked: vscode.Uri | undefined, given: ImproveAsk = {}): Promise<ImproveOutcome> {
    const title = target === 'agents' ? 'Nova: Improve the Agents' : 'Nova: Improve…';
    if (!vscode.workspace.isTrusted) return this.refused('Restricted Mode: the improve loop runs agents, commands and your tests, so it starts only in a trusted workspace. Nothing was started.');
    const folder = diskFolders()[0];
    if (!folder) return this.refused('Open a folder first: the improve loop works on a git repository on disk.');
    const prompts = this.deps.prompts();
    const scope = given.scope ?? (target === 'agents' ? agentScope(folder.uri.fsPath) : await prompts.scope(scopeChoices(await scopeTarget(folder, clicked)), title));
    if (!scope || scope.length === 0) return { started: false, reason: 'No scope was picked.' };
    const asked = given.goal !== undefined ? { goal: given.goal, ...(given.preset ? { preset: given.preset } : {}) } : await prompts.goal(title);
    if (!asked || asked.goal.trim() === '') return { started: false, reason: 'No goal was given.' };
    const request: ImproveRequest = { scope: [...scope], goal: asked.goal.trim(), ...(asked.preset ? { preset: asked.preset } : {}), target };

    let preflight: { dirtyInScope: string[]; problem?: string | undefined };
    try {
      preflight = await this.deps.features.request(improvePreflight, { scope: request.scope, target: request.target });
    } catch (error) {
      return this.refused(`The improvement could not be checked: ${messageOf(error)}`);
    }
    if (preflight.problem) return this.refused(`${preflight.problem} Nothing was started.`);
    const unsavedInScope = unsavedIn(folder, request.scope);
    if ((preflight.dirtyInScope.length > 0 || unsavedInScope.length > 0) && !(await prompts.startAnyway({ dirtyInScope: preflight.dirtyInScope, unsavedInScope }))) {
      return { started: false, reason: 'Cancelled: the scope has uncommitted or unsaved work.' };
    }
    await this.deps.beforeRun();
    let started: { runId: string; dirtyInScope: string[] };
    try {
      started = await this.deps.features.request(improveStart, request);
    } catch (error) {
      return this.refused(`The improvement did not start: ${messageOf(error)}`);
    }
    this.deps.log.info(`Improve ${started.runId}: ${request.goal} (scope ${request.scope.join(', ')})`);
    const ended = this.deps.runs.ended(started.runId);
    if (given.origin !== 'chat') {
      void this.progress(started.runId, request.goal, ended);
      void ended.then((notice) => this.deps.ended(notice));
    }
    return { started: true, runId: started.runId, dirtyInScope: started.dirtyInScope, ended };
  }

  /** The progress notification: each phase as it starts, each gate's outcome as it ends; Cancel cancels the run. */
  private progress(runId: string, goal: string, ended: Promise<EndedNotice>): Thenable<void> {
    const clipped = goal.length > 60 ? `${goal.slice(0, 59)}…` : goal;
    return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Nova: improving — ${clipped}`, cancellable: true }, async (progress, token) => {
      const following = this.deps.runs.follow(runId, {
        phase: (notice) => {
          if (notice.status === 'started') progress.report({ message: `${improvePhaseWords[notice.phase]}…` });
          else if (notice.gate) progress.report({ message: gateLine(notice.gate) });
        },
      });
      const cancelling = token.onCancellationRequested(() => {
        void this.deps.features.request(improveCancel, { runId }).catch((error: unknown) => this.deps.log.warn(`Improve ${runId}: cancelling failed: ${messageOf(error)}`));
      });
      try {
        await ended;
      } finally {
        following.dispose();
        cancelling.dispose();
      }
    });
  }

  private refused(reason: string): ImproveOutcome {
    void vscode.window.showWarningMessage(`Nova: ${reason}`);
    return { started: false, reason };
  }
}
