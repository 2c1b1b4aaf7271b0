/**
 * The self-improvement loop: one improve run, one run id, one trace. It checks the workspace
 * (preflight), makes the run's worktree and branch, lets the team work there (agents), puts the
 * change into the worktree's files where it may go and commits it (apply), runs the gates in order
 * on the real diff, and has the reporter write the words of the change report, which is built from
 * the records (report.ts). Nothing here touches the person's working tree, index, stash, HEAD or
 * branches: their folder only receives the trace, the record and the gates' logs under `.nova/`.
 *
 * Each phase is an `improve_phase` span under the run span; agents run inside the same recorder
 * under their phase's span (Orchestrator `within`), each gate's record is a `gate` span as the gate
 * returned it, each refused write a `protected_write` span.
 */
import { mkdir } from 'node:fs/promises';
import { relative, sep } from 'node:path';
import picomatch from 'picomatch';
import type { Team } from '../agents/team';
import type { ChangeProposal, ChangeReport } from '../contracts';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import type { RunEvent } from '../orchestrator/events';
import type { Artifact, RunResult } from '../orchestrator/result';
import { Orchestrator, type RunRequest } from '../orchestrator/run';
import type { CommandPolicy } from '../tools/commandPolicy';
import { createWorkspaceTools } from '../tools/registry';
import { JsonlSpanProcessor, traceFilePath } from '../trace/jsonl';
import { newRunId, TraceRecorder, type OpenSpan } from '../trace/recorder';
import type { Span, SpanProcessor } from '../trace/spans';
import { protectedPathReason } from '../workspace/protectedPaths';
import { WorkspaceSandbox } from '../workspace/sandbox';
import { applyToWorktree, type PathRules } from './apply';
import { worktreeChange, type WorktreeChange } from './changes';
import type { Gate, GateContext, ImproveModel, StageInput } from './gate';
import { gateNames, ImproveRequest, type GateName, type GateRecord, type ImprovePhase, type ImproveRecord, type ProtectedAttempt } from './record';
import { ImproveRecords } from './records';
import { buildReport, passes, reportRequest } from './report';
import type { ImproveSettings } from './settings';
import { ImproveWorktree, repositoryPlace, uncommittedPaths, type RepositoryPlace } from './worktree';

/** An improve run that cannot start here; the message is for the person. Nothing was created. */
export class ImproveRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ImproveRefused';
  }
}

export interface ImproveRunOptions {
  /** The workspace folder (absolute). */
  readonly folder: string;
  readonly request: ImproveRequest;
  readonly runId?: string;
  readonly model: ImproveModel;
  /** The team as defined in `folder` (the worktree's folder for the run, a base checkout for the eval replay). */
  loadTeam(folder: string): Promise<Team>;
  readonly settings: ImproveSettings;
  readonly commands: CommandPolicy;
  readonly trusted: boolean;
  /** Get every span of the run (live views, an OTLP exporter), besides the trace file. */
  readonly processors?: readonly SpanProcessor[];
  /** The agents' events as they happen (text, tool input, spans), for a live view. No run_start or run_end: the run's end is `done`. */
  onEvent?(event: RunEvent): void;
  /** A phase started or ended; an ended gate phase carries the gate's record. */
  onPhase?(phase: ImprovePhase, status: 'started' | 'ended', gate?: GateRecord): void;
  /** The gates, in order (by default every gate). */
  readonly gates?: readonly Gate[];
  /** Which paths the run may change: the scope, minus the protected paths. */
  readonly protection?: PathRules;
  readonly signal?: AbortSignal;
}

/** How many of the scope's files the request names to the team; past it the team is told the globs. */
const maxRequestFiles = 200;

/** What starting would mean: the files inside the scope with uncommitted work, and why it cannot start (if it cannot). */
export async function improvePreflight(folder: string, request: Pick<ImproveRequest, 'scope' | 'target'>): Promise<{ dirtyInScope: string[]; problem?: string }> {
  const place = await repositoryPlace(folder);
  if ('problem' in place) return { dirtyInScope: [], problem: place.problem };
  return { dirtyInScope: await dirtyIn(place, scopeMatcher(request.scope)) };
}

/**
 * Starts an improve run: checks the folder and answers with the run's id and the dirty files in
 * its scope; `done` settles with the final record (never rejects: a failure or a cancel is a state).
 * Rejects with ImproveRefused when the run cannot start (bad request, no repository, no commit).
 */
