/**
 * The Nova language server: the core (agents, review, proposals, traces) in its own process,
 * reached over LSP. Standard LSP gives any editor review diagnostics and code actions; Nova's
 * custom methods (src/protocol) give the extension chat, runs, improvements, proposals and traces.
 */
import { DidChangeWorkspaceFoldersNotification, MessageType, ShowMessageNotification, type Connection, type InitializeParams, type ResponseError } from 'vscode-languageserver/node';
import { inertText } from '../core/inertText';
import { HunkDecisionRefused, ProposalNotFound, ProposalRefused, ProposalStore } from '../core/proposals/store';
import { recordPersonChange } from '../core/trace/personChange';
import { agentsList } from '../protocol/agents';
import { chatSend } from '../protocol/chat';
import { improveAccept, improveCancel, improveGet, improveList, improvePreflight, improveReject, improveStart } from '../protocol/improve';
import { novaErrorCodes } from '../protocol/message';
import { proposalsAdd, proposalsChanged, proposalsDecide, proposalsList, proposalsRevise } from '../protocol/proposals';
import { reviewDismiss, reviewList, reviewRun } from '../protocol/review';
import { runCancel, runList, runStart } from '../protocol/run';
import { sessionConfigure, sessionStatus } from '../protocol/session';
import { traceDelete, traceGet, tracePayload } from '../protocol/trace';
import { listSessionAgents } from './agents';
import { registerCodeActions } from './codeActions';
import { commandApprover } from './commandApproval';
import { decisionAsker } from './decisionQuestion';
import { ReviewDiagnostics, reviewDebounceMs } from './diagnostics';
import { handleRequest, notify, NovaRequestError, type ServerConnection } from './handlers';
import { ImproveService } from './improve';
import { makeMessagesInert } from './inertMessages';
import { RunService } from './runs';
import { ServerSession } from './session';
import { TeamReview } from './teamReview';
import { initialFolders, ServerWorkspace } from './workspace';

/** What `initializationOptions` may say; Nova's own extension sets `novaClient` so the server leaves messages to it. */
interface InitializationOptions {
  readonly novaClient?: boolean;
  /** The client answers `nova/command.approve` (Nova's extension does, with a modal); others are never sent it. */
  readonly commandApproval?: boolean;
  /** The client answers `nova/decision.ask` (Nova's extension does); for others an escalation ends the run. */
  readonly escalationAnswers?: boolean;
}

/**
 * Puts the core behind a connection that has been initialized with `params`: registers every
 * handler and starts syncing documents. Called once, when the client says `initialized`.
 * `responseError` is the connection's own `ResponseError` class (see `ServerConnection`).
 */
