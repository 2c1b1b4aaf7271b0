/**
 * Which agent-file problems `nova run` shows: those of the files behind agents the run reaches —
 * the file an agent was loaded from, and the files that would have been that agent (an override
 * waiting for acceptance, a Claude file loaded beside it under another name) — each when that agent
 * starts working; the rest are one line at the end, since `nova agents` lists them all.
 */
import { describeProblem, type AgentLoadProblem } from '../core/agents/spec';
import type { TeamLoad } from '../core/agents/team';
import type { RunEvent } from '../core/orchestrator/events';
import type { TerminalOutput } from './terminalOutput';

/** Prints the problems of the agents a run reaches as they start; `printRest` the count of the others. */
export function runProblemPrinter(load: TeamLoad, out: TerminalOutput): { onEvent: (event: RunEvent) => void; printRest: () => void } {
  const agentsOfFile = new Map<string, Set<string>>();
  const relate = (file: string, ...agents: string[]) => agentsOfFile.set(file, new Set([...(agentsOfFile.get(file) ?? []), ...agents]));
  for (const agent of load.team.agents) if (agent.source.origin !== 'shipped') relate(agent.source.file, agent.name);
  for (const file of load.pending) relate(file.path, file.name);
  for (const file of load.pendingEndpoints) relate(file.path, file.name);
  for (const file of load.renamed) relate(file.path, file.name, file.loadedAs);
  const unshown = new Map<string, AgentLoadProblem[]>();
  for (const problem of load.problems) unshown.set(problem.path, [...(unshown.get(problem.path) ?? []), problem]);

  return {
    onEvent: (event) => {
      if (event.type !== 'agent_start') return;
      for (const [file, problems] of unshown) {
        if (!agentsOfFile.get(file)?.has(event.agent)) continue;
        for (const problem of problems) out.write(`   ${problem.severity === 'error' ? '✗ agent file not loaded' : '⚠ agent file'}: ${describeProblem(problem)}\n`);
        unshown.delete(file);
      }
    },
    printRest: () => {
      if (unshown.size === 0) return;
      out.write(`${unshown.size} other agent file${unshown.size === 1 ? ' has' : 's have'} problems: nova agents lists them.\n`);
    },
  };
}
