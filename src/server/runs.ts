/**
 * Team runs inside the server: each started by a request, streamed to the client as nova/run.*
 * notifications, cancellable, traced to `.nova/traces/<run>.jsonl`. When a run ends its change
 * proposals are stored (so they outlive this process) before the client hears that it ended.
 * Runs another service drives (an improve run, improve.ts) are followed here the same way (`follow`).
 */
import type { Connection } from 'vscode-languageserver/node';
import type { CommandPolicy } from '../core/tools/commandPolicy';
import type { RunApprover } from './commandApproval';
import { describeProblem } from '../core/agents/spec';
import type { RunEvent } from '../core/orchestrator/events';
import type { RunResult } from '../core/orchestrator/result';
import { defaultLimits } from '../core/orchestrator/governor';
import { Orchestrator } from '../core/orchestrator/run';
import { storeRunProposals } from '../core/proposals/runProposals';
import type { ProposalStore } from '../core/proposals/store';
import { createWorkspaceTools } from '../core/tools/registry';
import { rerunTask } from '../core/orchestrator/rerun';
import { JsonlSpanProcessor, traceFilePath } from '../core/trace/jsonl';
import { newRunId } from '../core/trace/recorder';
import { describeProblems } from '../core/trace/rollup';
import type { SpanProcessor } from '../core/trace/spans';
import { listTracedRuns } from '../core/trace/runSummary';
import { novaErrorCodes, type ResultOf } from '../protocol/message';
import { proposalsChanged } from '../protocol/proposals';
import { runAgentStarted, runStart, runDecision, runEnded, runEscalation, runRetry, runSpan, runStarted, runTextDelta, type RunStartParams, type RunSummary } from '../protocol/run';
import { sessionProblem } from '../protocol/session';
import type { traceGet } from '../protocol/trace';
import { deleteTrace, readTrace, rerunFromTrace, spanPayload } from './traces';
import { loadSessionTeam } from './agents';
import { NovaRequestError, notify } from './handlers';
import type { DecisionAsker } from './decisionQuestion';
import type { ServerSession } from './session';
import type { ServerWorkspace } from './workspace';

interface ActiveRun {
  summary: RunSummary;
  /** Places the run went sideways so far, counted as its spans end. */
  problems: number;
  readonly controller: AbortController;
  readonly done: Promise<void>;
}

/** A run another service drives, as this service follows it (see `RunService.follow`). */
export interface FollowedRun {
  /** Sends one of the run's events as its nova/run.* notification (nova/run.started went out when it was followed). */
  forward(event: RunEvent): void;
  /** The run ended: listed as ended, and the client hears nova/run.ended. */
  end(result: RunResult): void;
}

export class RunService {
  private readonly active = new Map<string, ActiveRun>();
  private readonly ended = new Map<string, RunSummary>();

  constructor(
    private readonly connection: Connection,
    private readonly workspace: ServerWorkspace,
    private readonly session: ServerSession,
    private readonly proposals: () => Promise<ProposalStore>,
    /** Asks the person about a command the allowlist does not cover (see commandApproval.ts). */
    private readonly approveCommand: RunApprover,
    /** Asks the person about an escalated decision while the run waits; absent when the client cannot (see decisionQuestion.ts). */
    private readonly askDecision?: DecisionAsker,
  ) {}

  get activeCount(): number {
    return this.active.size;
  }

  /** Starts a run and returns its id at once; the run goes on in the background. */
  async start(params: RunStartParams, origin: 'chat' | 'run'): Promise<ResultOf<typeof runStart>> {
    const folder = this.requireFolder();
    const { team, problems } = await loadSessionTeam(folder, this.session);
    for (const problem of problems) notify(this.connection, sessionProblem, { message: `Agent file skipped or degraded: ${describeProblem(problem)}` });
    if (params.agent && !team.get(params.agent)) {
      throw new NovaRequestError(novaErrorCodes.invalidParams, `No agent named "${params.agent}". The team: ${team.agents.map((agent) => agent.name).join(', ')}.`);
    }
    if (params.rerun && (params.agent || params.feedback)) {
      throw new NovaRequestError(novaErrorCodes.invalidParams, 'A rerun starts at the receiver of the handoff it reruns: give `rerun` without `agent` or `feedback`.');
    }
    // Checked before the run gets an id: an invalid payload fails the request with its issues, and no run starts.
    const start = params.rerun ? await rerunFromTrace(folder, team, params.rerun) : undefined;
    const task = start ? rerunTask(start) : params.task;
    const runId = newRunId();
    const controller = new AbortController();
    const model = this.session.model;
    const orchestrator = new Orchestrator({
      team,
      model: model.client,
      defaultModel: model.defaultModel,
      ...(model.override ? { modelOverride: model.override } : {}),
      tools: createWorkspaceTools(),
      sandbox: await this.workspace.newSandbox(),
      trusted: this.session.trusted,
      commands: this.commandPolicy(runId),
      processors: this.spanProcessors(folder, runId),
      ...(this.askDecision ? { askPerson: this.askDecision.bind(undefined, runId) } : {}),
    });
    orchestrator.events.on((event) => this.forward(event, origin));
    const summary: RunSummary = { runId, task, origin, status: 'running', startedAt: Date.now(), ...(start ? { rerunOf: start.rerunOf.runId } : {}) };
    // Started once the run is registered (below), so its first events find it: the entry agent.
    const done = Promise.resolve()
      .then(() => orchestrator.run({ text: task, ...(params.agent ? { agent: params.agent } : {}), ...(params.files ? { files: params.files } : {}), ...(params.feedback ? { feedback: params.feedback } : {}), ...(start ? { start } : {}) }, { signal: controller.signal, runId }))
      .catch((error: unknown) => failedResult(runId, error))
      .then((result) => this.finish(summary, result));
    this.active.set(runId, { summary, problems: 0, controller, done });
    // The orchestrator runs with the default limits: the chat shows how much of them a run used.
    return { runId, budget: { maxSteps: defaultLimits.maxSteps, maxTokens: defaultLimits.maxTokens, maxUsd: defaultLimits.maxUsd } };
  }

