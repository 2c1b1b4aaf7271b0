/**
 * The orchestrator owns the loop: a run enters at the front door (or the agent the person
 * addressed), and each activation's validated handoff decides who works next, until an agent
 * submits its result, the governor stops the run, a branch violates its contract, or a decision is
 * escalated to the person (who, when the run can ask them, settles it while the run waits). Agents
 * never call each other; handoffs are values routed here.
 */
import type { Team } from '../agents/team';
import type { AgentSpec } from '../agents/spec';
import { getContract, type ChangeFeedback } from '../contracts';
import { validatePayload } from '../contracts/validate';
import type { ModelClient } from '../model/client';
import { defaultPrices, type PriceTable } from '../model/pricing';
import type { CommandPolicy } from '../tools/commandPolicy';
import type { ToolRegistry } from '../tools/registry';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { newRunId, TraceRecorder, type OpenSpan } from '../trace/recorder';
import type { RunStatus, SpanProcessor } from '../trace/spans';
import { activate, type ActivationInput } from './activation';
import { defaultPolicy, type ProtectedPathGuard, type RunContext, type TeamPolicy } from './context';
import { RunEvents } from './events';
import { defaultLimits, Governor, RunStopped, type RunLimits } from './governor';
import type { AskPerson } from './personAnswer';
import { checkHandoffStart, RerunRefused, type HandoffStart, type StageStart } from './rerun';
import type { Artifact, RunResult } from './result';
import { WallClock } from './wallClock';

export interface OrchestratorOptions {
  readonly team: Team;
  readonly model: ModelClient;
  /** The model id for agents whose file names none. */
  readonly defaultModel: string;
  /** The model id every agent uses, whatever its file names: the person's choice (`--model`, the setting). */
  readonly modelOverride?: string;
  readonly tools: ToolRegistry;
  readonly sandbox: WorkspaceSandbox;
  /** Commands run_command may run without asking; default none. */
  readonly commands?: CommandPolicy;
  /** False in Restricted Mode: review only. Default true. */
  readonly trusted?: boolean;
  readonly processors?: readonly SpanProcessor[];
  readonly prices?: PriceTable;
  readonly limits?: Partial<RunLimits>;
  readonly policy?: Partial<TeamPolicy>;
  /**
   * Puts a decision the team could not settle to the person, and the run waits for the answer: the
   * chosen option settles it (`settledBy: 'person'`) and the run goes on. Absent (the CLI), or when
   * it resolves undefined (dismissed, cannot ask), the run ends `escalated`.
   */
  readonly askPerson?: AskPerson;
  /**
   * The write guard (an improve run passes its ImproveProtection's `refusal`): a ChangeProposal,
   * submitted or handed off, that names a path it refuses is traced (`protected_write`) and bounced
   * to its author to drop the path; it never reaches anyone else.
   */
  readonly protectedPath?: ProtectedPathGuard;
}

/** What the person asked, and optionally which agent they addressed. */
export interface RunRequest {
  readonly text: string;
  readonly files?: readonly string[];
  readonly agent?: string;
  /** The person's decisions on the addressed agent's earlier change set ("Try again"): its input instead of the text. */
  readonly feedback?: ChangeFeedback;
  /**
   * "Rerun from here": the run starts at a recorded handoff's receiver with its payload (checked
   * like any handoff; an invalid one rejects with `RerunRefused` and its issues). Not with `agent`.
   */
  readonly start?: HandoffStart;
  /**
   * A stage of a larger run (the improve loop's reviewer or reporter): the run starts at this agent
   * with this contract and payload, handed over by Nova and checked like any handoff (an invalid
   * one rejects with `RerunRefused`). Not with `agent`, `feedback` or `start`.
   */
  readonly stage?: StageStart;
}

/** How a run is recorded and stopped. */
export interface RunOptions {
  readonly signal?: AbortSignal;
  readonly runId?: string;
  /**
   * Record the run's activations in another run's trace, under `parentSpanId` (a phase of an improve
   * run), instead of a trace of its own: no run span, no run_start or run_end event, the recorder's
   * run id. The recorder's owner flushes it; its processors, not this orchestrator's, get the spans.
   */
  readonly within?: { readonly recorder: TraceRecorder; readonly parentSpanId: string };
}

export class Orchestrator {
  readonly events = new RunEvents();

  constructor(private readonly options: OrchestratorOptions) {}

