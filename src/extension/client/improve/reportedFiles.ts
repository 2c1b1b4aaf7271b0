/**
 * Opening a file the change report lists: while the improvement's branch exists (its worktree is
 * there), the diff of that file from the commit the improvement started at to the worktree — the
 * left side read from git (`<base>:./<path>`, through a read-only document of the
 * `nova-improve-base` scheme), the right side the worktree's file; once the branch is gone
 * (accepted, rejected), the file in the working tree. The path must be one the report lists.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as vscode from 'vscode';
import type { ImproveRecord } from '../../../core/improve/record';

const run = promisify(execFile);

/** The scheme of a file's side at the improvement's base commit. */
export const baseScheme = 'nova-improve-base';

const commitPattern = /^[0-9a-f]{7,64}$/;

/** A file at a commit, read from the repository the workspace folder is in (no shell; the commit checked). */
async function atCommit(folder: string, commit: string, path: string): Promise<string> {
  if (!commitPattern.test(commit)) throw new Error(`${commit} is not a commit.`);
  const { stdout } = await run('git', ['show', `${commit}:./${path}`], { cwd: folder, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** The read-only documents of a file at the base commit: `nova-improve-base:/<path>?<commit>`. */
export function registerBaseFiles(folder: () => string | undefined): vscode.Disposable {
  return vscode.workspace.registerTextDocumentContentProvider(baseScheme, {
    provideTextDocumentContent: async (uri) => {
      const root = folder();
      if (!root) throw new Error('No workspace folder is open.');
      return atCommit(root, uri.query, uri.path.replace(/^\//, ''));
    },
  });
}

/** Where the worktree holds the workspace folder's files: its root plus the folder's place in the repository. */
async function worktreeFolder(folder: string, worktree: string): Promise<string> {
  const { stdout } = await run('git', ['rev-parse', '--show-prefix'], { cwd: folder });
  return join(worktree, stdout.trim());
}

/** Opens `path` of `record`'s report as the report panel's click asks (see the file comment). */
export async function openReportedFile(folder: vscode.WorkspaceFolder, record: ImproveRecord, path: string): Promise<void> {
  const report = record.report;
  const file = report?.files.find((candidate) => candidate.path === path);
  if (!report || !file) throw new Error(`${path} is not a file of this improvement's report.`);
  const branchExists = record.state === 'ready' || record.state === 'blocked' || (record.state === 'rejected' && record.keptBranch === true);
  const inWorkspace = vscode.Uri.joinPath(folder.uri, ...path.split('/'));
  if (!branchExists) {
    await vscode.window.showTextDocument(inWorkspace, { preview: true });
    return;
  }
  const base = vscode.Uri.from({ scheme: baseScheme, path: `/${path}`, query: report.base });
  if (file.change === 'deleted') {
    await vscode.window.showTextDocument(base, { preview: true });
    return;
  }
  const changed = vscode.Uri.file(join(await worktreeFolder(folder.uri.fsPath, report.worktree), ...path.split('/')));
  if (file.change === 'added') {
    await vscode.window.showTextDocument(changed, { preview: true });
    return;
  }
  await vscode.commands.executeCommand('vscode.diff', base, changed, `${path} (HEAD ↔ improvement)`, { preview: true });
}
