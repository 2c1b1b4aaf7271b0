/**
 * "Nova: Review Workspace": Nova's analyzers over every TypeScript file of the workspace, in the
 * server, with progress and cancellation. Findings appear as diagnostics (source "Nova") in the
 * Problems view; a fixable one offers a quick fix that creates a proposal.
 */
import * as vscode from 'vscode';
import { commandIds } from './contributions';
import type { LazyServer } from './lazyServer';

export function registerReviewCommand(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): void {
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.reviewWorkspace, () =>
      vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Nova: reviewing the workspace…', cancellable: true }, async (_progress, token) => {
        try {
          const result = await server.features.request('nova/review.run', {}, token);
          for (const problem of result.problems) log.warn(`Review: ${problem}`);
          log.info(`Review: ${result.findings} finding(s) in ${result.files} file(s)`);
          const summary = `Nova reviewed ${result.files} file(s): ${result.findings === 0 ? 'no findings' : `${result.findings} finding(s), listed in Problems`}.`;
          void (result.findings > 0
            ? vscode.window.showInformationMessage(summary, 'Show Problems').then((choice) => choice && vscode.commands.executeCommand('workbench.actions.view.problems'))
            : vscode.window.showInformationMessage(summary));
          return result;
        } catch (error) {
          if (token.isCancellationRequested) return undefined;
          const message = error instanceof Error ? error.message : String(error);
          log.error(`Review failed: ${message}`);
          void vscode.window.showErrorMessage(`Nova: the review failed: ${message}`);
          return undefined;
        }
      }),
    ),
  );
}
