/**
 * What happens when a workspace file written in Claude Code's format (no Nova fields: a specialist
 * that owns nothing, RoutedTask in, Answer out) takes the name of a shipped agent. Every shipped
 * agent holds a place in the chain — the front door, the planner, an owner or advisor of a
 * decision, the arbiter, the runner — that such a file cannot fill, and the author of a
 * `.claude/agents/planner.md` meant a planner of their own, not Nova's replaced. So it never
 * replaces the shipped agent: it loads beside it under a suffixed name, and says so.
 */
import type { AgentLoadProblem, AgentSpec } from './spec';

/** The suffix a Claude-format agent gets when its name is a shipped agent's. */
export const claudeNameSuffix = '-claude';

/** What a shipped agent holds in the team, as a person reads it ("is the team's planner, owns plan.assignment"). */
export function heldPlace(agent: AgentSpec): string {
  const places = [
    ...(agent.role === 'specialist' ? [] : [`is the team's ${agent.role === 'front-door' ? 'front door' : agent.role}`]),
    ...(agent.owns.length > 0 ? [`owns ${agent.owns.join(', ')}`] : []),
    ...(agent.advises.length > 0 ? [`advises on ${agent.advises.join(', ')}`] : []),
  ];
  return places.length > 0 ? places.join(', ') : `takes ${agent.accepts.join(' or ')} from the team`;
}

/** `spec` under its suffixed name, and the warning that says why. */
export function loadBeside(spec: AgentSpec, shipped: AgentSpec): { spec: AgentSpec; notice: AgentLoadProblem } {
  const name = `${spec.name}${claudeNameSuffix}`;
  return {
    spec: { ...spec, name },
    notice: {
      path: spec.source.file,
      field: 'name',
      severity: 'warning',
      message: `loaded as ${name}: the shipped ${shipped.name} ${heldPlace(shipped)}, and a Claude Code agent owns nothing, so it never replaces it; it runs beside it (the concierge can hand it work; --agent ${name} addresses it)`,
    },
  };
}