export async function startImprove(options: ImproveRunOptions): Promise<{ runId: string; dirtyInScope: string[]; done: Promise<ImproveRecord> }> {
  const startedAt = Date.now();
  const parsed = ImproveRequest.safeParse(options.request);
  if (!parsed.success) throw new ImproveRefused(`The improve request is not valid: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ')}`);
  const request = parsed.data;
  if (!options.gates) throw new ImproveRefused('No gates were given: an improvement is only offered after its gates pass.');
  const place = await repositoryPlace(options.folder);
  if ('problem' in place) throw new ImproveRefused(place.problem);
  const rules = options.protection ?? defaultRules(request, options.settings);
  const dirtyInScope = await dirtyIn(place, (path) => rules.inScope(path));
  const runId = options.runId ?? newRunId();
  const records = new ImproveRecords(options.folder);
  const running: ImproveRecord = { runId, state: 'running', goal: request.goal, scope: request.scope, target: request.target, startedAt };
  await records.save(running);
  const run = new ImproveRun({ ...options, gates: options.gates }, request, place, rules, runId, records, running, dirtyInScope, startedAt);
  return { runId, dirtyInScope, done: run.run() };
}

/** The run cancelled (its signal aborted), noticed between phases or inside one. */
class Cancelled extends Error {}

/** One run, from its preflight (already done when it is made) to its record. */
class ImproveRun {
  private readonly recorder: TraceRecorder;
  private readonly attempts: ProtectedAttempt[] = [];
  private readonly phases: { phase: ImprovePhase; ms: number }[] = [];
  private readonly signal: AbortSignal;
  private readonly runSpan: OpenSpan<'run'>;
  private worktree: ImproveWorktree | undefined;
  /** Checkouts of the base made for this run (the stages', the gates'), removed when the run ends. */
  private readonly baseCheckouts = new Set<ImproveWorktree>();
  /** Where stages after the apply phase run: the base, with the change as the proposal they are handed. */
  private stageFolder: Promise<ImproveWorktree> | undefined;
  private checkouts = 0;
  private team: Team | undefined;
  /** The reviewer's last verdict in this run (the review gate's), for the reporter. */
  private verdict: unknown;

  constructor(
    private readonly options: ImproveRunOptions & { readonly gates: readonly Gate[] },
    private readonly request: ImproveRequest,
    private readonly place: RepositoryPlace,
    private readonly rules: PathRules,
    private readonly runId: string,
    private readonly records: ImproveRecords,
    private readonly running: ImproveRecord,
    private readonly dirtyInScope: string[],
    preflightStartedAt: number,
  ) {
    this.signal = options.signal ?? new AbortController().signal;
    const collectAttempts: SpanProcessor = { onSpanEnd: (span) => void (span.kind === 'protected_write' && this.attempts.push(span.attempt)) };
    const forward: SpanProcessor = { onSpanEnd: (span: Span) => options.onEvent?.({ type: 'span', runId, span }) };
    // The run began with its preflight, before there was a recorder: its first two spans start then.
    let startOverride: number | undefined = preflightStartedAt;
    this.recorder = new TraceRecorder(runId, [new JsonlSpanProcessor(traceFilePath(options.folder, runId)), ...(options.processors ?? []), collectAttempts, forward], {
      clock: () => startOverride ?? Date.now(),
    });
    this.runSpan = this.recorder.start('run', null, { task: `Improve: ${request.goal}`, entryAgent: 'nova', status: 'stopped' });
    const preflight = this.recorder.start('improve_phase', this.runSpan.id, { phase: 'preflight', status: 'ok' });
    startOverride = undefined;
    options.onPhase?.('preflight', 'started');
    preflight.end({ detail: this.dirtyInScope.length === 0 ? `${place.head.slice(0, 12)}; nothing uncommitted in the scope` : `${place.head.slice(0, 12)}; uncommitted in the scope (not in the worktree): ${this.dirtyInScope.join(', ')}` });
    this.phases.push({ phase: 'preflight', ms: Date.now() - preflightStartedAt });
    options.onPhase?.('preflight', 'ended');
  }

  async run(): Promise<ImproveRecord> {
    let record: ImproveRecord;
    try {
      record = await this.phasesToRecord();
      this.runSpan.end({ status: 'completed', entryAgent: this.team?.frontDoor?.name ?? 'nova' });
    } catch (error) {
      const cancelled = error instanceof Cancelled || this.signal.aborted;
      await this.discard().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      record = { ...this.running, state: cancelled ? 'cancelled' : 'failed', endedAt: Date.now(), ...(cancelled ? {} : { error: message }) };
      this.runSpan.end({ status: cancelled ? 'cancelled' : 'stopped' });
    }
    await this.removeBaseCheckouts();
    await this.recorder.flush().catch(() => undefined);
    await this.records.save(record);
    return record;
  }

