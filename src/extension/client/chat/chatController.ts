/**
 * The chat view's extension side: one per resolved view. It owns the view's endpoint (every
 * message from the page is checked there against the chat's descriptors; what fails is refused
 * and changes nothing), the open chat and the history, the context chips and the model banner,
 * and answers each of the page's requests. Runs, questions and proposals go to the server through
 * the generic client (`ServerFeatures.request` / `onNotification`).
 */
import { randomUUID } from 'node:crypto';
import * as vscode from 'vscode';
import { proposalsAdd, proposalsList } from '../../../protocol/proposals';
import {
  chatAnswerApproval,
  chatAnswerEscalation,
  chatCancel,
  chatChats,
  chatContext,
  chatCopy,
  chatFocus,
  chatModel,
  chatNew,
  chatOpen,
  chatOpenLocation,
  chatOpenImprovement,
  chatOpenTrace,
  chatProposeCode,
  chatRetry,
  chatReviewChanges,
  chatSend,
  chatSetApiKey,
  chatState,
  chatTeam,
  chatUpdate,
} from '../../../protocol/webview/chat';
import type { WebviewEndpoint } from '../../../protocol/webview/endpoint';
import { WebviewRequestError, type WebviewRequest } from '../../../protocol/webview/message';
import { applyUpdate, newChat, type Chat, type TranscriptUpdate } from '../../../protocol/webview/transcript';
import type { TeamMember } from '../../../protocol/team';
import type { AgentsListResult } from '../../../protocol/agents';
import { commandIds } from '../../contributions';
import { DisposableStore, toDisposable } from '../../disposableStore';
import { openTraceArgs, openTraceCommand } from '../../traceCommand';
import type { ChatViewDeps, ChatViewSession } from '../../chatViewSession';
import { modalQuestions } from '../modalQuestions';
import { keptChips } from './chatContext';
import { ChatHistory, chatHistoryKey, loadHistory } from './chatHistory';
import { currentChatModel, watchChatModel } from './chatModel';
import { ChatQuestions } from './chatQuestions';
import { ChatTurns } from './chatTurns';
import { codeProposal } from './codeBlockProposal';
import { pickCodeTarget } from './codeProposal';
import { ContextChips } from './contextChips';
import { openLocation } from './openLocation';
import { reviewProposal } from './proposalReview';
import { RunStream } from './runStream';
import { pageEndpoint, type PageEndpoint } from '../pageEndpoint';

export class ChatController implements ChatViewSession {
  private readonly store = new DisposableStore();
  private readonly endpoint: WebviewEndpoint;
  private readonly history: ChatHistory;
  private readonly chips: ContextChips;
  private readonly turns: ChatTurns;
  private readonly questions: ChatQuestions;
  private chat: Chat;
  private team: TeamMember[] | undefined;
  private teamLoading: Promise<TeamMember[]> | undefined;
  private readonly page: PageEndpoint;

  constructor(private readonly deps: ChatViewDeps) {
    const { webview, context, log, features } = deps;
    this.page = pageEndpoint(webview, log, 'Chat view');
    this.endpoint = this.store.add(this.page.endpoint);
    this.store.add(webview.onDidReceiveMessage((raw: unknown) => this.endpoint.receive(raw)));

    const loaded = loadHistory(context.workspaceState);
    for (const problem of loaded.problems) log.warn(`Chat history: ${problem}`);
    this.history = new ChatHistory(context.workspaceState, loaded.chats, loaded.openChatId, (message) => log.error(message));
    this.store.add(toDisposable(() => void this.history.dispose()));
    this.stopInterrupted(loaded.chats);
    this.chat = loaded.chats.find((chat) => chat.id === loaded.openChatId) ?? newChat(randomUUID(), Date.now());
    this.history.open(this.chat);

    const runs = this.store.add(new RunStream(features));
    this.chips = this.store.add(new ContextChips((chips) => this.endpoint.notify(chatContext, { chips })));
    this.turns = new ChatTurns({
      features,
      runs,
      reviewAgentFiles: () => deps.reviewAgentFiles(),
      teamNames: async () => (await this.loadTeam()).map((member) => member.name),
      teamLoaded: (listed) => this.setTeam(listed),
      contentOf: (chips) => this.chips.contentOf(chips),
      update: (chatId, update) => this.update(chatId, update),
      newChat: () => this.startNewChat(),
      turnEnded: () => void this.history.saveNow(),
    });
    this.store.add(toDisposable(() => this.turns.dispose()));
    this.questions = new ChatQuestions({ placeOf: (runId) => this.turns.placeOf(runId), update: (chatId, update) => this.update(chatId, update) }, modalQuestions);
    features.setPersonQuestions(this.questions);
    this.store.add(
      toDisposable(() => {
        features.setPersonQuestions(undefined);
        this.questions.dispose();
      }),
    );
    this.store.add(watchChatModel(context, (model) => this.endpoint.notify(chatModel, model)));
    this.store.add(this.endpoint.onReady(() => void this.postState()));
    this.handleRequests();
  }

