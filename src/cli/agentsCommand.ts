import * as path from 'node:path';
import { describeProblem } from '../core/agents/spec';
import { loadWorkspaceTeam, workspaceFolder } from './setup';
import type { TerminalOutput } from './terminalOutput';

/** `nova agents`: the loaded team and what failed to load. */
export async function agentsCommand(options: { workspace?: string | undefined }, out: TerminalOutput): Promise<number> {
  const folder = workspaceFolder(options.workspace);
  const { team, problems } = await loadWorkspaceTeam(folder);
  const rows = team.agents.map((agent) => [
    agent.name,
    agent.role,
    agent.owns.join(', ') || '—',
    agent.source.origin === 'shipped' ? `shipped: agents/${path.basename(agent.source.path)}` : path.relative(folder, agent.source.path),
  ]);
  const header = ['agent', 'role', 'owns', 'source'];
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column]?.length ?? 0)));
  const line = (cells: readonly string[]) => cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ').trimEnd();
  out.write(`${line(header)}\n${rows.map(line).join('\n')}\n`);
  for (const problem of problems) out.write(`${problem.severity === 'error' ? 'not loaded' : 'warning'}: ${describeProblem(problem)}\n`);
  return problems.some((problem) => problem.severity === 'error') ? 1 : 0;
}
