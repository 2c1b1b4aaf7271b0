/**
 * The review commands: "Nova: Review Workspace" (every TypeScript file), "Review Changes" (the files
 * git says changed against HEAD, staged and unstaged — the server asks git) and "Review File" (the
 * active editor's file). Nova's analyzers run in the server with progress, which says how many files
 * are done, and cancellation; findings appear file by file as the review goes — as diagnostics
 * (source "Nova") in the Problems view, in the Findings view and as comment threads — and a fixable
 * one offers a quick fix that creates a proposal.
 */
import * as vscode from 'vscode';
import type { ParamsOf } from '../protocol/message';
import type { reviewRun } from '../protocol/review';
import { commandIds, viewIds } from './contributions';
import type { LazyServer } from './lazyServer';

type ReviewScope = ParamsOf<typeof reviewRun>;

export function registerReviewCommand(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): void {
  const review = (title: string, scope: ReviewScope) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let done = 0;
      const listening = server.onReviewProgress(({ reviewed, total }) => {
        if (total === 0) return;
        progress.report({ message: `${reviewed} of ${total} file(s)`, increment: ((reviewed - done) / total) * 100 });
        done = reviewed;
      });
      try {
        const result = await server.features.request('nova/review.run', scope, token);
        for (const problem of result.problems) log.warn(`Review: ${problem}`);
        log.info(`Review: ${result.findings} finding(s) in ${result.files} file(s)${result.dismissed ? `, ${result.dismissed} dismissed` : ''}`);
        const dismissed = result.dismissed ? ` (${result.dismissed} you dismissed left out)` : '';
        const summary =
          result.files === 0
            ? `Nova found nothing to review: ${result.problems[0] ?? 'no TypeScript file in scope'}`
            : `Nova reviewed ${result.files} file(s): ${result.findings === 0 ? 'no findings' : `${result.findings} finding(s)`}${dismissed}.`;
        void (result.findings > 0
          ? vscode.window.showInformationMessage(summary, 'Show Findings', 'Show Problems').then((choice) => {
              if (choice === 'Show Findings') return vscode.commands.executeCommand(`${viewIds.findings}.focus`);
              return choice && vscode.commands.executeCommand('workbench.actions.view.problems');
            })
          : vscode.window.showInformationMessage(summary));
        return result;
      } catch (error) {
        if (token.isCancellationRequested) {
          log.info('Review cancelled; the files reviewed so far keep their findings.');
          return undefined;
        }
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Review failed: ${message}`);
        void vscode.window.showErrorMessage(`Nova: the review failed: ${message}`);
        return undefined;
      } finally {
        listening.dispose();
      }
    });

  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.reviewWorkspace, () => review('Nova: reviewing the workspace…', {})),
    vscode.commands.registerCommand(commandIds.reviewChanges, () => review('Nova: reviewing your changes against HEAD…', { changed: true })),
    vscode.commands.registerCommand(commandIds.reviewFile, (target?: vscode.Uri) => {
      const uri = target instanceof vscode.Uri ? target : vscode.window.activeTextEditor?.document.uri;
      if (!uri || uri.scheme !== 'file') {
        void vscode.window.showWarningMessage('Nova: open a TypeScript file of the workspace to review it.');
        return undefined;
      }
      return review(`Nova: reviewing ${vscode.workspace.asRelativePath(uri)}…`, { paths: [uri.fsPath] });
    }),
  );
}
