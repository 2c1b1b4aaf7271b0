/**
 * One activation of an agent: it receives a validated payload, takes turns with its model and its
 * allowed tools, and ends by submitting its result contract or handing off — each validated before
 * anyone else sees it. Malformed output is bounced back to this agent, never passed on.
 */
import { z } from 'zod';
import { constitutionPrompt } from '../agents/constitution';
import { provenanceOf, type AgentSpec } from '../agents/spec';
import { getContract, handoffContracts, type ChangeProposal, type Escalation, type StuckReport } from '../contracts';
import { contractJsonSchema } from '../contracts/jsonSchema';
import { validatePayload } from '../contracts/validate';
import { usageOfFailedCall, type ContentBlock, type ModelMessage, type ModelRequest, type ModelResponse, type ToolUseBlock } from '../model/client';
import type { OpenSpan } from '../trace/recorder';
import { tracedPayload } from '../trace/tracedPayload';
import type { RunContext } from './context';
import { settleDecision, type Consult } from './arbitration';
import type { DecisionRecord } from '../contracts/decision';
import { RunStopped, type ActivationSpend } from './governor';
import { renderInputMessage } from './inputMessage';
import { payloadHash } from './payloadHash';
import { untilAborted } from '../untilAborted';
import { buildToolbox, handoffPrefix, handoffTargetOf, specialistRouteTool, type Toolbox } from './toolbox';

export interface ActivationInput {
  readonly agent: AgentSpec;
  readonly contract: string;
  readonly payload: unknown;
  /** "person", another agent's name, or "nova" for the runtime's own consultations. */
  readonly from: string;
  readonly reason?: string;
  readonly parentSpanId: string;
  /** The delivered handoff span that brought this input (absent for the run's entry and consultations). */
  readonly handoffSpanId?: string;
  /** The runtime asks for an opinion, a dissent answer or a ruling: that contract, no handoffs. */
  readonly consultation?: { readonly returns: string; readonly check?: (payload: Record<string, unknown>) => string[] };
}

/** How an activation ended; `spanId` names the span that carried a result (its accepted validation) or a handoff (delivered). */
export type ActivationEnd =
  | { readonly kind: 'submitted'; readonly contract: string; readonly payload: unknown; readonly spanId: string }
  | { readonly kind: 'handoff'; readonly to: string; readonly contract: string; readonly payload: unknown; readonly reason: string; readonly spanId: string }
  | { readonly kind: 'violation'; readonly report: StuckReport }
  /** The model cannot play this agent (offline, an agent with no plan): the run ends `unsupported`. */
  | { readonly kind: 'unsupported'; readonly report: StuckReport }
  | { readonly kind: 'escalated'; readonly escalation: Escalation };

interface Reply {
  readonly content: string;
  readonly isError: boolean;
  readonly end?: ActivationEnd;
}

const defaultMaxOutput = 8192;
const traceOutputLimit = 4000;
const HandoffInput = z.object({ reason: z.string().min(1), contract: z.string().optional(), payload: z.unknown() });

export async function activate(ctx: RunContext, input: ActivationInput): Promise<ActivationEnd> {
  return new Activation(ctx, input).run();
}

class Activation {
  private readonly agent: AgentSpec;
  private readonly returns: string;
  private readonly toolbox: Toolbox;
  private readonly messages: ModelMessage[] = [];
  private readonly spend: ActivationSpend = { tokens: 0, usd: 0 };
  private readonly settled = new Map<string, DecisionRecord>();
  private bounces = 0;
  private span!: OpenSpan<'agent'>;

  constructor(
    private readonly ctx: RunContext,
    private readonly input: ActivationInput,
  ) {
    this.agent = input.agent;
    this.returns = input.consultation?.returns ?? input.agent.returns;
    this.toolbox = buildToolbox(ctx.team, ctx.tools, this.agent, this.returns, input.consultation !== undefined);
  }

  async run(): Promise<ActivationEnd> {
    const { ctx, agent, input } = this;
    const provenance = provenanceOf(agent);
    const { constitution } = ctx.team;
    this.span = ctx.trace.start('agent', input.parentSpanId, {
      agent: agent.name, provenance, accepted: input.contract, outcome: 'stopped', from: input.from, ...(input.handoffSpanId ? { handoffSpanId: input.handoffSpanId } : {}),
      ...(constitution ? { constitution: { sha256: constitution.sha256, bytes: constitution.bytes } } : {}),
    });
    ctx.events.emit({ type: 'agent_start', runId: ctx.runId, agent: agent.name, provenance, contract: input.contract, payload: input.payload, from: input.from });
    this.messages.push({ role: 'user', content: [{ type: 'text', text: this.describeInput() }] });
    try {
      const end = await this.turns();
      this.span.end({
        outcome: end.kind === 'submitted' ? 'submitted' : end.kind === 'handoff' ? 'handed_off' : 'stopped',
        ...(end.kind === 'submitted' || end.kind === 'handoff' ? { returned: end.contract } : {}),
      });
      return end;
    } catch (error) {
      if (error instanceof RunStopped && !error.recorded) {
        error.recorded = true;
        ctx.trace.record('governor_stop', this.span.id, { agent: error.report.agent, report: error.report });
      }
      this.span.end({ outcome: 'stopped' });
      throw error;
    }
  }