  /** Runs one team task to its end. Rejects only for a request that cannot start (unknown agent, empty text, an invalid rerun). */
  async run(request: RunRequest, options: RunOptions = {}): Promise<RunResult> {
    const { team } = this.options;
    const entry = this.entryInput(request);
    const { within } = options;
    const runId = within?.recorder.runId ?? options.runId ?? newRunId();
    const limits: RunLimits = { ...defaultLimits, ...this.options.limits };
    const trace = within?.recorder ?? new TraceRecorder(runId, [...(this.options.processors ?? []), this.events.asSpanProcessor()]);
    const wallClock = new WallClock(limits.wallClockMs);
    const signals = [wallClock.signal, ...(options.signal ? [options.signal] : [])];
    const ctx: RunContext = {
      runId,
      team,
      model: this.options.model,
      defaultModel: this.options.defaultModel,
      ...(this.options.modelOverride ? { modelOverride: this.options.modelOverride } : {}),
      tools: this.options.tools,
      sandbox: this.options.sandbox,
      commands: this.options.commands ?? { allowlist: [] },
      trusted: this.options.trusted ?? true,
      trace,
      events: this.events,
      governor: new Governor(limits, this.options.prices ?? defaultPrices),
      policy: { ...defaultPolicy, ...this.options.policy },
      signal: AbortSignal.any(signals),
      artifacts: [],
      decisions: [],
      ...(this.options.askPerson ? { askPerson: this.options.askPerson } : {}),
      ...(this.options.protectedPath ? { protectedPath: this.options.protectedPath } : {}),
      pauseWallClock: () => wallClock.pause(),
    };
    const runSpan = within ? undefined : trace.start('run', null, { task: request.text, entryAgent: entry.agent.name, status: 'stopped', ...(request.start ? { rerunOf: request.start.rerunOf } : {}) });
    const parentSpanId = within?.parentSpanId ?? (runSpan as OpenSpan<'run'>).id;
    if (!within) this.events.emit({ type: 'run_start', runId, entryAgent: entry.agent.name, task: request.text });

    let status: RunStatus = 'stopped';
    let ending: Pick<RunResult, 'result' | 'escalation' | 'stuck'>;
    try {
      let next: Omit<ActivationInput, 'parentSpanId'> = entry;
      for (;;) {
        const end = await activate(ctx, { ...next, parentSpanId });
        const producer = next.agent.name;
        if (end.kind === 'handoff') {
          ctx.artifacts.push({ agent: producer, contract: end.contract, payload: end.payload, via: 'handoff', spanId: end.spanId });
          next = { agent: team.get(end.to) as AgentSpec, contract: end.contract, payload: end.payload, from: producer, reason: end.reason, handoffSpanId: end.spanId };
          continue;
        }
        if (end.kind === 'submitted') {
          const result: Artifact = { agent: producer, contract: end.contract, payload: end.payload, via: 'result', spanId: end.spanId };
          ctx.artifacts.push(result);
          status = 'completed';
          ending = { result };
        } else if (end.kind === 'escalated') {
          status = 'escalated';
          ending = { escalation: end.escalation };
        } else if (end.kind === 'unsupported') {
          status = 'unsupported';
          ending = { stuck: end.report };
        } else {
          trace.record('governor_stop', parentSpanId, { agent: end.report.agent, report: end.report });
          ending = { stuck: end.report };
        }
        break;
      }
    } catch (error) {
      if (!(error instanceof RunStopped)) {
        wallClock.dispose();
        runSpan?.end({ status: 'stopped' });
        if (!within) await trace.flush().catch(() => undefined);
        throw error;
      }
      status = error.report.reason === 'cancelled' ? 'cancelled' : 'stopped';
      ending = { stuck: error.report };
    }
    wallClock.dispose();
    runSpan?.end({ status });
    // A processor that failed (say, the JSONL file could not be written) is reported, never thrown:
    // the run's result still stands.
    if (!within) await trace.flush().catch(() => undefined);
    const result: RunResult = {
      runId,
      status,
      ...ending,
      artifacts: ctx.artifacts,
      decisions: ctx.decisions,
      usage: ctx.governor.spent,
      traceProblems: trace.processorErrors.map((failure) => `a trace processor failed ${failure.count} time(s) (${failure.phase}): ${failure.error instanceof Error ? failure.error.message : String(failure.error)}`),
    };
    if (!within) this.events.emit({ type: 'run_end', runId, result });
    return result;
  }

  /** The first activation: the addressed agent (or the front door) with the request in a contract it accepts. */
  private entryInput(request: RunRequest): Omit<ActivationInput, 'parentSpanId'> {
    const { team } = this.options;
    if (request.stage) {
      if (request.agent || request.feedback || request.start) throw new RerunRefused('A stage starts at its own agent: it takes no agent, feedback or rerun of its own.');
      const { agent, payload } = checkHandoffStart(team, request.stage);
      return { agent, contract: request.stage.contract, payload, from: 'nova', reason: request.stage.reason };
    }
    if (request.start) {
      if (request.agent || request.feedback) throw new RerunRefused('A rerun starts at the handoff\'s receiver: it takes no agent or feedback of its own.');
      const { agent, payload } = checkHandoffStart(team, request.start);
      return { agent, contract: request.start.contract, payload, from: request.start.from, reason: request.start.reason };
    }
    const agent = request.agent ? team.get(request.agent) : team.frontDoor;
    if (!agent) {
      throw new Error(request.agent ? `No agent named "${request.agent}". The team: ${team.agents.map((a) => a.name).join(', ')}.` : 'The team has no front-door agent.');
    }
    const files = [...(request.files ?? [])];
    const [contract, payload] = request.feedback
      ? feedbackInput(agent, request.feedback)
      : agent.accepts.includes('UserRequest')
      ? ['UserRequest', { text: request.text, files }]
      : agent.accepts.includes('RoutedTask')
        ? ['RoutedTask', { intent: 'other', summary: request.text, scope: files, constraints: [] }]
        : [undefined, undefined];
    if (!contract) throw new Error(`${agent.name} accepts ${agent.accepts.join(', ')}, not a request from a person; address the front door instead.`);
    const checked = validatePayload(getContract(contract), payload);
    if (!checked.ok) throw new Error(`The request is not a valid ${contract}: ${checked.issues.join('; ')}`);
    return { agent, contract, payload: checked.value, from: 'person' };
  }
}

/** The person's feedback, for an agent that accepts it: one that makes changes and can try again. */
function feedbackInput(agent: AgentSpec, feedback: ChangeFeedback): [string, unknown] {
  if (!agent.accepts.includes('ChangeFeedback')) throw new Error(`${agent.name} accepts ${agent.accepts.join(', ')}, not feedback on a change set; only an agent that makes changes (and accepts ChangeFeedback) can try again.`);
  return ['ChangeFeedback', feedback];
}
