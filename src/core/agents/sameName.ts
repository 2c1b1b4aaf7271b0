/**
 * Which workspace file defines a name that two files define. `.nova/agents` is Nova's own folder
 * and overrides `.claude/agents` (a person adapts a Claude Code agent by copying it there); two
 * files of the same folder defining one name is a mistake, and the second is reported.
 */
import type { AgentLoadProblem, AgentSpec } from './spec';

/** A parsed workspace agent and the warnings its file earned. */
export interface ParsedWorkspaceAgent {
  readonly spec: AgentSpec;
  readonly warnings: readonly AgentLoadProblem[];
  /** Whether its file is in Claude Code's format (no Nova fields): such an agent never replaces a shipped one. */
  readonly claudeFormat: boolean;
}

/** One file per agent name, in the order given, and what became of the others. */
export function oneFilePerName(parsed: readonly ParsedWorkspaceAgent[]): { kept: ParsedWorkspaceAgent[]; problems: AgentLoadProblem[] } {
  const byName = new Map<string, ParsedWorkspaceAgent>();
  const problems: AgentLoadProblem[] = [];
  for (const candidate of parsed) {
    const { name, source } = candidate.spec;
    const earlier = byName.get(name);
    if (!earlier) {
      byName.set(name, candidate);
      continue;
    }
    const earlierSource = earlier.spec.source;
    if (earlierSource.origin === 'claude' && source.origin === 'workspace') {
      byName.set(name, candidate);
      problems.push({ path: earlierSource.file, field: 'name', severity: 'warning', message: `not loaded: ${source.file} also defines "${name}", and .nova/agents overrides .claude/agents` });
    } else if (earlierSource.origin === 'workspace' && source.origin === 'claude') {
      problems.push({ path: source.file, field: 'name', severity: 'warning', message: `not loaded: ${earlierSource.file} also defines "${name}", and .nova/agents overrides .claude/agents` });
    } else {
      problems.push({ path: source.file, field: 'name', severity: 'error', message: `"${name}" is already defined by ${earlierSource.file}` });
    }
  }
  const kept = parsed.filter((candidate) => byName.get(candidate.spec.name) === candidate);
  return { kept, problems };
}