  /** Puts the cursor in the message box ("Nova: Open Chat"). */
  focus(): void {
    this.endpoint.notify(chatFocus, {});
  }

  /** Starts a new chat ("Nova: New Chat"). */
  newChat(): Promise<void> {
    this.startNewChat();
    return Promise.resolve();
  }

  /** For Nova's real-VS Code tests: the endpoint as the page reaches it, and what the chat holds. */
  readonly testing = {
    receive: (raw: unknown) => this.endpoint.receive(raw),
    counts: () => this.page.counts(),
    recentlyPosted: () => this.page.recentlyPosted(),
    openChat: () => JSON.parse(JSON.stringify(this.chat)) as Chat,
    storedHistory: () => JSON.stringify(this.deps.context.workspaceState.get(chatHistoryKey) ?? null),
    pendingQuestions: () => this.questions.pending,
  };

  dispose(): void {
    this.store.dispose();
  }

  private handleRequests(): void {
    const { endpoint, deps } = this;
    const handle = <P, R>(request: WebviewRequest<P, R>, handler: (params: P) => Promise<R> | R) => this.store.add(endpoint.handle(request, handler));
    handle(chatSend, async ({ text, chips }) => {
      const kept = keptChips(this.chips.chips, chips);
      return { turnId: await this.turns.send(this.chat.id, text, kept.chips, kept.stale) };
    });
    handle(chatCancel, async ({ turnId }) => ({ cancelled: await this.turns.cancel(turnId) }));
    handle(chatRetry, async ({ turnId }) => {
      const turn = this.chat.turns.find((candidate) => candidate.id === turnId);
      if (!turn) throw new WebviewRequestError('failed', 'That turn is not in the open chat.');
      if (this.turns.isRunning(turnId)) throw new WebviewRequestError('failed', 'That reply is still running; cancel it first.');
      return { turnId: await this.turns.retry(this.chat.id, turn) };
    });
    handle(chatNew, () => {
      this.startNewChat();
      return null;
    });
    handle(chatOpen, async ({ chatId }) => {
      const chat = this.history.find(chatId);
      if (!chat) throw new WebviewRequestError('failed', 'There is no such chat in this workspace’s history.');
      this.chat = chat;
      this.history.open(chat);
      await this.history.saveNow();
      await this.postState();
      return null;
    });
    handle(chatOpenLocation, async ({ path, line }) => {
      await openLocation(path, line);
      return null;
    });
    handle(chatOpenTrace, async ({ turnId, spanId }) => {
      const turn = this.chat.turns.find((candidate) => candidate.id === turnId);
      if (!turn) throw new WebviewRequestError('failed', 'That turn is not in the open chat.');
      if (!turn.runId) throw new WebviewRequestError('failed', 'That turn ran no team run, so it has no trace.');
      // The page names only spans its turn shows (a bounce, a refused handoff).
      if (spanId && !turn.entries.some((entry) => 'spanId' in entry && entry.spanId === spanId)) throw new WebviewRequestError('failed', 'That turn shows no such step of its run.');
      await vscode.commands.executeCommand(openTraceCommand, openTraceArgs(turn.runId, spanId));
      return null;
    });
    handle(chatOpenImprovement, async ({ turnId }) => {
      const turn = this.chat.turns.find((candidate) => candidate.id === turnId);
      const card = turn?.entries.find((entry) => entry.kind === 'improvement');
      if (card?.kind !== 'improvement') throw new WebviewRequestError('failed', 'That turn started no improvement.');
      await vscode.commands.executeCommand(commandIds.openImprovement, { runId: card.card.runId });
      return null;
    });
    handle(chatReviewChanges, async ({ proposalId }) => {
      if (!this.chat.turns.some((turn) => turn.proposalIds.includes(proposalId))) throw new WebviewRequestError('failed', 'No turn of the open chat made that proposal.');
      const { changeSets } = await deps.features.request(proposalsList, {});
      const stored = changeSets.find((candidate) => candidate.id === proposalId);
      if (!stored) throw new WebviewRequestError('failed', 'That proposal is no longer stored (or names a file Nova will not change).');
      await reviewProposal(stored);
      return null;
    });
    handle(chatProposeCode, async ({ turnId, code }) => {
      const turn = this.chat.turns.find((candidate) => candidate.id === turnId);
      if (!turn?.runId) throw new WebviewRequestError('failed', 'That code is not from a reply of the team in the open chat.');
      const speaker = [...turn.entries].reverse().find((entry) => entry.kind === 'agent' && entry.text.includes(code.trim()));
      const agent = speaker?.kind === 'agent' ? speaker.agent : (turn.entries.find((entry) => entry.kind === 'agent') as { agent?: string } | undefined)?.agent;
      if (!agent) throw new WebviewRequestError('failed', 'No agent spoke in that turn.');
      const selection = turn.prompt.chips.find((chip) => chip.kind === 'selection') ?? this.chips.chips.find((chip) => chip.kind === 'selection');
      const target = await pickCodeTarget(selection, (uri) => this.relativePath(uri));
      if (!target) return {};
      const { changeSet, duplicate } = await deps.features.request(proposalsAdd, { runId: turn.runId, agent, proposal: codeProposal(code, target, agent) });
      void vscode.window.showInformationMessage(
        duplicate ? `Nova: “${changeSet.summary}” is already proposed; it waits in the Proposals view.` : `Nova: proposed “${changeSet.summary}”. Nothing is written until you accept it in the Proposals view.`,
      );
      return { proposalId: changeSet.id };
    });
    handle(chatCopy, async ({ text }) => {
      await vscode.env.clipboard.writeText(text);
      return null;
    });
    handle(chatAnswerApproval, ({ turnId, requestId, answer }) => {
      this.questions.answerApproval(turnId, requestId, answer);
      return null;
    });
    handle(chatAnswerEscalation, ({ turnId, requestId, answer }) => {
      this.questions.answerEscalation(turnId, requestId, answer, (id) => this.escalationOptions(turnId, id));
      return null;
    });
    handle(chatSetApiKey, async () => {
      await vscode.commands.executeCommand(commandIds.setApiKey);
      return null;
    });
  }

