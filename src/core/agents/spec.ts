/**
 * An agent as Nova runs it: loaded from a Markdown file whose front matter says what it may do
 * (tools, handoffs), what it owns and advises, and what it accepts and returns.
 */
import type { AgentProvenance } from '../contracts/provenance';

export const roles = ['front-door', 'planner', 'specialist', 'reviewer', 'arbiter', 'runner'] as const;
export type Role = (typeof roles)[number];

/** Where an agent file came from; a workspace agent with the same name overrides a shipped one. */
export type AgentOrigin = AgentProvenance['origin'];

/** The file an agent was loaded from. */
export interface AgentFileSource {
  /** The file's real absolute path. */
  readonly path: string;
  readonly origin: AgentOrigin;
  /** As a person reads it: `agents/<name>.md` for shipped agents, workspace-relative (with `/`) otherwise. */
  readonly file: string;
  /** sha256 (hex) of the file's bytes: what a person's acceptance of a workspace file is bound to. */
  readonly sha256: string;
}

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
  readonly source: AgentFileSource;
}

/**
 * The agent's name as it may appear in a tool name (`handoff_to_<id>`): the Messages API allows
 * only [a-zA-Z0-9_-] there, and names may carry a "." (powershell-5.1-expert → powershell-5_1-expert).
 * The one derivation; the team refuses two agents whose ids meet.
 */
export function agentToolId(name: string): string {
  return name.replace(/[^a-zA-Z0-9_-]/g, '_');
}

/** The agent's provenance as records carry it. */
export function provenanceOf(agent: Pick<AgentSpec, 'source'>): AgentProvenance {
  return { origin: agent.source.origin, file: agent.source.file };
}

export const defaultBudget: AgentBudget = { turns: 12, tokens: 150_000, usd: 1.5 };

/** A reason an agent file was not loaded (or loaded with a caveat), naming the file and the field. */
export interface AgentLoadProblem {
  /** The file as a person reads it (workspace-relative for workspace files). */
  readonly path: string;
  readonly field?: string;
  readonly message: string;
  readonly severity: 'error' | 'warning';
}

export function describeProblem(problem: AgentLoadProblem): string {
  return `${problem.path}: ${problem.field ? `field "${problem.field}": ` : ''}${problem.message}`;
}