  /**
   * Follows a run another service drives, under `summary.runId`: listed and counted as running,
   * cancelled by nova/run.cancel (through `controller`) and on shutdown, its events sent as
   * nova/run.* so the Runs view and a live trace panel follow it as they follow any run. The client
   * hears nova/run.started at once.
   */
  follow(summary: RunSummary & { readonly origin: 'chat' | 'run'; readonly entryAgent: string }, controller: AbortController): FollowedRun {
    let settled!: () => void;
    const done = new Promise<void>((resolve) => (settled = resolve));
    this.active.set(summary.runId, { summary, problems: 0, controller, done });
    notify(this.connection, runStarted, { runId: summary.runId, task: summary.task, entryAgent: summary.entryAgent, origin: summary.origin });
    return {
      // Its stages are runs inside it: only this run starts and ends (above, and `end`).
      forward: (event) => event.type !== 'run_start' && this.forward(event, summary.origin),
      end: (result) => {
        this.settle(summary, result, []);
        settled();
      },
    };
  }

  /** Cancels a running run; false when it is not running (ended, or never existed). */
  cancel(runId: string): boolean {
    const run = this.active.get(runId);
    if (!run) return false;
    run.controller.abort();
    return true;
  }

  /** Cancels every run and waits for them to end (traces flushed): on shutdown. */
  async cancelAll(): Promise<void> {
    const running = [...this.active.values()];
    for (const run of running) run.controller.abort();
    await Promise.all(running.map((run) => run.done));
  }

  /** Running runs first, then ended ones (this session's and those traced on disk), newest first. */
  async list(limit = 50): Promise<RunSummary[]> {
    const running = [...this.active.values()].map((run) => run.summary).sort(newestFirst);
    const endedHere = [...this.ended.values()];
    const folder = this.workspace.primaryFolder;
    const known = new Set([...this.active.keys(), ...this.ended.keys()]);
    const traced = folder ? await listTracedRuns(folder, limit, known) : [];
    const ended = [...endedHere, ...traced.map((run): RunSummary => ({ ...run, origin: 'trace' }))].sort(newestFirst);
    return [...running, ...ended].slice(0, Math.max(limit, running.length));
  }

  /** A run's spans as its trace file holds them. */
  async trace(runId: string): Promise<ResultOf<typeof traceGet>> {
    const trace = await readTrace(this.requireFolder(), runId, this.active.has(runId));
    return { runId: trace.runId, spans: trace.spans, problems: trace.problems };
  }

  /** The whole payload of a span of a run's trace (see traces.ts). */
  async payload(runId: string, spanId: string): Promise<unknown> {
    return spanPayload(this.requireFolder(), runId, spanId);
  }

  /** Deletes an ended run's trace and its side files; a running run's is refused (it is still being written). */
  async deleteTrace(runId: string): Promise<boolean> {
    const folder = this.requireFolder();
    if (this.active.has(runId)) throw new NovaRequestError(novaErrorCodes.conflict, `Run ${runId} is still running: cancel it before deleting its trace.`);
    const deleted = await deleteTrace(folder, runId);
    this.ended.delete(runId);
    return deleted;
  }

  /**
   * The run's command policy. The allowlist is read when a command is checked, not when the run
   * starts: a command the person allowed "always" runs without asking the next time, in this run too.
   */
  commandPolicy(runId: string): CommandPolicy {
    const { session, approveCommand } = this;
    return {
      get allowlist() {
        return session.allowlist;
      },
      approve: (request, signal) => approveCommand(runId, request, signal),
      remember: (entry) => session.rememberCommand(entry),
    };
  }

