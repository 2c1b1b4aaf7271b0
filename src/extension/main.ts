import * as vscode from 'vscode';
import type { AgentsListResult } from '../protocol/agents';
import type { ChangeSet } from '../protocol/proposals';
import type { AgentConsentPrompt } from './agentConsentPrompt';
import { registerAgentFileReview } from './agentFiles';
import { registerApiKeyCommand } from './apiKey';
import { registerCheckpoints, takeCheckpoint, type CheckpointEntry, type FolderCheckpoint, type RestoreReport } from './checkpoints';
import { registerCommands } from './commands';
import { registerImprove } from './improve';
import type { ImproveTesting } from './improveSession';
import { commandIds } from './contributions';
import { ChangeSets } from './proposals/changeSets';
import { registerEditorReview, type EditorReviewTesting } from './proposals/editorReview';
import { registerTraceView, type TracePanelsTesting } from './traceView';
import { registerProposalDiff } from './proposals/proposalDiff';
import { registerProposals, type ProposalsViewTesting } from './proposals/view';
import { registerReviewCommand } from './review';
import { registerFindingThreads, type FindingThreadsTesting } from './review/findingThreads';
import { registerFindingsView, type FindingsViewTesting } from './review/findingsView';
import { restoreKeptReview } from './review/keptReview';
import { ReviewFindings } from './review/reviewFindings';
import { registerRunsView, type RunsViewTesting } from './runsView';
import { LazyServer } from './lazyServer';
import { registerChatView } from './chatView';
import type { ChatViewTesting } from './chatViewSession';
import { registerChatParticipant, type ChatParticipantRegistration } from './chatParticipant';

/** What Nova offers other extensions (and its own tests in a real VS Code). */
export interface NovaApi {
  /** The language server's process id; starts the server if no feature has yet. */
  serverProcessId(): Promise<number>;
  /** The pending proposals the Proposals view lists. */
  pendingProposals(): Promise<readonly ChangeSet[]>;
  /** The team the server would run for this workspace, with each agent's provenance and what waits for the person. */
  agents(): Promise<AgentsListResult>;
  /** Seams for Nova's own real-VS Code tests; nothing else should call them. */
  readonly testing: {
    /** Answers the agent-file consent questions with `prompt` instead of a modal (undefined: the modal again). */
    answerAgentConsent(prompt: AgentConsentPrompt | undefined): void;
    /** Configures the server as if workspace trust were `trusted` (undefined: VS Code's own). */
    overrideTrust(trusted: boolean | undefined): Promise<void>;
    /** The Proposals view's rows, as VS Code would draw them. */
    readonly proposalsView: ProposalsViewTesting;
    /** Shows the Chat view and returns its seams (undefined when it did not resolve). */
    chatView(): Promise<ChatViewTesting | undefined>;
    /**
     * Hands a raw server notification to the generic client's handlers, as if the server had sent
     * it; returns whether its params passed the notification's schema (and reached a handler).
     */
    injectServerNotification(method: string, params: unknown): { readonly checked: boolean; readonly handlers: number };
    /** Asks `@nova` (VS Code's Chat) with `prompt`, through the handler the Chat API would call; returns what it streamed. */
    askNova(prompt: string, token: vscode.CancellationToken): Promise<{ readonly registered: boolean; readonly markdown: string; readonly result: vscode.ChatResult }>;
    /** Takes a checkpoint as the accept flow does (`takeCheckpoint`; paths alone are read from the editor); returns what each folder's store kept (folder as its name). */
    takeCheckpoint(files: readonly CheckpointEntry[], label: string): Promise<readonly TestCheckpoint[]>;
    /** Every checkpoint, newest first, as "Nova: Restore Checkpoint" lists them. */
    checkpoints(): Promise<readonly TestCheckpoint[]>;
    /** Restores checkpoint `id` as the command does once the person has picked it and confirmed. */
    restoreCheckpoint(id: string): Promise<RestoreReport>;
    /** The Findings view's rows and title. */
    readonly findingsView: FindingsViewTesting;
    /** The findings' comment threads, and their actions (resolve, reopen, dismiss, reply). */
    readonly findingThreads: FindingThreadsTesting;
    /** The proposed hunks drawn in the editor, and when the decisions an Undo or Redo called for are recorded. */
    readonly editorReview: EditorReviewTesting;
    /** The Runs view's rows, and answers to its Delete modal and Export dialogs. */
    readonly runsView: RunsViewTesting;
    /** The open trace panels, each with what its page was told and its endpoint as the page reaches it. */
    readonly tracePanels: TracePanelsTesting;
    /** The improve loop's questions (answered with values) and its change report panels; loads its half of the client bundle. */
    improve(): ImproveTesting;
  };
}

