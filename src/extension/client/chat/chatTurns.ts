/**
 * What happens to a message the person sends: it becomes a turn of the open chat, and the chat
 * answers it — `/agents` and `/new` without a run, `/review` alone with Nova's analyzers, `/improve`
 * with the improve loop (chatImprove.ts), the rest
 * with a team run (nova/run.start) whose notifications become the turn's updates. Before any run,
 * the person is asked about workspace agent files that wait (the agent-file consent), so no run
 * loads one nobody reviewed.
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import type { AgentsListResult } from '../../../protocol/agents';
import { reviewRun } from '../../../protocol/review';
import { chatSend } from '../../../protocol/chat';
import { improveCancel } from '../../../protocol/improve';
import { runCancel } from '../../../protocol/run';
import { newTurn, type ContextChip, type Prompt, type TranscriptUpdate, type Turn, type TurnStatus } from '../../../protocol/webview/transcript';
import type { ServerFeatures } from '../../serverFeatures';
import { chipFiles, taskText, type ChipContent } from './chatContext';
import { startImproveTurn } from './chatImprove';
import { isChatInputProblem, readChatInput } from './chatInput';
import type { RunNotice, RunStream } from './runStream';
import { updateFromNotice } from './runStream';
import { analyzersName, reviewVerdict } from './reviewVerdict';
import { publishedFindings } from './workspaceReview';

/** What the turns need of the chat around them. */
export interface TurnHost {
  readonly features: ServerFeatures;
  readonly runs: RunStream;
  /** The agent-file consent, as the "Review Workspace Agent Files" command asks it. */
  reviewAgentFiles(): Promise<AgentsListResult>;
  /** The names of the loaded team (loads it first if needed). */
  teamNames(): Promise<string[]>;
  /** The team as the consent left it. */
  teamLoaded(listed: AgentsListResult): void;
  /** What the kept chips stand for now. */
  contentOf(chips: readonly ContextChip[]): ChipContent;
  /** Applies an update to a chat (and posts it when that chat is open). */
  update(chatId: string, update: TranscriptUpdate): void;
  /** Starts a new chat (`/new`). */
  newChat(): void;
  /** A turn ended: save now. */
  turnEnded(): void;
}

/** A turn whose reply is still coming. */
interface Running {
  readonly chatId: string;
  runId?: string;
  cancelled: boolean;
  readonly review?: vscode.CancellationTokenSource;
  follow?: { dispose(): void };
  /** The run is an improvement: cancelling it is nova/improve.cancel (its worktree is removed). */
  improve?: boolean;
}

export class ChatTurns {
  private readonly running = new Map<string, Running>();

  constructor(private readonly host: TurnHost) {}

  /** The place of a run this chat follows; with no run id, the only running turn that has a run. */
  placeOf(runId: string | undefined): { chatId: string; turnId: string } | undefined {
    const entries = [...this.running.entries()].filter(([, turn]) => turn.runId !== undefined);
    const found = runId === undefined ? (entries.length === 1 ? entries[0] : undefined) : entries.find(([, turn]) => turn.runId === runId);
    return found ? { chatId: found[1].chatId, turnId: found[0] } : undefined;
  }

  /** Whether a turn's reply is still coming. */
  isRunning(turnId: string): boolean {
    return this.running.has(turnId);
  }

  /** Starts a turn for `text` with the kept chips (and a notice for chips no longer offered); returns its id. */
  async send(chatId: string, text: string, chips: ContextChip[], stale: readonly string[]): Promise<string> {
    const read = readChatInput(text, await this.host.teamNames());
    const prompt: Prompt = { text, chips, ...(!isChatInputProblem(read) && read.command ? { command: read.command } : {}), ...(!isChatInputProblem(read) && read.agent ? { agent: read.agent } : {}) };
    if (!isChatInputProblem(read) && read.command === 'new') {
      this.host.newChat();
      return `new-${randomUUID()}`;
    }
    const turnId = randomUUID();
    this.host.update(chatId, { type: 'turnStarted', turn: newTurn(turnId, prompt, Date.now()) });
    if (stale.length > 0) this.notice(chatId, turnId, 'warning', `${stale.length} context chip${stale.length === 1 ? ' was' : 's were'} no longer on offer (the editor changed) and left out.`);
    if (isChatInputProblem(read)) {
      this.notice(chatId, turnId, 'error', read.problem);
      this.end(chatId, turnId, 'failed');
      return turnId;
    }
    const running: Running = { chatId, cancelled: false };
    this.running.set(turnId, running);
    void this.answer(chatId, turnId, running, prompt, read.rest).catch((error: unknown) => {
      if (!this.running.has(turnId)) return;
      this.notice(chatId, turnId, 'error', error instanceof Error ? error.message : String(error));
      this.end(chatId, turnId, running.cancelled ? 'cancelled' : 'failed');
    });
    return turnId;
  }

  /** Sends a turn's message again, as a new turn with the same chips. */
  retry(chatId: string, turn: Turn): Promise<string> {
    return this.send(chatId, turn.prompt.text, [...turn.prompt.chips], []);
  }