  /** The trace file, and the person's live OpenTelemetry export (`liveProcessors`). */
  private spanProcessors(folder: string, runId: string): SpanProcessor[] {
    return [new JsonlSpanProcessor(traceFilePath(folder, runId)), ...this.liveProcessors()];
  }

  /** The person's live OpenTelemetry export when they set an endpoint (core/trace/otlp); none otherwise. */
  liveProcessors(): SpanProcessor[] {
    const { otlpEndpoint } = this.session;
    if (!otlpEndpoint) return [];
    // OpenTelemetry's SDK and exporter are required only here, so a server nobody asked to export never loads them.
    const { liveOtlpProcessor } = require('../core/trace/otlp') as typeof import('../core/trace/otlp');
    return [liveOtlpProcessor(otlpEndpoint)];
  }

  /** The workspace folder runs work in (the first), or the conflict error a person reads. */
  requireFolder(): string {
    const folder = this.workspace.primaryFolder;
    if (!folder) throw new NovaRequestError(novaErrorCodes.conflict, 'Nova runs need a workspace folder: open a folder first.');
    return folder;
  }

  private async finish(summary: RunSummary, result: RunResult): Promise<void> {
    const proposalIds = await this.storeProposals(result).catch((error: unknown) => {
      notify(this.connection, sessionProblem, { message: `The proposals of run ${result.runId} could not be stored: ${error instanceof Error ? error.message : String(error)}` });
      return [];
    });
    this.settle(summary, result, proposalIds);
  }

  /** The run is listed as ended, and the client hears it. */
  private settle(summary: RunSummary, result: RunResult, proposalIds: string[]): void {
    // The active run's summary, not the one it started with: `forward` added the entry agent to it.
    const active = this.active.get(result.runId);
    const latest = active?.summary ?? summary;
    this.active.delete(result.runId);
    this.ended.set(result.runId, { ...latest, status: result.status, endedAt: Date.now(), usage: result.usage, problems: active?.problems ?? 0 });
    notify(this.connection, runEnded, { runId: result.runId, result, proposalIds });
  }

  /** The run's proposals, stored for the person to accept or reject (see core/proposals/runProposals.ts); the client hears of each new one. */
  private async storeProposals(result: RunResult): Promise<string[]> {
    const { stored, refused } = await storeRunProposals(await this.proposals(), result);
    for (const proposal of refused) notify(this.connection, sessionProblem, { message: `A proposal of ${proposal.agent} in run ${result.runId} was not stored. ${proposal.message}` });
    for (const proposal of stored) if (!proposal.duplicate) notify(this.connection, proposalsChanged, { id: proposal.changeSet.id, change: 'added' });
    return stored.map((proposal) => proposal.changeSet.id);
  }

  private forward(event: RunEvent, origin: 'chat' | 'run'): void {
    const { connection } = this;
    switch (event.type) {
      case 'run_start':
        return notify(connection, runStarted, { runId: event.runId, task: event.task, entryAgent: event.entryAgent, origin });
      case 'agent_start': {
        const run = this.active.get(event.runId);
        if (run && run.summary.entryAgent === undefined) run.summary = { ...run.summary, entryAgent: event.agent };
        return notify(connection, runAgentStarted, { runId: event.runId, agent: event.agent, provenance: event.provenance, contract: event.contract, payload: event.payload, from: event.from });
      }
      case 'text_delta':
      case 'thinking_delta':
        return notify(connection, runTextDelta, { runId: event.runId, agent: event.agent, kind: event.type === 'text_delta' ? 'text' : 'thinking', text: event.text, sentAt: Date.now() });
      case 'model_retry':
        return notify(connection, runRetry, { runId: event.runId, agent: event.agent, attempt: event.attempt, reason: event.reason });
      case 'span': {
        const run = this.active.get(event.runId);
        if (run) run.problems += describeProblems([event.span]).length;
        return notify(connection, runSpan, { runId: event.runId, span: event.span });
      }
      case 'decision':
        return notify(connection, runDecision, { runId: event.runId, decision: event.decision });
      case 'escalation':
        return notify(connection, runEscalation, { runId: event.runId, escalation: event.escalation });
      case 'tool_input_delta': // partial JSON is for a live model view; the tool_call span carries the whole input
      case 'run_end': // sent by finish(), once the run's proposals are stored
        return;
    }
  }
}

function newestFirst(a: RunSummary, b: RunSummary): number {
  return b.startedAt - a.startedAt;
}

/** A run that could not even start ends like any other run, with the reason where a person will look. */
function failedResult(runId: string, error: unknown): RunResult {
  const message = error instanceof Error ? error.message : String(error);
  return { runId, status: 'stopped', artifacts: [], decisions: [], usage: { steps: 0, tokens: 0, costUsd: 0 }, traceProblems: [`The run could not start: ${message}`] };
}