  private async phasesToRecord(): Promise<ImproveRecord> {
    const worktree = await this.phase('worktree', async () => {
      this.worktree = await ImproveWorktree.create(this.place, this.runId);
      return { value: this.worktree, detail: `${this.displayPath(this.worktree.path)} on ${this.worktree.branch ?? ''}` };
    });
    this.team = await this.options.loadTeam(worktree.root);
    const agentRun = await this.phase('agents', async (span) => {
      const files = (await worktree.trackedFiles()).filter((path) => this.rules.inScope(path));
      const text = `/improve ${this.request.goal}${files.length > maxRequestFiles ? ` (the scope: ${this.request.scope.join(', ')})` : ''}`;
      const result = await this.runStage({ text, files: files.slice(0, maxRequestFiles) }, span.id, worktree);
      const proposal = lastProposal(result);
      return { value: { result, proposal }, status: result.status === 'completed' ? 'ok' : 'failed', detail: `${result.status}; ${proposal ? `${proposal.agent} proposed ${proposal.payload.files.length} file(s)` : 'no change proposed'}` };
    });
    const applied = await this.phase('apply', async (span) => {
      const proposal = agentRun.proposal ? { agent: agentRun.proposal.agent, value: agentRun.proposal.payload } : undefined;
      const outcome = await applyToWorktree(worktree, this.rules, proposal, { recorder: this.recorder, parentSpanId: span.id });
      const trailers = [`Nova-Run: ${this.runId}`, ...(agentRun.proposal ? [`Nova-Agent: ${agentRun.proposal.agent}`, ...(agentRun.proposal.spanId ? [`Nova-Span: ${agentRun.proposal.spanId}`] : [])] : [])];
      const committed = await worktree.commitAll(`Nova improve: ${oneLine(this.request.goal)}\n\n${trailers.join('\n')}\n`);
      const change = committed ? await worktreeChange(worktree, agentRun.proposal?.payload) : undefined;
      return { value: { outcome, change }, detail: change ? `${change.files.length} file(s) changed, committed on ${worktree.branch ?? ''}` : 'nothing changed' };
    });

    const { change } = applied;
    const gates = change ? await this.runGates(worktree, change) : { records: [], notRun: [] };
    const written = await this.phase('report', async (span) => {
      const report = await this.writeReport(change, gates.records, span.id);
      return { value: report, status: 'failed' in report ? 'failed' : 'ok', ...('failed' in report ? { detail: report.failed } : {}) };
    });
    const report = buildReport({
      runId: this.runId,
      request: this.request,
      branch: worktree.branch ?? '',
      worktree: worktree.path,
      base: worktree.base,
      change,
      gates: gates.records,
      attempts: this.attempts,
      applyProblems: applied.outcome.problems,
      notRun: gates.notRun,
      dirtyInScope: this.dirtyInScope,
      phases: this.phases,
      trace: this.displayPath(traceFilePath(this.options.folder, this.runId)),
      written,
    });
    // Nothing to accept or inspect: the worktree and branch go now.
    if (!change) await this.discard();
    const state = !change ? (agentRun.result.status === 'completed' ? 'nothing' : 'failed') : report.offered ? 'ready' : 'blocked';
    return {
      ...this.running,
      state,
      endedAt: Date.now(),
      report,
      ...(state === 'failed' ? { error: `The team's run ended ${agentRun.result.status}: ${agentRun.result.stuck?.reason ?? agentRun.result.escalation?.question ?? 'without a change'}` } : {}),
    };
  }

