/**
 * `/improve <goal>` in the chat: the improve loop over the chat's context files (with none, the
 * scope is asked as "Nova: Improve…" asks it), started through `nova.improve` so the same checks
 * run (Restricted Mode, the repository, uncommitted work in the scope). The turn follows the run:
 * its card shows the phase under way and each gate's outcome, and ends with "Open the change report".
 */
import * as vscode from 'vscode';
import type { ImprovementCard, TranscriptUpdate } from '../../../protocol/webview/transcript';
import { commandIds } from '../../contributions';
import type { ImproveAsk, ImproveOutcome } from '../../improveSession';
import type { ServerFeatures } from '../../serverFeatures';
import { goalOf } from '../improve/goalChoices';
import { improveRunsOf } from '../improve/improveRuns';

/** What an improve turn needs of the chat. */
export interface ImproveTurnHost {
  readonly features: ServerFeatures;
  update(chatId: string, update: TranscriptUpdate): void;
}

/** How an improve turn came out: not started (and why), or started and ended. */
export type ImproveTurnOutcome = { readonly started: false; readonly reason: string } | { readonly started: true; readonly runId: string; readonly ended: Promise<ImprovementCard> };

export const improveUsage = 'Say what to improve after /improve, e.g. `/improve remove dead code` or `/improve simplify`; the files you attached (or the scope you pick) are what it may change.';

/** Starts the improvement and keeps the turn's card current until it ends. */
export async function startImproveTurn(host: ImproveTurnHost, chatId: string, turnId: string, goalText: string, files: readonly string[]): Promise<ImproveTurnOutcome> {
  const asked = goalOf(goalText);
  if (asked.goal === '') return { started: false, reason: improveUsage };
  const given: ImproveAsk = { ...asked, ...(files.length > 0 ? { scope: files } : {}), origin: 'chat' };
  const outcome = await vscode.commands.executeCommand<ImproveOutcome | undefined>(commandIds.improve, given);
  if (!outcome?.started) return { started: false, reason: outcome?.reason ?? 'The improvement did not start.' };
  const { runId } = outcome;
  host.update(chatId, { type: 'runStarted', turnId, runId });
  let card: ImprovementCard = { runId, goal: asked.goal, state: 'running', gates: [] };
  const show = (next: ImprovementCard) => host.update(chatId, { type: 'improvement', turnId, card: (card = next) });
  show(card);
  const following = improveRunsOf(host.features).follow(runId, {
    phase: (notice) => {
      if (notice.status === 'started') show({ ...card, phase: notice.phase });
      else if (notice.gate) show({ ...card, gates: [...card.gates, { gate: notice.gate.gate, title: notice.gate.title, status: notice.gate.status, summary: notice.gate.summary }] });
    },
  });
  const ended = outcome.ended.then((notice) => {
    following.dispose();
    const { phase: _phase, ...rest } = card;
    const report = notice.report;
    show({
      ...rest,
      state: notice.state,
      // The report's gates are the records as returned: they replace what the phases said.
      ...(report ? { title: report.title, offered: report.offered, gates: report.gates.map(({ gate, title, status, summary }) => ({ gate, title, status, summary })) } : {}),
      ...(notice.error ? { error: notice.error } : {}),
    });
    return card;
  });
  return { started: true, runId, ended };
}
