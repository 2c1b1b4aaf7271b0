/**
 * Where an agent came from, as every record of what it did carries it (run events, decisions,
 * spans, `nova agents`): a person reading a verdict must be able to tell Nova's own reviewer from
 * one a cloned repository brought along.
 */
import { z } from 'zod';

/** `shipped`: Nova's own agents/; `workspace`: the workspace's .nova/agents; `claude`: its .claude/agents. */
export const agentOrigins = ['shipped', 'workspace', 'claude'] as const;

/** An agent's origin and its file: `agents/<name>.md` for shipped agents, workspace-relative otherwise. */
export const AgentProvenance = z.strictObject({
  origin: z.enum(agentOrigins),
  file: z.string().min(1),
});
export type AgentProvenance = z.infer<typeof AgentProvenance>;

/** How a person reads a provenance: "shipped", or "workspace .nova/agents/reviewer.md". */
export function describeProvenance(provenance: AgentProvenance | undefined): string {
  if (!provenance) return 'provenance not recorded';
  return provenance.origin === 'shipped' ? 'shipped' : `${provenance.origin} ${provenance.file}`;
}