  /** Each gate in order, each its own phase; after one that does not pass, the rest do not run (and the report says so). */
  private async runGates(worktree: ImproveWorktree, change: WorktreeChange): Promise<{ records: GateRecord[]; notRun: { gate: GateName; reason: string }[] }> {
    const logFolder = this.records.logFolder(this.runId);
    await mkdir(logFolder, { recursive: true });
    const records: GateRecord[] = [];
    const notRun: { gate: GateName; reason: string }[] = [];
    for (const name of gateNames) {
      const gate = this.options.gates.find((candidate) => candidate.name === name);
      const stopped = records.find((record) => !passes(record));
      if (!gate || stopped) {
        const reason = gate ? `not run: ${stopped?.title ?? 'an earlier gate'} did not pass` : 'not run: no such gate is configured';
        notRun.push({ gate: name, reason });
        this.recorder.record('improve_phase', this.runSpan.id, { phase: name, status: 'skipped', detail: reason });
        continue;
      }
      const record = await this.phase(name, async (span) => {
        const context = this.gateContext(worktree, change, logFolder, span.id);
        const got = await gate.run(context).catch((error: unknown) => {
          if (this.signal.aborted) throw new Cancelled();
          return crashedGate(name, error);
        });
        this.recorder.record('gate', span.id, { record: got });
        return { value: got, status: got.status === 'skipped' ? 'skipped' : passes(got) ? 'ok' : 'failed', detail: got.summary, gate: got };
      });
      records.push(record);
    }
    return { records, notRun };
  }

  private gateContext(worktree: ImproveWorktree, change: WorktreeChange, logFolder: string, phaseSpanId: string): GateContext {
    return {
      root: worktree.root,
      base: worktree.base,
      changedPaths: change.files.map((file) => file.path).sort(),
      proposal: change.proposal,
      settings: this.options.settings,
      commands: this.options.commands,
      trusted: this.options.trusted,
      signal: this.signal,
      model: this.options.model,
      runAgent: async (input: StageInput) => {
        const result = await this.runStage({ text: input.reason, stage: input }, phaseSpanId, await this.stageCheckout());
        if (result.result?.contract === 'ReviewVerdict') this.verdict = result.result.payload;
        return result;
      },
      loadTeam: (folder) => this.options.loadTeam(folder),
      checkoutBase: async () => {
        const checkout = await this.checkoutBase();
        return {
          root: checkout.root,
          dispose: async () => {
            this.baseCheckouts.delete(checkout);
            await checkout.remove();
          },
        };
      },
      logFolder,
    };
  }

  /** The reporter's ChangeReport for what happened, or why there is none. */
  private async writeReport(change: WorktreeChange | undefined, gates: readonly GateRecord[], phaseSpanId: string): Promise<ChangeReport | { failed: string }> {
    const reporter = this.team?.agents.find((agent) => agent.name === 'reporter' && agent.accepts.includes('ReportRequest')) ?? this.team?.agents.find((agent) => agent.accepts.includes('ReportRequest'));
    if (!reporter) return { failed: 'the team has no agent that accepts a ReportRequest' };
    const payload = reportRequest(this.request.goal, change, this.verdict, gates);
    try {
      const stage = { agent: reporter.name, contract: 'ReportRequest', payload, reason: 'report: the change, the reviewer\'s verdict and the gates\' records' };
      const result = await this.runStage({ text: `Report on: ${this.request.goal}`, stage }, phaseSpanId, await this.stageCheckout());
      if (result.result?.contract === 'ChangeReport') return result.result.payload as ChangeReport;
      return { failed: `${reporter.name}'s run ended ${result.status}${result.stuck ? `: ${result.stuck.reason}` : ''}` };
    } catch (error) {
      if (this.signal.aborted) throw new Cancelled();
      return { failed: error instanceof Error ? error.message : String(error) };
    }
  }

  /**
   * One Orchestrator run in `where` (the worktree for the team's work; a checkout of the base for
   * the stages that are handed the change as a proposal, so its hunks apply where they read),
   * recorded under `parentSpanId` in this run's trace. The team is the worktree's, loaded once.
   */
  private async runStage(request: RunRequest, parentSpanId: string, where: ImproveWorktree): Promise<RunResult> {
    this.throwIfCancelled();
    const team = this.team ?? (await this.options.loadTeam(where.root));
    const { model } = this.options;
    const orchestrator = new Orchestrator({
      team,
      model: model.client,
      defaultModel: model.defaultModel,
      ...(model.override ? { modelOverride: model.override } : {}),
      tools: createWorkspaceTools(),
      sandbox: await WorkspaceSandbox.create([where.root], nodeWorkspaceFiles),
      commands: this.options.commands,
      trusted: this.options.trusted,
    });
    const unsubscribe = this.options.onEvent ? orchestrator.events.on(this.options.onEvent) : undefined;
    try {
      const result = await orchestrator.run(request, { signal: this.signal, within: { recorder: this.recorder, parentSpanId } });
      if (result.status === 'cancelled') throw new Cancelled();
      return result;
    } finally {
      unsubscribe?.();
    }
  }