/** A checkpoint as Nova's tests see it: its summary and the name of the workspace folder that keeps it. */
export type TestCheckpoint = Omit<FolderCheckpoint, 'folder'> & { readonly folder: string };

let server: LazyServer | undefined;

/**
 * Nova's entry point. VS Code calls it only when a Nova view or command is first used (package.json
 * declares no startup activation), and it starts nothing heavy: the language server starts when a
 * feature first needs it. Each feature registers itself through its own `registerX`.
 */
export function activate(context: vscode.ExtensionContext): NovaApi {
  const log = vscode.window.createOutputChannel('Nova', { log: true });
  context.subscriptions.push(log);
  server = new LazyServer(context, log);
  const running = server;
  context.subscriptions.push(running);
  registerCommands(context, log);
  registerApiKeyCommand(context, log);
  registerReviewCommand(context, running, log);
  const findings = new ReviewFindings(running, log);
  context.subscriptions.push(findings);
  const findingsView = registerFindingsView(context, findings);
  const findingThreads = registerFindingThreads(context, findings, log);
  restoreKeptReview(findings, log);
  const changeSets = new ChangeSets(running, log);
  context.subscriptions.push(changeSets);
  const checkpoints = registerCheckpoints(context, log);
  // Every accept keeps the files it is about to change first (the texts it planned against).
  const checkpoint = async (files: readonly CheckpointEntry[], label: string) => void (await takeCheckpoint(files, label));
  const editorReview = registerEditorReview(context, changeSets, checkpoint, log);
  const traces = registerTraceView(context, running, changeSets, editorReview, log);
  registerProposalDiff(context, changeSets, checkpoint, log, (set) => traces.besideReview(set));
  const agentFiles = registerAgentFileReview(context, running, log);
  const runsView = registerRunsView(context, running, () => agentFiles.review(false), log);
  const improve = registerImprove(context, running, changeSets, () => agentFiles.review(false), log);
  const proposals = registerProposals(context, { changeSets, server: running, checkpoint, beforeRun: () => agentFiles.review(false), log });
  const chat = registerChatView(context, running, log, agentFiles);
  const participant = registerChatParticipant(context, running, log, agentFiles);
  context.subscriptions.push(vscode.commands.registerCommand(commandIds.restartServer, () => running.features.restart()));
  log.info(`Nova ${String(context.extension.packageJSON.version)} activated`);
  return {
    serverProcessId: async () => (await running.features.request('nova/session.status', {})).pid,
    pendingProposals: () => proposals.proposals(),
    agents: () => running.features.listAgents(),
    testing: {
      answerAgentConsent: (prompt) => agentFiles.answerWith(prompt),
      overrideTrust: (trusted) => running.features.overrideTrustForTests(trusted),
      proposalsView: proposals.testing,
      chatView: async () => (await chat.reveal())?.testing,
      injectServerNotification: (method, params) => running.features.injectNotificationForTests(method, params),
      askNova: (prompt, token) => askParticipant(participant, prompt, token),
      takeCheckpoint: async (files, label) => (await takeCheckpoint(files, label)).map(forTests),
      checkpoints: async () => (await checkpoints.list()).map(forTests),
      restoreCheckpoint: (id) => checkpoints.restore(id),
      editorReview: editorReview.testing,
      findingsView,
      findingThreads,
      runsView,
      tracePanels: traces.testing,
      improve: improve.testing,
    },
  };
}

function forTests(checkpoint: FolderCheckpoint): TestCheckpoint {
  return { ...checkpoint, folder: checkpoint.folder.name };
}

/** Runs `@nova`'s handler with a stream that records the Markdown it is given (the only part the reply uses). */
async function askParticipant(participant: ChatParticipantRegistration, prompt: string, token: vscode.CancellationToken): Promise<{ registered: boolean; markdown: string; result: vscode.ChatResult }> {
  let markdown = '';
  const stream = { markdown: (value: string | vscode.MarkdownString) => void (markdown += typeof value === 'string' ? value : value.value) } as unknown as vscode.ChatResponseStream;
  const result = await participant.answer({ prompt, command: undefined }, stream, token);
  return { registered: participant.registered, markdown, result };
}

/** Stops the language server and waits for it to exit, so no process outlives the window. */
export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
