/**
 * Entry point of dist/client/main.js, the part of the extension that talks to Nova's language
 * server. Loaded by src/extension/lazyServer.ts when a view or command first needs the server.
 */
import type * as vscode from 'vscode';
import { novaRequests } from '../../protocol';
import type { NovaRequest } from '../../protocol/message';
import { proposalsChanged } from '../../protocol/proposals';
import { reviewFindings, reviewProgress, reviewTeamProgress } from '../../protocol/review';
import { runEnded, runStarted } from '../../protocol/run';
import { traceWritten } from '../../protocol/trace';
import type { CreateServerFeatures, ServerFeatures } from '../serverFeatures';
import { AgentConsent } from './agentConsent';
import type { CreateChatView } from '../chatViewSession';
import { ChatController } from './chat/chatController';
import type { CreateTraceView } from '../traceViewSession';
import { liveTracesOf } from './trace/liveTraces';
import { TraceController } from './trace/traceController';
import { improveRunsOf } from './improve/improveRuns';
export { createImproveFeature } from './improve/improveFeature';
export { answerChatRequest } from './chat/participantReply';
// The Runs view's (and the trace panel's) export flow, for the activation bundle to load on first use.
export { dialogExportQuestions, exportTraceFile } from './traceExport';
import { currentConfiguration, registerConfigurationSync, type ConfigurationOverrides } from './configuration';
import { registerPersonAnswers } from './personAnswers';
import { NovaServer } from './server';

const requestsByMethod = new Map<string, NovaRequest<unknown, unknown>>(novaRequests.map((request) => [request.method, request as NovaRequest<unknown, unknown>]));

/** The descriptor of a request named by its method (the activation bundle's way), or the descriptor itself. */
function descriptorOf(request: NovaRequest<unknown, unknown> | string): NovaRequest<unknown, unknown> {
  if (typeof request !== 'string') return request;
  const descriptor = requestsByMethod.get(request);
  if (!descriptor) throw new Error(`Nova's server answers no request ${request}.`);
  return descriptor;
}

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
  server.listen(traceWritten, events.runsChanged);
  server.listen(reviewFindings, events.reviewedFile);
  server.listen(reviewProgress, events.reviewProgress);
  server.listen(reviewTeamProgress, events.reviewTeamProgress);
  const features: ServerFeatures = {
    // One implementation for both overloads: a name is looked up, then checked like any descriptor.
    request: ((request: NovaRequest<unknown, unknown> | string, params: unknown, token?: vscode.CancellationToken) => server.request(descriptorOf(request), params, token)) as ServerFeatures['request'],
    onNotification: (notification, handler) => server.listen(notification, handler),
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
  // Live runs' spans are kept from the first notification on, so a trace panel opened mid-run shows the run so far.
  liveTracesOf(features);
  // Improve runs likewise: a run's first phases may come before nova/improve.start has answered.
  improveRunsOf(features);
  return features;
};

/** The chat view's controller, for src/extension/chatView.ts (which stays in the light bundle). */
export const createChatView: CreateChatView = (deps) => new ChatController(deps);

/** A trace panel's controller, for src/extension/traceView.ts (which stays in the light bundle). */
export const createTraceView: CreateTraceView = (deps) => new TraceController(deps);