  /** Runs one phase in its span; a phase that throws ends its span failed (or cancelled) and rethrows. */
  private async phase<T>(
    phase: ImprovePhase,
    body: (span: OpenSpan<'improve_phase'>) => Promise<{ value: T; status?: 'ok' | 'failed' | 'skipped'; detail?: string; gate?: GateRecord }>,
  ): Promise<T> {
    this.throwIfCancelled();
    const startedAt = Date.now();
    const span = this.recorder.start('improve_phase', this.runSpan.id, { phase, status: 'ok' });
    this.options.onPhase?.(phase, 'started');
    try {
      const { value, status = 'ok', detail, gate } = await body(span);
      span.end({ status, ...(detail ? { detail } : {}) });
      this.phases.push({ phase, ms: Date.now() - startedAt });
      this.options.onPhase?.(phase, 'ended', gate);
      return value;
    } catch (error) {
      const cancelled = error instanceof Cancelled || this.signal.aborted;
      span.end({ status: cancelled ? 'cancelled' : 'failed', detail: cancelled ? 'cancelled' : error instanceof Error ? error.message : String(error) });
      this.options.onPhase?.(phase, 'ended');
      throw cancelled ? new Cancelled() : error;
    }
  }

  private throwIfCancelled(): void {
    if (this.signal.aborted) throw new Cancelled();
  }

  /** The stages' checkout of the base, made on first use. */
  private stageCheckout(): Promise<ImproveWorktree> {
    this.stageFolder ??= this.checkoutBase();
    return this.stageFolder;
  }

  /** A new detached checkout of the base, removed when the run ends if its user did not remove it first. */
  private async checkoutBase(): Promise<ImproveWorktree> {
    this.throwIfCancelled();
    const checkout = await ImproveWorktree.detached(this.place, this.runId, `base-${++this.checkouts}`);
    this.baseCheckouts.add(checkout);
    return checkout;
  }

  private async removeBaseCheckouts(): Promise<void> {
    await this.stageFolder?.catch(() => undefined);
    for (const checkout of this.baseCheckouts) await checkout.remove().catch(() => undefined);
    this.baseCheckouts.clear();
  }

  /** Removes the run's worktree, branch and base checkouts (a cancelled or failed run, or one with no change). */
  private async discard(): Promise<void> {
    await this.removeBaseCheckouts();
    // A run cancelled while its worktree was being made may have one on disk that `this.worktree` does not name yet.
    const worktree = this.worktree ?? ImproveWorktree.existing(this.place, this.runId, this.place.head);
    await worktree.remove();
  }

  /** A path as the person finds it: relative to the workspace folder when inside it. */
  private displayPath(path: string): string {
    const inFolder = relative(this.options.folder, path);
    return (inFolder.startsWith('..') ? path : inFolder).split(sep).join('/');
  }
}

/** The last change the team proposed in the run, with who proposed it and the span that carried it. */
function lastProposal(result: RunResult): (Artifact & { readonly payload: ChangeProposal }) | undefined {
  return [...result.artifacts].reverse().find((artifact): artifact is Artifact & { payload: ChangeProposal } => artifact.contract === 'ChangeProposal');
}

/** A gate that threw instead of returning its record (a defect, not a failing project): an `error` record the loop writes, saying so. */
function crashedGate(gate: GateName, error: unknown): GateRecord {
  const message = error instanceof Error ? error.message : String(error);
  return { gate, title: gate, status: 'error', summary: `the gate could not run: ${oneLine(message)}`, evidence: error instanceof Error && error.stack ? error.stack : message, durationMs: 0, trimmed: false };
}

/** The files in scope with uncommitted work. */
async function dirtyIn(place: RepositoryPlace, inScope: (path: string) => boolean): Promise<string[]> {
  return (await uncommittedPaths(place)).filter(inScope);
}

function scopeMatcher(scope: readonly string[]): (path: string) => boolean {
  return picomatch([...scope], { dot: true });
}

/** The scope, minus Nova's protected paths and the person's own (`settings.protectedPaths`). */
function defaultRules(request: ImproveRequest, settings: ImproveSettings): PathRules {
  const inScope = scopeMatcher(request.scope);
  const theirs = settings.protectedPaths.length > 0 ? picomatch([...settings.protectedPaths], { dot: true }) : () => false;
  return {
    inScope,
    reason: (path) => protectedPathReason(path) ?? (theirs(path) ? 'protected by the person\'s nova.improve.protectedPaths setting' : undefined),
  };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