export function attachNova(connection: Connection, params: InitializeParams, version: string, responseError: typeof ResponseError): void {
  makeMessagesInert(connection);
  const server: ServerConnection = { connection, ResponseError: responseError };
  const startedAt = Date.now();
  const workspace = new ServerWorkspace();
  workspace.setFolders(initialFolders(params));
  const session = new ServerSession();
  let store: ProposalStore | undefined;
  // Paths are checked against every workspace folder (a multi-root proposal names `folder/path`).
  const proposals = async () => (store ??= ProposalStore.open(workspace.primaryFolder, { sandbox: () => workspace.newSandbox() }));
  const options = params.initializationOptions as InitializationOptions | undefined;
  const runs = new RunService(connection, workspace, session, proposals, commandApprover(connection, options?.commandApproval === true), decisionAsker(connection, options?.escalationAnswers === true));
  const improvements = new ImproveService(connection, session, runs, proposals);
  // Nova's client configures the session at once; another editor may never, and is reviewed as it is.
  const configured = firstConfiguration(options?.novaClient === true);
  const diagnostics = new ReviewDiagnostics(connection, workspace, () => session.trusted, reviewDebounceMs, new TeamReview(connection, session, () => workspace.primaryFolder), configured.settled);
  const novaClient = options?.novaClient === true;
  /**
   * Other editors hear about stored proposals from the server; Nova's extension says it itself.
   * A `window/showMessage` notification, not `connection.window.showInformationMessage`: that sends
   * a `window/showMessageRequest`, which Neovim 0.7 answers with a blocking prompt (a headless one hangs).
   */
  const announce = (message: string) => {
    if (!novaClient) void connection.sendNotification(ShowMessageNotification.type, { type: MessageType.Info, message: inertText(message) });
  };

  // Handled as a plain notification: clients that never send it need no capability check.
  connection.onNotification(DidChangeWorkspaceFoldersNotification.type, ({ event: { added, removed } }) => {
    const gone = new Set(removed.flatMap((folder) => initialFolders({ workspaceFolders: [folder] })));
    const next = [...workspace.folders.filter((folder) => !gone.has(folder)), ...initialFolders({ workspaceFolders: added })];
    workspace.setFolders(next);
    store = undefined;
  });

  handleRequest(server, sessionConfigure, (params) => {
    try {
      const model = session.configure(params);
      configured.done();
      // With a key in a trusted workspace: collect any team review the last server left waiting.
      diagnostics.resumeTeam();
      return { model };
    } catch (error) {
      throw new NovaRequestError(novaErrorCodes.conflict, error instanceof Error ? error.message : String(error));
    }
  });
  handleRequest(server, sessionStatus, () => ({
    pid: process.pid,
    version,
    startedAt,
    folders: [...workspace.folders],
    model: session.status,
    activeRuns: runs.activeCount,
  }));
  handleRequest(server, agentsList, () => listSessionAgents(workspace.primaryFolder, session));
  handleRequest(server, chatSend, ({ text, agent, files }) => runs.start({ task: text, ...(agent ? { agent } : {}), ...(files ? { files } : {}) }, 'chat'));
  handleRequest(server, runStart, (params) => runs.start(params, 'run'));
  handleRequest(server, runCancel, ({ runId }) => ({ cancelled: runs.cancel(runId) }));
  handleRequest(server, runList, async ({ limit }) => ({ runs: await runs.list(limit) }));
  handleRequest(server, traceGet, ({ runId }) => runs.trace(runId));
  handleRequest(server, tracePayload, async ({ runId, spanId }) => ({ payload: await runs.payload(runId, spanId) }));
  handleRequest(server, traceDelete, async ({ runId }) => ({ deleted: await runs.deleteTrace(runId) }));
  handleRequest(server, proposalsList, async ({ open }) => (await proposals()).list(open === undefined ? {} : { open }));
  handleRequest(server, proposalsDecide, async ({ id, hunks }) => {
    const changeSet = await storeCall(() => proposals().then((store) => store.decide(id, hunks.map((hunk) => ({ hunkId: hunk.id, status: hunk.status, ...(hunk.reason === undefined ? {} : { reason: hunk.reason }), ...(hunk.after === undefined ? {} : { after: hunk.after }) })))));
    notify(connection, proposalsChanged, { id, change: 'decided' });
    return { changeSet };
  });
  handleRequest(server, proposalsRevise, async ({ id, path, current, edited }) => {
    const revised = await storeCall(() => proposals().then((store) => store.revise(id, path, current, edited)));
    notify(connection, proposalsChanged, { id, change: 'revised' });
    // The person's lines go in the trace of the run that proposed the change; the revision stands even if that write fails.
    const folder = workspace.primaryFolder;
    if (folder) await recordPersonChange(folder, revised.changeSet, path, revised.hunkIds).catch((error: unknown) => connection.console.warn(`Nova: the person's change to ${path} is not in the run's trace: ${error instanceof Error ? error.message : String(error)}`));
    return revised;
  });
  // A person's proposal from the chat: the store's own checks (contract, paths) decide, as for a run's.
  handleRequest(server, proposalsAdd, async ({ runId, agent, proposal }) => {
    const added = await storeCall(() => proposals().then((store) => store.add({ kind: 'person', runId, agent }, proposal)));
    if (!added.duplicate) notify(connection, proposalsChanged, { id: added.changeSet.id, change: 'added' });
    return added;
  });
  handleRequest(server, improvePreflight, (params) => improvements.preflight(params));
  handleRequest(server, improveStart, (params) => improvements.start(params));
  handleRequest(server, improveCancel, ({ runId }) => ({ cancelled: improvements.cancel(runId) }));
  handleRequest(server, improveGet, ({ runId }) => improvements.get(runId));
  handleRequest(server, improveList, () => improvements.list());
  handleRequest(server, improveAccept, ({ runId }) => improvements.accept(runId));
  handleRequest(server, improveReject, ({ runId, keepBranch }) => improvements.reject(runId, keepBranch));
  handleRequest(server, reviewRun, (params, signal) => diagnostics.review(params, signal));
  handleRequest(server, reviewList, async () => ({ files: await diagnostics.list() }));
  handleRequest(server, reviewDismiss, async ({ fingerprint }) => ({ dismissed: await diagnostics.dismiss(fingerprint) }));
  registerCodeActions(server, workspace, proposals, announce, () => session.trusted);

  connection.onShutdown(async () => {
    diagnostics.dispose();
    await runs.cancelAll();
  });

  workspace.documents.listen(connection);
  // The last review's findings come back with the server (a restart, a reloaded window).
  void diagnostics.restore();
  connection.console.info(`Nova ${version} language server ready (pid ${process.pid}) for ${workspace.folders.join(', ') || 'no folder'}`);
}

/** A store call whose refusals become the protocol's errors: no such change set, or a decision or proposal refused. */
async function storeCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ProposalNotFound) throw new NovaRequestError(novaErrorCodes.notFound, error.message);
    if (error instanceof HunkDecisionRefused || error instanceof ProposalRefused) throw new NovaRequestError(novaErrorCodes.conflict, error.message);
    throw error;
  }
}

/**
 * The first `session.configure`, as a promise for what must wait for it: settled when it comes, at
 * once when the client is not Nova's, and after 10 seconds at the latest (a client that never
 * configures is reviewed as it is, untrusted).
 */
function firstConfiguration(awaited: boolean): { readonly settled: Promise<void>; done(): void } {
  let done = () => {};
  const settled = awaited ? new Promise<void>((resolve) => (done = resolve)) : Promise.resolve();
  if (awaited) setTimeout(done, 10_000).unref();
  return { settled, done: () => done() };
}
