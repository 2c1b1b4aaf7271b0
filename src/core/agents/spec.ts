/**
 * An agent as Nova runs it: loaded from a Markdown file whose front matter says what it may do
 * (tools, handoffs), what it owns and advises, and what it accepts and returns.
 */

export const roles = ['front-door', 'planner', 'specialist', 'reviewer', 'arbiter', 'runner'] as const;
export type Role = (typeof roles)[number];

/** Where an agent file came from; a workspace agent with the same name overrides a shipped one. */
export type AgentOrigin = 'shipped' | 'workspace' | 'claude';

/** Limits on one activation of the agent. */
export interface AgentBudget {
  readonly turns: number;
  readonly tokens: number;
  readonly usd: number;
}

export interface AgentSpec {
  readonly name: string;
  readonly description: string;
  readonly role: Role;
  readonly tools: readonly string[];
  /** Model id; absent means the configured default. */
  readonly model?: string;
  /** Messages API endpoint for this agent (a gateway or compatible server); absent means the configured one. */
  readonly baseURL?: string;
  /** Decision kinds this agent owns: across a team each kind has exactly one owner. */
  readonly owns: readonly string[];
  /** Decision kinds it gives opinions on. */
  readonly advises: readonly string[];
  readonly accepts: readonly string[];
  readonly returns: string;
  readonly handoffs: readonly string[];
  readonly budget: AgentBudget;
  /** Extended-thinking budget in tokens; 0 means off. */
  readonly thinking: number;
  /** The system prompt: the file's body. */
  readonly prompt: string;
  readonly source: { readonly path: string; readonly origin: AgentOrigin };
}

export const defaultBudget: AgentBudget = { turns: 12, tokens: 150_000, usd: 1.5 };

/** A reason an agent file was not loaded (or loaded with a caveat), naming the file and the field. */
export interface AgentLoadProblem {
  readonly path: string;
  readonly field?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export function describeProblem(problem: AgentLoadProblem): string {
  return `${problem.path}: ${problem.field ? `field "${problem.field}": ` : ''}${problem.message}`;
}
