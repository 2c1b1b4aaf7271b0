/**
 * The improve loop in the editor, assembled: the window's improve runs (one subscription to their
 * notifications), starting one (improveStart.ts), the change report panels (reportPanels.ts) with
 * the base side of their diffs, and "Nova: Open Change Report" over the recorded improvements
 * (nova/improve.list). Made once, the first time an improve command runs.
 */
import * as vscode from 'vscode';
import { improveList } from '../../../protocol/improve';
import { improveStateWords } from '../../../protocol/webview/improve';
import { DisposableStore } from '../../disposableStore';
import type { ImproveDeps, ImproveFeature, ReportOpened } from '../../improveSession';
import { diskFolders } from '../../workspaceTargets';
import { dialogImprovePrompts, type ImprovePrompts } from './improvePrompts';
import { improveRunsOf } from './improveRuns';
import { ImproveStarter } from './improveStart';
import { registerBaseFiles } from './reportedFiles';
import { ReportPanels } from './reportPanels';

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export function createImproveFeature(deps: ImproveDeps): ImproveFeature {
  const store = new DisposableStore();
  const { features, log } = deps;
  let prompts: ImprovePrompts = dialogImprovePrompts;
  const runs = improveRunsOf(features);
  const reports = store.add(new ReportPanels({ extensionUri: deps.context.extensionUri, features, review: (id) => deps.review(id), log }));
  store.add(registerBaseFiles(() => diskFolders()[0]?.uri.fsPath));

  const openReport = async (runId: string | undefined): Promise<ReportOpened> => {
    const id = runId ?? (await pickImprovement());
    if (id === undefined) return { opened: false, reason: 'No improvement was picked.' };
    try {
      const record = await reports.open(id);
      return { opened: true, runId: id, state: record.state };
    } catch (error) {
      const reason = `The change report of ${id} could not be opened: ${messageOf(error)}`;
      void vscode.window.showWarningMessage(`Nova: ${reason}`);
      return { opened: false, reason };
    }
  };

  const pickImprovement = async (): Promise<string | undefined> => {
    const { improvements } = await features.request(improveList, {});
    const picked = await vscode.window.showQuickPick(
      improvements.map((improvement) => ({
        label: improvement.title ?? improvement.goal,
        description: `${improveStateWords[improvement.state]} · ${new Date(improvement.startedAt).toLocaleString()}`,
        detail: improvement.scope.join(', '),
        runId: improvement.runId,
      })),
      { title: 'Nova: open the change report of an improvement', placeHolder: improvements.length === 0 ? 'No improvements in this workspace yet' : 'Pick an improvement' },
    );
    return picked?.runId;
  };

  const starter = new ImproveStarter({
    features,
    runs,
    prompts: () => prompts,
    beforeRun: () => deps.beforeRun(),
    log,
    ended: (notice) => {
      log.info(`Improve ${notice.runId}: ${notice.state}${notice.error ? ` (${notice.error})` : ''}`);
      if (notice.state === 'cancelled') return void vscode.window.showInformationMessage('Nova: the improvement was cancelled; its worktree was removed.');
      if (notice.state === 'failed') void vscode.window.showErrorMessage(`Nova: the improvement failed: ${notice.error ?? 'see the trace'}.`);
      void openReport(notice.runId);
    },
  });

  return {
    improve: (target, clicked, given) => starter.start(target, clicked, given),
    openReport,
    testing: {
      answerWith: (replacement) => (prompts = replacement ?? dialogImprovePrompts),
      reports: () => reports.list(),
    },
    dispose: () => store.dispose(),
  };
}