  private describeInput(): string {
    const { input } = this;
    return renderInputMessage({
      from: input.from,
      contract: input.contract,
      payload: input.payload,
      ...(input.reason ? { reason: input.reason } : {}),
      submitTool: this.toolbox.submitTool,
      canHandOff: !input.consultation,
    });
  }

  private async turns(): Promise<ActivationEnd> {
    for (let index = 1; ; index++) {
      if (index > this.agent.budget.turns) {
        this.ctx.governor.stop(this.agent.name, 'activation_turns', `${this.agent.name} used its ${this.agent.budget.turns} turns without a result`);
      }
      const turn = this.ctx.trace.start('turn', this.span.id, { agent: this.agent.name, index });
      try {
        const response = await this.callModel(turn.id);
        if (response.unsupported) return { kind: 'unsupported', report: this.ctx.governor.report(this.agent.name, 'unsupported', response.unsupported) };
        const end = await this.handle(response, turn.id);
        if (end) return end;
      } finally {
        turn.end();
      }
    }
  }

  private async callModel(parentId: string): Promise<ModelResponse> {
    const { ctx, agent } = this;
    this.checkSignal();
    // The person's choice beats the file's, which beats the team's default.
    const model = ctx.modelOverride ?? agent.model ?? ctx.defaultModel;
    const request: ModelRequest = {
      agent: agent.name,
      model,
      ...(agent.baseURL ? { baseURL: agent.baseURL } : {}),
      system: this.systemPrompt(),
      messages: [...this.messages],
      tools: this.toolbox.definitions,
      maxTokens: defaultMaxOutput,
      ...(agent.thinking > 0 ? { thinkingBudget: agent.thinking } : {}),
    };
    let inputTokens: number;
    try {
      inputTokens = await ctx.model.countTokens(request, ctx.signal);
    } catch (error) {
      this.checkSignal();
      return ctx.governor.stop(agent.name, 'model_error', `counting the call's tokens failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const maxTokens = ctx.governor.admitModelCall(agent.name, model, inputTokens, defaultMaxOutput, this.spend, agent.budget);
    const call = ctx.trace.start('model_call', parentId, {
      agent: agent.name, provider: ctx.model.provider, model, usage: { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheCreationTokens: 0 }, latencyMs: 0, costUsd: 0, stopReason: 'pending',
    });
    let response: ModelResponse;
    try {
      // A cancelled run ends even when the client does not honour the signal (see untilAborted).
      response = await untilAborted(ctx.model.complete({ ...request, maxTokens }, {
        signal: ctx.signal,
        onDelta: (delta) => {
          if (delta.type === 'text') ctx.events.emit({ type: 'text_delta', runId: ctx.runId, agent: agent.name, text: delta.text });
          if (delta.type === 'thinking') ctx.events.emit({ type: 'thinking_delta', runId: ctx.runId, agent: agent.name, text: delta.text });
          if (delta.type === 'tool_input') ctx.events.emit({ type: 'tool_input_delta', runId: ctx.runId, agent: agent.name, toolUseId: delta.toolUseId, tool: delta.name, partialJson: delta.partialJson });
          if (delta.type === 'retry') ctx.events.emit({ type: 'model_retry', runId: ctx.runId, agent: agent.name, attempt: delta.attempt, reason: delta.reason });
        },
      }), ctx.signal);
    } catch (error) {
      // Attempts whose streams broke before the call failed for good were still billed.
      const spent = usageOfFailedCall(error);
      const costUsd = spent ? ctx.governor.recordUsage(model, spent, this.spend) : 0;
      call.end({ stopReason: 'error', latencyMs: Date.now() - call.startedAt, ...(spent ? { usage: spent, costUsd } : {}) });
      this.checkSignal();
      return ctx.governor.stop(agent.name, 'model_error', `the model call failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const costUsd = ctx.governor.recordUsage(response.model, response.usage, this.spend);
    call.end({ model: response.model, usage: response.usage, costUsd, latencyMs: Date.now() - call.startedAt, stopReason: response.stopReason });
    for (const block of response.content) {
      if (block.type === 'thinking') ctx.trace.record('reasoning', parentId, { agent: agent.name, text: block.thinking, source: 'thinking' });
      if (block.type === 'text' && block.text.trim()) ctx.trace.record('reasoning', parentId, { agent: agent.name, text: block.text, source: 'text' });
    }
    this.messages.push({ role: 'assistant', content: response.content });
    return response;
  }

  /** The agent's own prompt, the person's constitution (every agent, consultations too), then the runtime's tool rules. */
  private systemPrompt(): string {
    const { constitution } = this.ctx.team;
    return [this.agent.prompt, ...(constitution ? [constitutionPrompt(constitution)] : []), this.toolbox.rules].join('\n\n');
  }

  private checkSignal(): void {
    const { signal } = this.ctx;
    if (!signal.aborted) return;
    const timedOut = (signal.reason as { name?: string } | undefined)?.name === 'TimeoutError';
    this.ctx.governor.stop(this.agent.name, timedOut ? 'wall_clock' : 'cancelled', timedOut ? 'the run reached its wall-clock limit' : 'the run was cancelled');
  }

  /** Answers every tool use of one response; returns how the activation ended, if it did. */
  private async handle(response: ModelResponse, turnId: string): Promise<ActivationEnd | undefined> {
    const uses = response.content.filter((block): block is ToolUseBlock => block.type === 'tool_use');
    if (uses.length === 0) {
      const reply = this.bounce('result', this.returns, [`no result: your turn ended without calling ${this.toolbox.submitTool}${this.input.consultation ? '' : ' or a handoff tool'}`], turnId);
      if (reply.end) return reply.end;
      this.messages.push({ role: 'user', content: [{ type: 'text', text: reply.content }] });
      return undefined;
    }
    const results: ContentBlock[] = [];
    let end: ActivationEnd | undefined;
    for (const use of uses) {
      const reply: Reply = end
        ? { content: 'Not run: your activation had already ended with an earlier call.', isError: true }
        : await this.answer(use, turnId);
      end ??= reply.end;
      results.push({ type: 'tool_result', toolUseId: use.id, content: reply.content, isError: reply.isError });
    }
    if (end) return end;
    this.messages.push({ role: 'user', content: results });
    return undefined;
  }

  private async answer(use: ToolUseBlock, turnId: string): Promise<Reply> {
    if (use.name === this.toolbox.submitTool) return this.submit(use.input, turnId);
    const targets = () => this.ctx.team.handoffTargets(this.agent).map((target) => target.name);
    if (use.name.startsWith(handoffPrefix)) return this.handoff(handoffTargetOf(use.name, targets()), use.input, turnId);
    if (use.name === specialistRouteTool && !this.input.consultation) {
      // One tool for every workspace specialist: `agent` names it (by tool-safe id); the rest is a handoff.
      const { agent, ...handoff } = (typeof use.input === 'object' && use.input !== null ? use.input : {}) as Record<string, unknown>;
      return this.handoff(handoffTargetOf(`${handoffPrefix}${typeof agent === 'string' ? agent : ''}`, targets()), { contract: 'RoutedTask', ...handoff }, turnId);
    }
    return this.callTool(use, turnId);
  }

  private async submit(raw: unknown, turnId: string): Promise<Reply> {
    const contract = getContract(this.returns);
    const checked = validatePayload(contract, raw);
    let issues = checked.ok ? (this.input.consultation?.check?.(checked.value as Record<string, unknown>) ?? []) : checked.issues;
    if (checked.ok && issues.length === 0) issues = await this.refusedWrites(this.returns, checked.value, turnId, '');
    if (!checked.ok || issues.length > 0) return this.bounce('result', this.returns, issues, turnId, { submitted: raw });
    const payload = checked.value as Record<string, unknown>;
    const carried = this.input.consultation ? undefined : contract.decision;
    if (carried) {
      const outcome = String(payload[carried.field]);
      let decision = this.settled.get(carried.kind);
      if (!decision) {
        const settlement = await settleDecision(this.ctx, {
          owner: this.agent,
          statement: { kind: carried.kind, owner: this.agent.name, outcome, rationale: carried.rationale(payload) },
          options: outcomeOptions(this.returns, carried.field),
          parentSpanId: turnId,
          consult: this.consult,
        }).catch((error: unknown) => {
          // Cancelled (or out of time) while the person was being asked: a stop like any other.
          this.checkSignal();
          throw error;
        });
        if (settlement.escalation) return { content: 'Escalated to the person.', isError: false, end: { kind: 'escalated', escalation: settlement.escalation } };
        decision = settlement.record;
        this.settled.set(carried.kind, decision);
      }
      if (decision.outcome !== outcome) {
        return this.bounce('result', this.returns, [`${carried.field}: the decision "${carried.kind}" was settled as "${decision.outcome}" (${decision.settledBy}: ${decision.rationale}); submit a result that agrees with it`], turnId, { submitted: raw });
      }
    }
    const accepted = this.ctx.trace.record('validation', turnId, { agent: this.agent.name, contract: this.returns, direction: 'result', attempt: this.bounces + 1, verdict: 'accepted', issues: [], payload: tracedPayload(payload) });
    return { content: `${this.returns} accepted.`, isError: false, end: { kind: 'submitted', contract: this.returns, payload, spanId: accepted.id } };
  }

  private readonly consult: Consult = async (agent, contract, payload, returns, parentSpanId, check) => {
    const end = await activate(this.ctx, { agent, contract, payload, from: 'nova', parentSpanId, consultation: check ? { returns, check } : { returns } });
    return end.kind === 'submitted' ? (end.payload as Record<string, unknown>) : undefined;
  };

  private async handoff(targetName: string, raw: unknown, turnId: string): Promise<Reply> {
    const { ctx, agent } = this;
    const target = ctx.team.get(targetName);
    const parsed = HandoffInput.safeParse(raw);
    const reason = parsed.success ? parsed.data.reason : '';
    const allowed = ctx.team.handoffTargets(agent).map((candidate) => candidate.name);
    if (this.input.consultation || !target || !allowed.includes(targetName)) {
      const why = this.input.consultation
        ? 'you were asked for an answer, not to hand off'
        : !target ? `there is no agent named "${targetName}"` : `${agent.name} may not hand off to ${targetName}`;
      ctx.trace.record('handoff', turnId, { agent: agent.name, from: agent.name, to: targetName, contract: '', reason, payloadHash: '', status: 'refused', detail: why, payload: tracedPayload(handedPayload(raw)) });
      ctx.governor.noteError(agent.name, `refused handoff to ${targetName}`);
      return { content: `Refused: ${why}. Your handoffs: ${allowed.join(', ') || 'none'}.`, isError: true };
    }
    const handable = handoffContracts(target.accepts);
    const contractName = parsed.success ? (parsed.data.contract ?? (handable.length === 1 ? handable[0] : undefined)) : undefined;
    let issues: readonly string[];
    let payload: unknown;
    if (!parsed.success) issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(input)'}: ${issue.message}`);
    else if (!contractName || !handable.includes(contractName)) issues = [`contract: ${targetName} accepts ${handable.join(' or ')}${handable.length < target.accepts.length ? ' from another agent' : ''}`];
    else {
      const checked = validatePayload(getContract(contractName), parsed.data.payload);
      issues = checked.ok ? await this.refusedWrites(contractName, checked.value, turnId, 'payload.') : checked.issues.map((issue) => `payload.${issue}`);
      payload = checked.ok ? checked.value : undefined;
    }
    const contract = contractName ?? handable.join('|');
    if (issues.length > 0) {
      ctx.trace.record('handoff', turnId, { agent: agent.name, from: agent.name, to: targetName, contract, reason, payloadHash: payloadHash(raw), status: 'bounced', detail: issues.join('; '), payload: tracedPayload(handedPayload(raw)), issues });
      return this.bounce('handoff', contract, issues, turnId);
    }
    const hash = payloadHash(payload);
    ctx.trace.record('validation', turnId, { agent: agent.name, contract, direction: 'handoff', attempt: this.bounces + 1, verdict: 'accepted', issues: [] });
    ctx.governor.admitHandoff(agent.name, targetName, contract, hash);
    const delivered = ctx.trace.record('handoff', turnId, { agent: agent.name, from: agent.name, to: targetName, contract, reason, payloadHash: hash, status: 'delivered', payload: tracedPayload(payload) });
    return { content: `Handed to ${targetName}.`, isError: false, end: { kind: 'handoff', to: targetName, contract, payload, reason, spanId: delivered.id } };
  }

  private async callTool(use: ToolUseBlock, turnId: string): Promise<Reply> {
    const { ctx, agent } = this;
    if (!agent.tools.includes(use.name) || !ctx.tools.has(use.name)) {
      const why = use.name.startsWith('submit_')
        ? `you return ${this.returns}; submit it with ${this.toolbox.submitTool}`
        : `${agent.name} may not use "${use.name}"; its tools: ${agent.tools.join(', ') || 'none'}`;
      ctx.trace.record('tool_call', turnId, { agent: agent.name, tool: use.name, input: use.input, status: 'refused', output: why });
      ctx.governor.noteError(agent.name, `refused tool ${use.name}`);
      return { content: `Refused: ${why}.`, isError: true };
    }
    const span = ctx.trace.start('tool_call', turnId, { agent: agent.name, tool: use.name, input: use.input, status: 'ok', output: '' });
    const outcome = await ctx.tools.invoke(use.name, use.input, { agent: agent.name, sandbox: ctx.sandbox, commands: ctx.commands, trusted: ctx.trusted, signal: ctx.signal });
    span.end({ status: outcome.status, output: outcome.output.length > traceOutputLimit ? `${outcome.output.slice(0, traceOutputLimit)}… (${outcome.output.length} chars)` : outcome.output });
    this.checkSignal();
    if (outcome.status !== 'ok') ctx.governor.noteError(agent.name, `${use.name}: ${outcome.output.split('\n')[0]}`);
    return { content: outcome.output, isError: outcome.status !== 'ok' };
  }

  /**
   * The run's write guard on a ChangeProposal: each file it refuses is a `protected_write` span and
   * an issue that bounces the proposal to its author, who may drop the file (or stop after its
   * bounces, like any malformed result). A file is checked as named and where it really leads (a
   * symbolic link to a test is the test). A refused proposal goes no further — no reviewer, no store,
   * nothing a person could accept — so a protected path stays unwritable whatever the person approves
   * later; a command's writes are undone by the improve loop instead (improve/protection.ts).
   */
  private async refusedWrites(contract: string, payload: unknown, turnId: string, prefix: string): Promise<string[]> {
    const guard = this.ctx.protectedPath;
    if (!guard || contract !== 'ChangeProposal') return [];
    const { agent, ctx } = this;
    const issues: string[] = [];
    for (const [index, file] of (payload as ChangeProposal).files.entries()) {
      let reason = guard(file.path);
      if (!reason) {
        const resolved = await ctx.sandbox.resolve(file.path);
        const real = resolved.ok && resolved.relative !== file.path ? guard(resolved.relative) : undefined;
        if (real && resolved.ok) reason = `${JSON.stringify(file.path)} leads to ${resolved.relative}: ${real}`;
      }
      if (!reason) continue;
      ctx.trace.record('protected_write', turnId, { agent: agent.name, attempt: { agent: agent.name, path: file.path, reason, via: 'proposal' } });
      issues.push(`${prefix}files.${index}.path: ${reason}; this run may not change it: drop this file from the proposal`);
    }
    return issues;
  }

  /**
   * Sends validation errors back to this agent, or ends its branch once the bounces are used up.
   * `submitted`: the result as the agent submitted it on this attempt (absent when it submitted none).
   */
  private bounce(direction: 'result' | 'handoff', contract: string, issues: readonly string[], turnId: string, what: { readonly submitted?: unknown } = {}): Reply {
    this.bounces += 1;
    const { ctx, agent } = this;
    const attempt = this.bounces;
    const payload = direction === 'result' && 'submitted' in what ? { payload: tracedPayload(what.submitted) } : {};
    if (this.bounces > ctx.policy.maxBounces) {
      ctx.trace.record('validation', turnId, { agent: agent.name, contract, direction, attempt, verdict: 'violation', issues, ...payload });
      const report = ctx.governor.report(agent.name, 'contract_violation', `${agent.name}'s ${contract} was still malformed after ${ctx.policy.maxBounces} bounces: ${issues.join('; ')}`);
      return { content: 'Contract violation: your branch is stopped.', isError: true, end: { kind: 'violation', report } };
    }
    ctx.trace.record('validation', turnId, { agent: agent.name, contract, direction, attempt, verdict: 'bounced', issues, ...payload });
    const left = ctx.policy.maxBounces - this.bounces + 1;
    return { content: [`Your ${contract} was not accepted:`, ...issues.map((issue) => `- ${issue}`), `Fix exactly these and try again (${left} attempt${left === 1 ? '' : 's'} left).`].join('\n'), isError: true };
  }
}

/** The payload inside a handoff tool's input (`{reason, contract, payload}`); the whole input when it has none. */
function handedPayload(raw: unknown): unknown {
  return typeof raw === 'object' && raw !== null && 'payload' in raw ? (raw as { payload: unknown }).payload : raw;
}

/** The values a carried decision can take: the enum of its field in the contract's schema. */
function outcomeOptions(contractName: string, field: string): readonly string[] {
  const properties = contractJsonSchema(getContract(contractName)).properties as Record<string, { enum?: unknown[] }> | undefined;
  return (properties?.[field]?.enum ?? []).map(String);
}