  /** The options of the escalation card `requestId` in turn `turnId` of the open chat. */
  private escalationOptions(turnId: string, requestId: string): readonly string[] | undefined {
    const turn = this.chat.turns.find((candidate) => candidate.id === turnId);
    const entry = turn?.entries.find((candidate) => candidate.kind === 'escalation' && candidate.requestId === requestId);
    return entry?.kind === 'escalation' ? entry.escalation.options : undefined;
  }

  private relativePath(uri: vscode.Uri): string | undefined {
    if (uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(uri)) return undefined;
    return vscode.workspace.asRelativePath(uri, (vscode.workspace.workspaceFolders?.length ?? 0) > 1);
  }

  /** Applies an update to its chat, saves soon, and posts it when that chat is open. */
  private update(chatId: string, update: TranscriptUpdate): void {
    const chat = chatId === this.chat.id ? this.chat : this.history.find(chatId);
    if (!chat || !applyUpdate(chat, update)) return;
    this.history.saveSoon();
    if (chat === this.chat) this.endpoint.notify(chatUpdate, { chatId, update });
    if (update.type === 'turnStarted' || update.type === 'ended') this.endpoint.notify(chatChats, { chats: this.history.summaries() });
  }

  private startNewChat(): void {
    if (this.chat.turns.length === 0) return void this.postState();
    this.chat = newChat(randomUUID(), Date.now());
    this.history.open(this.chat);
    void this.history.saveNow();
    void this.postState();
  }

  private async postState(): Promise<void> {
    const model = await currentChatModel(this.deps.context);
    this.endpoint.notify(chatState, { chat: this.chat, chats: this.history.summaries(), team: this.team ?? [], context: [...this.chips.chips], model });
    if (!this.team) void this.loadTeam().catch((error: unknown) => this.deps.log.warn(`Chat view: the team could not be listed: ${error instanceof Error ? error.message : String(error)}`));
  }

  private loadTeam(): Promise<TeamMember[]> {
    if (this.team) return Promise.resolve(this.team);
    this.teamLoading ??= this.deps.features.listAgents().then(
      (listed) => this.setTeam(listed),
      (error: unknown) => {
        this.teamLoading = undefined;
        throw error;
      },
    );
    return this.teamLoading;
  }

  private setTeam(listed: AgentsListResult): TeamMember[] {
    const changed = JSON.stringify(listed.agents) !== JSON.stringify(this.team);
    this.team = listed.agents;
    if (changed) this.endpoint.notify(chatTeam, { team: listed.agents });
    return listed.agents;
  }

  /** Turns that were running when the window went away cannot go on: they say so, and stop. */
  private stopInterrupted(chats: readonly Chat[]): void {
    let changed = false;
    for (const chat of chats) {
      for (const turn of chat.turns.filter((candidate) => candidate.status === 'running')) {
        applyUpdate(chat, { type: 'notice', turnId: turn.id, level: 'warning', text: 'The window closed or reloaded while this reply was running; it stopped there.' }, chat.updatedAt);
        applyUpdate(chat, { type: 'ended', turnId: turn.id, status: 'stopped', results: [], proposalIds: [], endedAt: Date.now() }, chat.updatedAt);
        changed = true;
      }
    }
    if (changed) void this.history.saveNow();
  }
}
