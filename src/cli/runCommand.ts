import * as path from 'node:path';
import type { ChangeProposal } from '../core/contracts';
import { proposalDiffs } from '../core/edits/proposalDiff';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import type { RunResult } from '../core/orchestrator/result';
import { Orchestrator } from '../core/orchestrator/run';
import { storeRunProposals, type RunProposals } from '../core/proposals/runProposals';
import { ProposalStore } from '../core/proposals/store';
import { readLimits } from '../core/tools/readFile';
import { createWorkspaceTools } from '../core/tools/registry';
import { resolveProposablePath } from '../core/workspace/proposablePath';
import { WorkspaceSandbox } from '../core/workspace/sandbox';
import { JsonlSpanProcessor, traceFilePath } from '../core/trace/jsonl';
import { newRunId } from '../core/trace/recorder';
import { loadPrices } from './prices';
import { printResults } from './resultPrinter';
import { printRunEvents } from './printer';
import { runProblemPrinter } from './runProblems';
import { cliModel, loadWorkspaceTeam, workspaceFlag, workspaceFolder, type AgentAllowances } from './setup';
import type { TerminalOutput } from './terminalOutput';
import { exitCodeOf, exitCodes, UsageError } from './usage';

export interface RunOptions extends AgentAllowances {
  readonly task: string | undefined;
  readonly agent?: string | undefined;
  readonly workspace?: string | undefined;
  readonly model?: string | undefined;
}

/** `nova run`: a team task on a folder, streamed; proposals printed as diffs and stored for review, never applied. */
export async function runCommand(options: RunOptions, out: TerminalOutput, env: NodeJS.ProcessEnv, signal: AbortSignal): Promise<number> {
  if (!options.task?.trim()) throw new UsageError('nova run needs a task: nova run "remove unused imports in src/report.ts"');
  const folder = workspaceFolder(options.workspace);
  const load = await loadWorkspaceTeam(folder, options);
  const { team } = load;
  if (options.agent && !team.get(options.agent)) throw new UsageError(`No agent named "${options.agent}". The team: ${team.agents.map((a) => a.name).join(', ')}.`);

  const model = cliModel(options, env);
  out.write(`Model: ${model.label}\n`);
  const runId = newRunId();
  const traceFile = traceFilePath(folder, runId);
  const orchestrator = new Orchestrator({
    team,
    model: model.client,
    defaultModel: model.defaultModel,
    ...(model.override ? { modelOverride: model.override } : {}),
    tools: createWorkspaceTools(),
    sandbox: await WorkspaceSandbox.create([folder], nodeWorkspaceFiles),
    // The CLI asks no one, so no command runs unless a later version adds an allowlist flag.
    commands: { allowlist: [] },
    processors: [new JsonlSpanProcessor(traceFile)],
    prices: loadPrices(env.NOVA_PRICES),
  });
  orchestrator.events.on(printRunEvents(out));
  const problems = runProblemPrinter(load, out);
  orchestrator.events.on(problems.onEvent);
  const result = await orchestrator.run({ text: options.task, ...(options.agent ? { agent: options.agent } : {}) }, { signal, runId });

  // Its own sandbox: the files a proposal names are read through it, and its refusals are not the run's.
  const printing = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  for (const artifact of result.artifacts.filter((a) => a.contract === 'ChangeProposal')) {
    await printProposal(artifact.agent, artifact.payload as ChangeProposal, printing, out);
  }
  const stored = await storeForReview(folder, result, out);
  printResults(result, out);
  const { usage } = result;
  problems.printRest();
  const stop = result.stuck ? `${result.stuck.reason === result.status ? '' : ` — ${result.stuck.reason}`} at ${result.stuck.agent}: ${result.stuck.detail}` : '';
  out.write(`\n${result.status.toUpperCase()}${stop}\n`);
  out.write(`${usage.steps} model calls, ${usage.tokens} tokens, $${usage.costUsd.toFixed(4)}. Trace: ${displayPath(traceFile)}\n`);
  for (const problem of result.traceProblems) out.write(`✗ ${problem}\n`);
  return stored ? exitCodeOf(result.status) : exitCodes.failed;
}

/**
 * Stores the run's proposals in the workspace's store, as the language server does after a run,
 * so the editor's Proposals view and `nova proposals` find them; prints each one's id, its hunks
 * and how to review it. False when the store could not be written (the diffs above are all there is).
 */
async function storeForReview(folder: string, result: RunResult, out: TerminalOutput): Promise<boolean> {
  let proposals: RunProposals;
  try {
    proposals = await storeRunProposals(ProposalStore.open(folder), result);
  } catch (error) {
    out.write(`\n✗ The proposals could not be stored for review: ${error instanceof Error ? error.message : String(error)}\n`);
    return false;
  }
  for (const refused of proposals.refused) out.write(`\n✗ A proposal of ${refused.agent} was not stored. ${refused.message}\n`);
  const flag = workspaceFlag(folder);
  for (const { changeSet, duplicate } of proposals.stored) {
    const hunks = changeSet.files.flatMap((file) => file.hunks.map((hunk) => `${hunk.id} ${file.path}:${hunk.startLine}${hunk.status === 'pending' ? '' : ` (${hunk.status})`}`));
    out.write(`\n${duplicate ? 'Already waiting for review' : 'Stored for review'}: proposal ${changeSet.id}, ${hunks.length} hunk${hunks.length === 1 ? '' : 's'}:\n`);
    for (const hunk of hunks) out.write(`  ${hunk}\n`);
    out.write(`Review it with: nova proposals show ${changeSet.id}${flag} (then accept or reject, all or --hunk ID), or in the editor's Proposals view.\n`);
  }
  return true;
}

/**
 * A proposal as diffs against the files as they are. Each path is resolved through the sandbox
 * first: one that leaves the workspace or is protected gets a ✗ line and is never read.
 */
async function printProposal(agent: string, proposal: ChangeProposal, sandbox: WorkspaceSandbox, out: TerminalOutput): Promise<void> {
  out.write(`\nProposal from ${agent} (not applied): ${proposal.summary}\n`);
  const readable: ChangeProposal['files'] = [];
  const real = new Map<string, string>();
  for (const file of proposal.files) {
    const resolved = await resolveProposablePath(sandbox, file.path);
    if (!resolved.ok) {
      out.write(`✗ ${file.path}: not shown, and must not be applied: ${resolved.reason}\n`);
      continue;
    }
    readable.push(file);
    real.set(file.path, resolved.path);
  }
  if (readable.length === 0) return;
  const read = async (file: string) => {
    const at = real.get(file);
    if (at === undefined) return undefined;
    const read = await sandbox.readResolved(at, readLimits.maxFileBytes).catch(() => undefined);
    return read?.ok ? read.text : undefined;
  };
  for (const diff of await proposalDiffs({ ...proposal, files: readable }, read)) {
    out.write(diff.patch);
    for (const conflict of diff.conflicts) out.write(`✗ ${diff.path}: hunk ${conflict.hunk + 1} does not apply: ${conflict.reason}\n`);
  }
}

/** Relative to where nova was started when that is shorter to read, absolute otherwise. */
function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative;
}
