/**
 * The governor keeps a run inside its limits: steps, tokens and dollars (checked before every model
 * call, so a budget is never overspent), handoff ping-pong and the same error repeated. The wall
 * clock and cancellation reach the run as one AbortSignal (run.ts), which also aborts a model call in
 * flight; either way a stop says which agent, which handoff and why.
 */
import type { StopReason, StuckReport } from '../contracts';
import { costOf, priceFor, worstCaseCost, type PriceTable } from '../model/pricing';
import type { TokenUsage } from '../trace/spans';

export interface RunLimits {
  /** Model calls in the whole run. */
  readonly maxSteps: number;
  readonly maxTokens: number;
  readonly maxUsd: number;
  readonly wallClockMs: number;
  /** How often the same error (agent, tool, message) may occur before the run is stopped. */
  readonly maxRepeatedErrors: number;
  /** The smallest output allowance worth a call; below it the budget counts as spent. */
  readonly minOutputTokens: number;
}

export const defaultLimits: RunLimits = {
  maxSteps: 80,
  maxTokens: 2_000_000,
  maxUsd: 5,
  wallClockMs: 15 * 60_000,
  maxRepeatedErrors: 3,
  minOutputTokens: 256,
};

/** Thrown to end the run: the governor (or cancellation) has stopped it. */
export class RunStopped extends Error {
  /** Set once a governor_stop span has been written for this stop. */
  recorded = false;

  constructor(readonly report: StuckReport) {
    super(`${report.reason}: ${report.detail}`);
  }
}

/** Spending of one activation, checked against the agent's own budget. */
export interface ActivationSpend {
  tokens: number;
  usd: number;
}

export class Governor {
  private steps = 0;
  private tokens = 0;
  private usd = 0;
  private readonly handoffs = new Set<string>();
  private readonly errors = new Map<string, number>();
  private lastHandoff: StuckReport['handoff'];

  constructor(
    readonly limits: RunLimits,
    private readonly prices: PriceTable,
  ) {}

  get spent(): { steps: number; tokens: number; costUsd: number } {
    return { steps: this.steps, tokens: this.tokens, costUsd: this.usd };
  }

  /**
   * Admits the next model call, or stops the run. Returns the output-token allowance: the agent's
   * max, lowered so that input plus the whole allowance fits every remaining budget.
   */
  admitModelCall(agent: string, model: string, inputTokens: number, wantedOutput: number, activation: ActivationSpend, budget: { tokens: number; usd: number }): number {
    if (this.steps >= this.limits.maxSteps) this.stop(agent, 'max_steps', `the run reached its limit of ${this.limits.maxSteps} model calls`);
    const tokensLeft = Math.min(this.limits.maxTokens - this.tokens, budget.tokens - activation.tokens);
    let allowance = Math.min(wantedOutput, tokensLeft - inputTokens);
    if (allowance < this.limits.minOutputTokens) {
      this.stop(agent, 'token_budget', `the next call needs ${inputTokens} input tokens plus at least ${this.limits.minOutputTokens} output tokens; ${Math.max(0, tokensLeft)} are left (run ${this.limits.maxTokens - this.tokens}, ${agent}'s activation ${budget.tokens - activation.tokens})`);
    }
    const price = priceFor(this.prices, model);
    const usdLeft = Math.min(this.limits.maxUsd - this.usd, budget.usd - activation.usd);
    if (price && worstCaseCost(inputTokens, allowance, price) > usdLeft) {
      const inputCost = worstCaseCost(inputTokens, 0, price);
      // With free output the input alone is over what is left: no allowance fits.
      allowance = price.output > 0 ? Math.floor(((usdLeft - inputCost) * 1_000_000) / price.output) : 0;
      if (allowance < this.limits.minOutputTokens) {
        this.stop(agent, 'cost_budget', `the next call could cost $${worstCaseCost(inputTokens, this.limits.minOutputTokens, price).toFixed(4)}; $${Math.max(0, usdLeft).toFixed(4)} is left`);
      }
    }
    this.steps += 1;
    return allowance;
  }

  /** Books a finished call's usage against the run and the activation; returns its cost. */
  recordUsage(model: string, usage: TokenUsage, activation: ActivationSpend): number {
    const cost = costOf(usage, priceFor(this.prices, model));
    const tokens = usage.inputTokens + usage.outputTokens + usage.cacheReadTokens + usage.cacheCreationTokens;
    this.tokens += tokens;
    this.usd += cost;
    activation.tokens += tokens;
    activation.usd += cost;
    return cost;
  }

  /** Stops the run when the same handoff (from, to, contract, payload) happens a second time. */
  admitHandoff(from: string, to: string, contract: string, hash: string): void {
    const key = `${from}\u0000${to}\u0000${contract}\u0000${hash}`;
    this.lastHandoff = { from, to, contract };
    if (this.handoffs.has(key)) {
      this.stop(from, 'ping_pong', `${from} handed the same ${contract} to ${to} again (payload ${hash}); the team is going round in circles`);
    }
    this.handoffs.add(key);
  }

  /** Counts an error; the same one too often stops the run. */
  noteError(agent: string, what: string): void {
    const key = `${agent}\u0000${what}`;
    const count = (this.errors.get(key) ?? 0) + 1;
    this.errors.set(key, count);
    if (count >= this.limits.maxRepeatedErrors) this.stop(agent, 'repeated_error', `the same error occurred ${count} times: ${what}`);
  }

  /** A stuck report for this moment of the run. */
  report(agent: string, reason: StopReason, detail: string): StuckReport {
    return {
      agent,
      reason,
      detail,
      steps: this.steps,
      tokens: this.tokens,
      costUsd: this.usd,
      ...(this.lastHandoff ? { handoff: this.lastHandoff } : {}),
    };
  }

  stop(agent: string, reason: StopReason, detail: string): never {
    throw new RunStopped(this.report(agent, reason, detail));
  }
}
