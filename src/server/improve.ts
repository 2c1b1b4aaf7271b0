/**
 * Improve runs inside the server (the self-improvement loop, core/improve/loop.ts): started by
 * nova/improve.start, followed as one run by RunService (nova/run.* under its run id, so the Runs
 * view and a live trace panel follow it) with its phases as nova/improve.phase, ended with
 * nova/improve.ended. What a run leaves is its record in `.nova/improve/<runId>.json`, so a
 * restarted server still lists, gets, accepts and rejects it: every request past `start` reads it.
 */
import type { Connection } from 'vscode-languageserver/node';
import { acceptImprovement, rejectImprovement } from '../core/improve/decide';
import { ImproveRefused, improvePreflight, startImprove } from '../core/improve/loop';
import { defaultGates } from '../core/improve/gates';
import { ImproveProtection } from '../core/improve/protection';
import type { ImproveRecord, ImproveRequest } from '../core/improve/record';
import { ImprovementNotFound, ImproveRecords } from '../core/improve/records';
import type { RunEvent } from '../core/orchestrator/events';
import type { RunResult } from '../core/orchestrator/result';
import { ProposalRefused, type ProposalStore } from '../core/proposals/store';
import { newRunId } from '../core/trace/recorder';
import { rollUpUsage } from '../core/trace/rollup';
import type { Span } from '../core/trace/spans';
import type { improveList, improvePreflight as improvePreflightRequest } from '../protocol/improve';
import { improveEnded, improvePhase } from '../protocol/improve';
import { novaErrorCodes, type ParamsOf, type ResultOf } from '../protocol/message';
import { proposalsChanged } from '../protocol/proposals';
import { sessionProblem } from '../protocol/session';
import { loadSessionTeam } from './agents';
import { notify, NovaRequestError } from './handlers';
import type { RunService } from './runs';
import type { ServerSession } from './session';

/** Why nothing starts in Restricted Mode: the loop runs the project's commands and writes a branch. */
export const restrictedModeRefusal =
  'Nova cannot improve code in Restricted Mode: the loop runs your test command and commits to a branch of its own. Trust this workspace to use Nova: Improve.';

