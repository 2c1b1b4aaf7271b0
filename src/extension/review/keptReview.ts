/**
 * A window opened on a workspace with a kept review (`.nova/review/last.json`, which package.json
 * also activates Nova on) gets its findings back at once — diagnostics, the Findings view and the
 * comment threads — without waiting for the person to use a Nova feature: listing them starts the
 * server, which publishes the kept review again.
 */
import * as vscode from 'vscode';
import type { ReviewFindings } from './reviewFindings';

export function restoreKeptReview(findings: ReviewFindings, log: vscode.LogOutputChannel): void {
  void (async () => {
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      const kept = vscode.Uri.joinPath(folder.uri, '.nova', 'review', 'last.json');
      const exists = await vscode.workspace.fs.stat(kept).then(
        () => true,
        () => false,
      );
      if (!exists) continue;
      log.info(`Nova: restoring the last review kept in ${vscode.workspace.asRelativePath(kept)}`);
      await findings.load();
      return;
    }
  })();
}