  /** Stops a running reply; false when it had already ended. */
  async cancel(turnId: string): Promise<boolean> {
    const running = this.running.get(turnId);
    if (!running) return false;
    running.cancelled = true;
    running.review?.cancel();
    if (running.runId) {
      const { cancelled } = await this.host.features.request(running.improve ? improveCancel : runCancel, { runId: running.runId });
      if (!cancelled) return false;
    } else if (!running.review) {
      // Not started yet (the consent, or nova/run.start, is under way): it ends here, and `answer` stops its run.
      this.end(running.chatId, turnId, 'cancelled');
    }
    return true;
  }

  /** The view closes: replies stop being followed (their runs are cancelled, so none runs unseen). */
  dispose(): void {
    for (const [turnId, running] of [...this.running]) {
      running.review?.cancel();
      if (running.runId) void this.host.features.request(running.improve ? improveCancel : runCancel, { runId: running.runId }).catch(() => undefined);
      this.notice(running.chatId, turnId, 'warning', 'The chat view closed while this reply was running; it was cancelled.');
      this.end(running.chatId, turnId, 'cancelled');
    }
  }

  private async answer(chatId: string, turnId: string, running: Running, prompt: Prompt, rest: string): Promise<void> {
    if (prompt.command === 'agents') {
      const listed = await this.host.features.listAgents();
      this.host.update(chatId, {
        type: 'team',
        turnId,
        agents: listed.agents,
        problems: [...listed.problems, ...listed.pending.map((file) => `${file.path} (agent "${file.name}") waits for your review: ${file.reasons.join('; ')}.`)],
      });
      return this.end(chatId, turnId, 'completed');
    }
    if (prompt.command === 'review' && rest === '' && !prompt.agent) return this.review(chatId, turnId, running);
    if (prompt.command === 'improve' && !prompt.agent) return this.improve(chatId, turnId, running, rest, chipFiles(prompt.chips));

    const listed = await this.host.reviewAgentFiles();
    this.host.teamLoaded(listed);
    if (running.cancelled) return;
    const task = taskText(prompt.text, this.host.contentOf(prompt.chips));
    const files = chipFiles(prompt.chips);
    // nova/chat.send: the run is the chat's (the Runs view says so), at the front door or at the @agent.
    const { runId, budget } = await this.host.features.request(chatSend, { text: task, ...(prompt.agent ? { agent: prompt.agent } : {}), ...(files.length > 0 ? { files } : {}) });
    if (running.cancelled) {
      // Cancelled while the run was starting: the turn already says so; the run stops unseen.
      await this.host.features.request(runCancel, { runId });
      return;
    }
    running.runId = runId;
    this.host.update(chatId, { type: 'runStarted', turnId, runId, ...(budget ? { budget } : {}) });
    running.follow = this.host.runs.follow(runId, (notice) => this.onNotice(chatId, turnId, notice));
  }

  private onNotice(chatId: string, turnId: string, notice: RunNotice): void {
    const update = updateFromNotice(turnId, notice, Date.now());
    if (notice.kind === 'ended') {
      const running = this.running.get(turnId);
      running?.follow?.dispose();
      this.running.delete(turnId);
      for (const problem of notice.params.result.traceProblems) this.notice(chatId, turnId, 'warning', problem);
      if (update) this.host.update(chatId, update);
      this.host.turnEnded();
      return;
    }
    if (update) this.host.update(chatId, update);
  }

  private async improve(chatId: string, turnId: string, running: Running, goal: string, files: readonly string[]): Promise<void> {
    const outcome = await startImproveTurn(this.host, chatId, turnId, goal, files);
    if (!outcome.started) {
      this.notice(chatId, turnId, running.cancelled ? 'info' : 'warning', outcome.reason);
      return this.end(chatId, turnId, running.cancelled ? 'cancelled' : 'failed');
    }
    running.runId = outcome.runId;
    running.improve = true;
    if (running.cancelled) await this.host.features.request(improveCancel, { runId: outcome.runId });
    const card = await outcome.ended;
    if (!this.running.has(turnId)) return;
    const status = card.state === 'cancelled' ? 'cancelled' : card.state === 'failed' ? 'failed' : 'completed';
    this.end(chatId, turnId, status);
  }

  private async review(chatId: string, turnId: string, running: Running): Promise<void> {
    const source = new vscode.CancellationTokenSource();
    const withReview: Running = { ...running, review: source };
    this.running.set(turnId, withReview);
    try {
      const review = await this.host.features.request(reviewRun, {}, source.token);
      if (withReview.cancelled || source.token.isCancellationRequested) return this.end(chatId, turnId, 'cancelled');
      for (const problem of review.problems) this.notice(chatId, turnId, 'warning', problem);
      const verdict = reviewVerdict(review, publishedFindings(review.uris));
      this.end(chatId, turnId, 'completed', [{ agent: analyzersName, contract: 'ReviewVerdict', payload: verdict }]);
    } catch (error) {
      if (source.token.isCancellationRequested) return this.end(chatId, turnId, 'cancelled');
      throw error;
    } finally {
      source.dispose();
    }
  }

  private notice(chatId: string, turnId: string, level: 'info' | 'warning' | 'error', text: string): void {
    this.host.update(chatId, { type: 'notice', turnId, level, text });
  }

  private end(chatId: string, turnId: string, status: Exclude<TurnStatus, 'running'>, results: { agent: string; contract: string; payload: unknown }[] = []): void {
    this.running.get(turnId)?.follow?.dispose();
    this.running.delete(turnId);
    this.host.update(chatId, { type: 'ended', turnId, status, results, proposalIds: [], endedAt: Date.now() });
    this.host.turnEnded();
  }
}
