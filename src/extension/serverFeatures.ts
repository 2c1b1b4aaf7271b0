/**
 * What the extension's views and commands ask of Nova's language server. The implementation
 * (src/extension/client: vscode-languageclient, the protocol's schemas) is a second bundle loaded
 * on first use, so activation loads none of it; this file holds only types and the loader.
 */
import type * as vscode from 'vscode';
import type { AgentsListResult } from '../protocol/agents';
import type { NovaRequestMethod, NovaRequestNamed } from '../protocol';
import type { NovaNotification, NovaRequest, ParamsOf, ResultOf } from '../protocol/message';
import type { ReviewedFile, reviewTeamProgress } from '../protocol/review';
import type { AgentConsentPrompt } from './agentConsentPrompt';
import type { PersonQuestions } from './personQuestions';

export interface ServerFeatures {
  /**
   * Sends any Nova request, starting the server if needed; the result is checked against the
   * request's schema. A new method is one declaration in src/protocol, not an edit here. The
   * request is its descriptor, or its method name (`'nova/run.list'`): code in the activation
   * bundle names it, with type-only imports, so the protocol's schemas are not loaded at activation.
   */
  request<P, R>(request: NovaRequest<P, R>, params: P, token?: vscode.CancellationToken): Promise<R>;
  request<M extends NovaRequestMethod>(method: M, params: ParamsOf<NovaRequestNamed<M>>, token?: vscode.CancellationToken): Promise<ResultOf<NovaRequestNamed<M>>>;
  /** Listens for any Nova notification (checked against its schema), across server restarts, until disposed. */
  onNotification<P>(notification: NovaNotification<P>, handler: (params: P) => void): vscode.Disposable;
  /** The team the server would run, with provenance, and the agent files that wait for the person. */
  listAgents(): Promise<AgentsListResult>;
  /**
   * Asks the person (through `prompt`) about each pending agent file and endpoint, remembers the
   * answers and tells the server. `again`: also ask what was declined in this window (the command).
   * To be awaited before a run starts, so no run loads a file the person was not asked about.
   */
  reviewAgentFiles(prompt: AgentConsentPrompt, again: boolean): Promise<AgentsListResult>;
  /**
   * Who answers the questions runs put to the person (command approvals, escalated decisions): the
   * chat view while it is resolved; undefined restores the modal dialogs.
   */
  setPersonQuestions(questions: PersonQuestions | undefined): void;
  /** For real-VS Code tests only: a raw notification handed to the client's handlers, as if from the server (see NovaApi.testing). */
  injectNotificationForTests(method: string, params: unknown): { readonly checked: boolean; readonly handlers: number };
  /** For real-VS Code tests only: configure the server as if trust were `trusted` (undefined: VS Code's own). */
  overrideTrustForTests(trusted: boolean | undefined): Promise<void>;
  restart(): Promise<void>;
  /** Stops the server and waits for its process to exit. */
  dispose(): Promise<void>;
}

/** Events the features raise; the emitters live with the views, which exist before the server. */
export interface ServerEvents {
  /** The server (re)started and was configured: list again. */
  started(): void;
  proposalsChanged(): void;
  runsChanged(): void;
  /** A file was reviewed (or its kept review restored): its findings, fingerprinted. */
  reviewedFile(file: ReviewedFile): void;
  /** How far the running review has got. */
  reviewProgress(progress: { readonly reviewed: number; readonly total: number }): void;
  /** A poll of the team's batch over a large review (its request counts). */
  reviewTeamProgress(progress: ParamsOf<typeof reviewTeamProgress>): void;
}

/** The signature of src/extension/client/main.ts's export. */
export type CreateServerFeatures = (context: vscode.ExtensionContext, log: vscode.LogOutputChannel, events: ServerEvents) => ServerFeatures;
