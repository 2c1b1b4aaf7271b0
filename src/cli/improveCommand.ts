/**
 * `nova improve`: the self-improvement loop from a terminal or a CI job (core/improve/loop.ts). The
 * change is made and committed on a branch of its own, in a worktree inside the repository's .git;
 * the person's working tree, index and branches are not touched. The phases print as they go, then
 * the change report; the exit code says whether every gate passed, so CI can gate on it.
 */
import { writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { defaultGates } from '../core/improve/gates';
import { ImproveRefused, startImprove } from '../core/improve/loop';
import { ImproveProtection } from '../core/improve/protection';
import { ImprovePreset, improvePresets, ImproveRequest, type GateRecord, type ImprovePhase, type ImproveRecord } from '../core/improve/record';
import { reportMarkdown } from '../core/improve/reportMarkdown';
import { defaultImproveSettings, type ImproveSettings } from '../core/improve/settings';
import { oneLine } from '../core/oneLine';
import { cliModel, loadWorkspaceTeam, workspaceFolder, type AgentAllowances } from './setup';
import type { TerminalOutput } from './terminalOutput';
import { exitCodes, UsageError } from './usage';

export interface ImproveOptions extends AgentAllowances {
  readonly scope: readonly string[] | undefined;
  readonly goal: string | undefined;
  readonly preset: string | undefined;
  /** `--agents`: improve the team's own definitions. */
  readonly agents: boolean | undefined;
  readonly testCommand: string | undefined;
  /** Where to write the report as Markdown; absent: it goes to stdout. */
  readonly report: string | undefined;
  /** Where to write the improvement's record (the report inside) as JSON. */
  readonly json: string | undefined;
  readonly workspace: string | undefined;
  readonly model: string | undefined;
}

/** Runs one improvement to its report; 0 when it is offered (a change, every gate passed), 1 otherwise. */
export async function improveCommand(options: ImproveOptions, out: TerminalOutput, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  const request = requestOf(options);
  const folder = workspaceFolder(options.workspace);
  const load = await loadWorkspaceTeam(folder, options);
  const model = cliModel(options, env);
  const settings: ImproveSettings = { ...defaultImproveSettings, ...(options.testCommand ? { testCommand: options.testCommand } : {}) };
  out.write(`Model: ${model.label}\n`);
  let started: Awaited<ReturnType<typeof startImprove>>;
  try {
    started = await startImprove({
      folder,
      request,
      model,
      loadTeam: async (root) => (root === folder ? load : await loadWorkspaceTeam(root, options)).team,
      settings,
      // The person typed the test command: it runs without asking. Nothing else an agent asks for runs (the CLI asks no one).
      commands: { allowlist: settings.testCommand ? [settings.testCommand] : [] },
      trusted: true,
      onPhase: phasePrinter(out),
      gates: defaultGates,
      protection: ImproveProtection.create({ settings, goal: request.goal, scope: request.scope, ...(settings.testCommand ? { testCommand: settings.testCommand } : {}), target: request.target }),
      signal,
    });
  } catch (error) {
    // Not a git repository, no commit yet: a setup the person fixes, one line.
    if (error instanceof ImproveRefused) throw new UsageError(error.message);
    throw error;
  }
  out.write(`Nova improve ${started.runId}: ${request.goal}\n`);
  if (started.dirtyInScope.length > 0) {
    out.write(`! Uncommitted work in the scope is not in the worktree (it starts from HEAD): ${started.dirtyInScope.join(', ')}\n`);
  }
  const record = await started.done;
  const markdown = markdownOf(record);
  if (options.report) await writeFile(options.report, markdown);
  if (options.json) await writeFile(options.json, `${JSON.stringify(record, null, 2)}\n`);
  if (!options.report) out.write(`\n${markdown}`);
  out.write(`\n${verdictOf(record)}\n`);
  for (const [what, file] of [['Report', options.report], ['Record', options.json]] as const) if (file) out.write(`${what}: ${path.resolve(file)}\n`);
  return record.report?.offered === true ? exitCodes.done : exitCodes.failed;
}

/** The request as the loop takes it; a bad flag is a usage error naming it. */
function requestOf(options: ImproveOptions): ImproveRequest {
  if (!options.scope?.length) throw new UsageError(`nova improve needs --scope GLOB (one or more): nova improve --scope 'src/**' --goal "remove dead code"`);
  let preset: ImprovePreset | undefined;
  if (options.preset !== undefined) {
    const parsed = ImprovePreset.safeParse(options.preset);
    if (!parsed.success) throw new UsageError(`--preset ${options.preset}: not a preset; use one of ${improvePresets.join(', ')}`);
    preset = parsed.data;
  }
  // A preset says what to do by itself; its words are the goal when none is given.
  const goal = options.goal ?? preset?.replace(/-/g, ' ');
  if (!goal?.trim()) throw new UsageError('nova improve needs --goal TEXT (or --preset P): what the change should achieve');
  const parsed = ImproveRequest.safeParse({ scope: options.scope, goal, ...(preset ? { preset } : {}), target: options.agents ? 'agents' : 'code' });
  if (!parsed.success) throw new UsageError(`nova improve: ${parsed.error.issues.map((issue) => `${issue.path.join('.') || 'request'}: ${issue.message}`).join('; ')}`);
  return parsed.data;
}

/** One line when a phase starts, one when it ends (a gate's with its result), with its wall time. */
function phasePrinter(out: TerminalOutput): (phase: ImprovePhase, status: 'started' | 'ended', gate?: GateRecord) => void {
  const startedAt = new Map<ImprovePhase, number>();
  return (phase, status, gate) => {
    if (status === 'started') {
      startedAt.set(phase, performance.now());
      out.write(`▸ ${phase}\n`);
      return;
    }
    const ms = performance.now() - (startedAt.get(phase) ?? performance.now());
    const result = gate ? ` ${gateMark(gate)} ${gate.status}: ${oneLine(gate.summary, 120)}` : '';
    out.write(`  ${phase} done in ${(ms / 1000).toFixed(1)} s${result}\n`);
  };
}

function gateMark(gate: GateRecord): string {
  switch (gate.status) {
    case 'passed':
      return '✓';
    case 'skipped':
      return '–';
    case 'failed':
    case 'error':
      return '✗';
  }
}

/** The report as Markdown; a run that never reached its report says why. */
function markdownOf(record: ImproveRecord): string {
  if (record.report) return reportMarkdown(record.report);
  return `# Improve: ${record.goal}\n\nNo report: the run ended ${record.state}${record.error ? `: ${record.error}` : ''}.\n`;
}

/** The last line: whether the change is offered, and where it is. */
function verdictOf(record: ImproveRecord): string {
  const report = record.report;
  if (!report) return `${record.state.toUpperCase()}${record.error ? `: ${record.error}` : ''}`;
  const where = `branch ${report.branch} (worktree ${report.worktree})`;
  if (report.offered) return `OFFERED: every gate passed. The change is on ${where}.`;
  if (record.state === 'nothing') return `NOTHING OFFERED: the team proposed no change.`;
  const failing = report.gates.filter((gate) => gate.status === 'failed' || gate.status === 'error').map((gate) => gate.title);
  return `NOT OFFERED: ${failing.length > 0 ? `${failing.join(', ')} did not pass` : 'a gate did not pass'}. The change is on ${where}, for inspection.`;
}
