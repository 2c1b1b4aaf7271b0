/**
 * The improve loop's commands: "Nova: Improve…" (`nova.improve`: the command palette, the explorer's
 * and the editor's context menus), "Nova: Improve the Agents" (`nova.improveAgents`) and "Nova:
 * Open Change Report" (`nova.openImprovement`: the palette, the Runs view, a chat card). This half
 * lives in the extension host bundle and stays light: the first command loads the heavy half from
 * the client bundle (client/improve/improveFeature.ts: the pickers, the progress, the report panels).
 */
import * as vscode from 'vscode';
import { commandIds } from './contributions';
import type { CreateImproveFeature, ImproveAsk, ImproveFeature, ImproveOutcome, ImproveTesting, ReportOpened } from './improveSession';
import type { LazyServer } from './lazyServer';
import type { ChangeSets } from './proposals/changeSets';
import { runIdPattern } from './traceFiles';

/** What a caller (a test, another extension) may hand `nova.improve`: the answers instead of the questions. */
function givenOf(argument: unknown): ImproveAsk | undefined {
  if (typeof argument !== 'object' || argument === null || argument instanceof vscode.Uri) return undefined;
  const { scope, goal, origin } = argument as { scope?: unknown; goal?: unknown; origin?: unknown };
  return {
    ...(origin === 'chat' ? { origin } : {}),
    ...(Array.isArray(scope) && scope.every((glob) => typeof glob === 'string') ? { scope: scope as string[] } : {}),
    ...(typeof goal === 'string' ? { goal } : {}),
  };
}

/** The run named by `nova.openImprovement`'s argument: `{runId}` (a chat card, a test) or a Runs view row. */
function runIdOf(argument: unknown): string | undefined {
  if (typeof argument !== 'object' || argument === null) return undefined;
  const { runId } = argument as { runId?: unknown };
  return typeof runId === 'string' && runIdPattern.test(runId) ? runId : undefined;
}

/** Registers the improve commands; returns the seams for Nova's tests (loading the heavy half on first use). */
export function registerImprove(
  context: vscode.ExtensionContext,
  server: LazyServer,
  changeSets: ChangeSets,
  beforeRun: () => Promise<unknown>,
  log: vscode.LogOutputChannel,
): { readonly testing: () => ImproveTesting } {
  let feature: ImproveFeature | undefined;
  const loaded = (): ImproveFeature => {
    if (!feature) {
      // Left outside dist/extension.js on purpose (tools/bundle.ts): dist/client/main.js, or out/src/extension/client/main.js.
      const { createImproveFeature } = require('./client/main') as { createImproveFeature: CreateImproveFeature };
      feature = createImproveFeature({
        context,
        log,
        features: server.features,
        beforeRun,
        review: async (changeSetId) => {
          await changeSets.refresh();
          return vscode.commands.executeCommand(commandIds.openProposalDiff, { changeSetId });
        },
      });
      context.subscriptions.push(feature);
    }
    return feature;
  };
  const failed = (what: string) => (error: unknown) => {
    const message = error instanceof Error ? error.message : String(error);
    log.error(`${what}: ${error instanceof Error ? (error.stack ?? message) : message}`);
    void vscode.window.showErrorMessage(`Nova: ${what}: ${message}`);
    return { started: false, reason: message } as const;
  };
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.improve, (argument?: unknown): Promise<ImproveOutcome> =>
      loaded().improve('code', argument instanceof vscode.Uri ? argument : undefined, givenOf(argument)).catch(failed('the improvement did not start')),
    ),
    vscode.commands.registerCommand(commandIds.improveAgents, (argument?: unknown): Promise<ImproveOutcome> => loaded().improve('agents', undefined, givenOf(argument)).catch(failed('the improvement did not start'))),
    vscode.commands.registerCommand(commandIds.openImprovement, (argument?: unknown): Promise<ReportOpened> =>
      loaded()
        .openReport(runIdOf(argument))
        .catch((error: unknown) => ({ opened: false, reason: failed('the change report could not be opened')(error).reason })),
    ),
  );
  return { testing: () => loaded().testing };
}
