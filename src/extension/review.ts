/**
 * The review commands: "Nova: Review Workspace" (every TypeScript file), "Review Changes" (the files
 * git says changed against HEAD, staged and unstaged — the server asks git) and "Review File" (the
 * active editor's file). Nova's analyzers run in the server with progress, which says how many files
 * are done, and cancellation; findings appear file by file as the review goes — as diagnostics
 * (source "Nova") in the Problems view, in the Findings view and as comment threads — and a fixable
 * one offers a quick fix that creates a proposal. A large review with a key is then checked by the
 * team through a Message Batch: the same notification tells the batch's progress, its Cancel cancels
 * the request and so the batch, and the final message says what the team did (reviewWords.ts).
 */
import * as vscode from 'vscode';
import type { ParamsOf } from '../protocol/message';
import type { reviewRun } from '../protocol/review';
import { commandIds, viewIds } from './contributions';
import type { LazyServer } from './lazyServer';
import { openTraceArgs, openTraceCommand } from './traceCommand';
import { cancelledText, reviewSummary, teamProgressText, type ReviewResult } from './review/reviewWords';

type ReviewScope = ParamsOf<typeof reviewRun>;

export function registerReviewCommand(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): void {
  const review = (title: string, scope: ReviewScope) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, token) => {
      let done = 0;
      // Set by the team's first poll: from then on the notification tells the batch's progress, and Cancel cancels it.
      let teamStarted = false;
      const listening = [
        server.onReviewProgress(({ reviewed, total }) => {
          if (total === 0 || teamStarted) return;
          progress.report({ message: `${reviewed} of ${total} file(s)`, increment: ((reviewed - done) / total) * 100 });
          done = reviewed;
        }),
        server.onReviewTeamProgress((team) => {
          // A batch the last server left is collected on its own; this review is not waiting on it.
          if (team.resumed) return;
          teamStarted = true;
          progress.report({ message: teamProgressText(team) });
        }),
      ];
      try {
        const result = await server.features.request('nova/review.run', scope, token);
        for (const problem of result.problems) log.warn(`Review: ${problem}`);
        const team = result.team
          ? `; the team (batch ${result.team.batchId}${result.team.resumed ? ', resumed' : ''}) confirmed ${result.team.confirmed}, dismissed ${result.team.dismissed}, added ${result.team.added}, ${result.team.disagreements} disagreement(s)${result.team.traceRunId ? `, trace ${result.team.traceRunId}` : ''}`
          : '';
        log.info(`Review: ${result.findings} finding(s) in ${result.files} file(s)${result.dismissed ? `, ${result.dismissed} dismissed` : ''}${team}`);
        void showOutcome(result, log);
        return result;
      } catch (error) {
        if (token.isCancellationRequested) {
          log.info(cancelledText(teamStarted));
          if (teamStarted) void vscode.window.showInformationMessage(`Nova: ${cancelledText(true)}`);
          return undefined;
        }
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Review failed: ${message}`);
        void vscode.window.showErrorMessage(`Nova: the review failed: ${message}`);
        return undefined;
      } finally {
        for (const listener of listening) listener.dispose();
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

/** The final message, with a way to the findings when there are any, to the team's trace (who decided what) and to Nova's output when something went wrong. */
async function showOutcome(result: ReviewResult, log: vscode.LogOutputChannel): Promise<unknown> {
  const trace = result.team?.traceRunId;
  const actions = [
    ...(result.findings > 0 ? ['Show Findings', 'Show Problems'] : []),
    ...(trace === undefined ? [] : ["Show the Team's Trace"]),
    ...(result.files > 0 && result.problems.length > 0 ? ['Show Output'] : []),
  ];
  const choice = await vscode.window.showInformationMessage(reviewSummary(result), ...actions);
  if (choice === 'Show Findings') return vscode.commands.executeCommand(`${viewIds.findings}.focus`);
  if (choice === "Show the Team's Trace" && trace !== undefined) return vscode.commands.executeCommand(openTraceCommand, openTraceArgs(trace));
  if (choice === 'Show Problems') return vscode.commands.executeCommand('workbench.actions.view.problems');
  if (choice === 'Show Output') log.show(true);
  return undefined;
}
