/**
 * Entry point of dist/client/main.js, the part of the extension that talks to Nova's language
 * server. Loaded by src/extension/lazyServer.ts when a view or command first needs the server.
 */
import type * as vscode from 'vscode';
import { proposalsChanged, proposalsList, proposalsResolve } from '../../protocol/proposals';
import { reviewRun } from '../../protocol/review';
import { runEnded, runList, runStarted } from '../../protocol/run';
import { sessionStatus } from '../../protocol/session';
import type { CreateServerFeatures, ServerFeatures } from '../serverFeatures';
import { AgentConsent } from './agentConsent';
import type { CreateChatView } from '../chatViewSession';
import { ChatController } from './chat/chatController';
export { answerChatRequest } from './chat/participantReply';
import { currentConfiguration, registerConfigurationSync, type ConfigurationOverrides } from './configuration';
import { registerPersonAnswers } from './personAnswers';
import { NovaServer } from './server';

export const createServerFeatures: CreateServerFeatures = (context, log, events): ServerFeatures => {
  const overrides: ConfigurationOverrides = {};
  const server = new NovaServer(context, log, () => currentConfiguration(context, overrides));
  const consent = new AgentConsent(context, server, log);
  registerConfigurationSync(context, server);
  context.subscriptions.push(server.onDidStart(events.started));
  const setPersonQuestions = registerPersonAnswers(context, server, log);
  server.listen(proposalsChanged, events.proposalsChanged);
  server.listen(runStarted, events.runsChanged);
  server.listen(runEnded, events.runsChanged);
  return {
    request: (request, params, token) => server.request(request, params, token),
    onNotification: (notification, handler) => server.listen(notification, handler),
    listProposals: () => server.request(proposalsList, { status: 'pending' }),
    resolveProposal: async (id, resolution) => {
      await server.request(proposalsResolve, { id, resolution });
    },
    listRuns: async () => (await server.request(runList, {})).runs,
    review: (token: vscode.CancellationToken) => server.request(reviewRun, {}, token),
    serverProcessId: async () => (await server.request(sessionStatus, {})).pid,
    listAgents: () => consent.list(),
    reviewAgentFiles: (prompt, again) => consent.review(prompt, again),
    injectNotificationForTests: (method, params) => server.injectNotification(method, params),
    overrideTrustForTests: async (trusted) => {
      if (trusted === undefined) delete overrides.trusted;
      else overrides.trusted = trusted;
      await server.reconfigure();
    },
    restart: () => server.restart(),
    setPersonQuestions,
    dispose: async () => {
      await server.dispose();
    },
  };
};

/** The chat view's controller, for src/extension/chatView.ts (which stays in the light bundle). */
export const createChatView: CreateChatView = (deps) => new ChatController(deps);