export class ImproveService {
  /** Improve runs going on in this process, by run id. */
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly connection: Connection,
    private readonly session: ServerSession,
    private readonly runs: RunService,
    private readonly proposals: () => Promise<ProposalStore>,
  ) {}

  /** What starting would mean (dirty files in the scope), or why it cannot start here. */
  async preflight(params: ParamsOf<typeof improvePreflightRequest>): Promise<ResultOf<typeof improvePreflightRequest>> {
    const folder = this.runs.requireFolder();
    if (!this.session.trusted) return { dirtyInScope: [], problem: restrictedModeRefusal };
    return improvePreflight(folder, params);
  }

  /**
   * Starts an improve run and answers at once; a workspace where it cannot run is a conflict error
   * and nothing starts (the client hears of no run). Events of the run's first moments (its
   * preflight) wait until it is followed, so the Runs view hears nova/run.started first.
   */
  async start(request: ImproveRequest): Promise<{ runId: string; dirtyInScope: string[] }> {
    const folder = this.runs.requireFolder();
    if (!this.session.trusted) throw new NovaRequestError(novaErrorCodes.conflict, restrictedModeRefusal);
    const runId = newRunId();
    const controller = new AbortController();
    const { team } = await loadSessionTeam(folder, this.session);
    // Until the run is followed (once it started), its events wait here.
    const early: RunEvent[] = [];
    let forward: (event: RunEvent) => void = (event) => early.push(event);
    // The run's cost is its model calls', at every stage.
    const modelCalls: Span[] = [];
    const onEvent = (event: RunEvent) => {
      if (event.type === 'span' && event.span.kind === 'model_call') modelCalls.push(event.span);
      forward(event);
    };
    const settings = this.session.improveSettings;
    let started: Awaited<ReturnType<typeof startImprove>>;
    try {
      started = await startImprove({
        folder,
        request,
        runId,
        model: this.session.model,
        loadTeam: async (root) => (await loadSessionTeam(root, this.session)).team,
        settings,
        commands: this.runs.commandPolicy(runId),
        trusted: true,
        processors: this.runs.liveProcessors(),
        onEvent,
        onPhase: (phase, status, gate) => notify(this.connection, improvePhase, { runId, phase, status, ...(gate ? { gate } : {}) }),
        gates: defaultGates,
        protection: ImproveProtection.create({ settings, goal: request.goal, scope: request.scope, ...(settings.testCommand ? { testCommand: settings.testCommand } : {}), target: request.target }),
        signal: controller.signal,
      });
    } catch (error) {
      if (error instanceof ImproveRefused) throw new NovaRequestError(novaErrorCodes.conflict, error.message);
      throw error;
    }
    const followed = this.runs.follow({ runId, task: `Improve: ${request.goal}`, origin: 'run', status: 'running', startedAt: Date.now(), entryAgent: team.frontDoor?.name ?? 'nova' }, controller);
    forward = (event) => followed.forward(event);
    for (const event of early) followed.forward(event);
    this.running.set(runId, controller);
    // The loop settles `done` with a record whatever happens; a rejection would be a defect of the loop, still reported as an end.
    void started.done
      .catch((error: unknown) => failedRecord(runId, request, error))
      .then((record) => {
        this.running.delete(runId);
        const usage = rollUpUsage(modelCalls).run;
        followed.end(runResultOf(record, { steps: usage.modelCalls, tokens: usage.inputTokens + usage.outputTokens, costUsd: usage.costUsd }));
        notify(this.connection, improveEnded, { runId, state: record.state, ...(record.report ? { report: record.report } : {}), ...(record.error ? { error: record.error } : {}) });
      });
    return { runId, dirtyInScope: started.dirtyInScope };
  }

  /** Cancels a running improve run (the loop removes its worktree); false when it is not running here. */
  cancel(runId: string): boolean {
    const controller = this.running.get(runId);
    controller?.abort();
    return controller !== undefined;
  }

  async get(runId: string): Promise<ImproveRecord> {
    return decision(() => this.records().get(runId));
  }

  /** Every recorded improvement, newest first; a record file that cannot be read is the person's to hear about, not a reason to list none. */
  async list(): Promise<ResultOf<typeof improveList>> {
    const { improvements, problems } = await this.records().list();
    for (const problem of problems) notify(this.connection, sessionProblem, { message: `An improvement record was skipped: ${problem}` });
    return {
      improvements: improvements.map(({ report, ...record }) => ({ ...record, ...(report ? { title: report.title, offered: report.offered } : {}) })),
    };
  }

  /** The improvement's diff becomes a change set in the working tree, reviewed hunk by hunk like any other; refused unless every gate passed. */
  async accept(runId: string): Promise<{ changeSetId: string }> {
    const folder = this.runs.requireFolder();
    const store = await this.proposals();
    const accepted = await decision(() => acceptImprovement(folder, runId, store));
    notify(this.connection, proposalsChanged, { id: accepted.changeSetId, change: 'added' });
    return accepted;
  }

  /** Removes the improvement's worktree and deletes its branch, or keeps both for inspection. */
  async reject(runId: string, keepBranch: boolean): Promise<{ branch: string; worktree: string; kept: boolean }> {
    const folder = this.runs.requireFolder();
    return decision(() => rejectImprovement(folder, runId, { keepBranch }));
  }

  private records(): ImproveRecords {
    return new ImproveRecords(this.runs.requireFolder());
  }
}

/** A records or decision call whose refusals become the protocol's errors: no such improvement, or not in a state to decide. */
async function decision<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof ImprovementNotFound) throw new NovaRequestError(novaErrorCodes.notFound, error.message);
    if (error instanceof ImproveRefused || error instanceof ProposalRefused) throw new NovaRequestError(novaErrorCodes.conflict, error.message);
    throw error;
  }
}

/** The improve run's end as nova/run.ended says it: completed when the loop reached its report. */
function runResultOf(record: ImproveRecord, usage: RunResult['usage']): RunResult {
  const status = record.state === 'cancelled' ? 'cancelled' : record.state === 'failed' ? 'stopped' : 'completed';
  return { runId: record.runId, status, artifacts: [], decisions: [], usage, traceProblems: record.error ? [record.error] : [] };
}

/** What the client hears when the loop itself broke (it reports every failure of the project as a record). */
function failedRecord(runId: string, request: ImproveRequest, error: unknown): ImproveRecord {
  const message = error instanceof Error ? error.message : String(error);
  return { runId, state: 'failed', goal: request.goal, scope: request.scope, target: request.target, startedAt: Date.now(), endedAt: Date.now(), error: `The improve run failed: ${message}` };
}
