/**
 * An offline improve run on the sample workspace (a committed copy of sample/ in a temporary git
 * repository, Nova's node_modules linked in so the type-check and `npm test` really run): wall time
 * by phase, as the loop records it, and what the worktree costs — making it (and linking
 * node_modules), removing it, and the type-check and test gates in it against the same gates run in
 * place on the same change. The review and evaluation gates run agents on the diff wherever the
 * files are, so they are not measured twice. Run alone with `node out/bench/improve.js`.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { rejectImprovement } from '../src/core/improve/decide';
import type { Gate, GateContext } from '../src/core/improve/gate';
import { defaultGates } from '../src/core/improve/gates';
import { startImprove } from '../src/core/improve/loop';
import { ImproveProtection } from '../src/core/improve/protection';
import { improvePhases, type ImproveRecord, type ImproveRequest } from '../src/core/improve/record';
import { defaultImproveSettings, type ImproveSettings } from '../src/core/improve/settings';
import { chooseModel } from '../src/core/model/select';
import { loadWorkspaceTeam } from '../src/cli/setup';
import { sampleRepository } from '../test/support/sampleRepository';
import { repoRoot } from '../tools/paths';
import { formatBenchTable, median, type BenchRow } from './table';

const RUNS = 3;
const round = (ms: number) => Math.round(ms);
const request: ImproveRequest = { scope: ['src/report.ts'], goal: 'remove unused imports', target: 'code' };
const settings: ImproveSettings = { ...defaultImproveSettings, testCommand: 'npm test' };

async function improveOnce(folder: string): Promise<{ record: ImproveRecord; wallMs: number }> {
  const model = chooseModel({ provider: 'offline' });
  const started = performance.now();
  const run = await startImprove({
    folder,
    request,
    model,
    loadTeam: async (root) => (await loadWorkspaceTeam(root)).team,
    settings,
    commands: { allowlist: [settings.testCommand ?? ''] },
    trusted: true,
    gates: defaultGates,
    protection: ImproveProtection.create({ settings, goal: request.goal, scope: request.scope, target: request.target }),
  });
  const record = await run.done;
  if (record.state !== 'ready') throw new Error(`The benchmark's improve run ended ${record.state}: ${record.error ?? JSON.stringify(record.report?.gates.map((gate) => [gate.gate, gate.status, gate.summary]))}`);
  return { record, wallMs: performance.now() - started };
}

/** A gate run on `root` as it is (the person's folder with the change checked out): the command gates need nothing else. */
async function inPlace(gate: Gate, root: string, record: ImproveRecord, logFolder: string): Promise<number> {
  const unused = () => Promise.reject(new Error(`${gate.name}: not used in place`));
  const context: GateContext = {
    root,
    base: record.report?.base ?? 'HEAD',
    changedPaths: (record.report?.files ?? []).map((file) => file.path),
    proposal: { summary: 'in place', rationale: 'the benchmark', files: [], risks: [] },
    settings,
    commands: { allowlist: [settings.testCommand ?? ''] },
    trusted: true,
    signal: new AbortController().signal,
    model: chooseModel({ provider: 'offline' }),
    runAgent: unused,
    loadTeam: unused,
    checkoutBase: unused,
    logFolder,
  };
  const started = performance.now();
  const got = await gate.run(context);
  if (got.status !== 'passed') throw new Error(`${gate.name} in place: ${got.status} (${got.summary})`);
  return performance.now() - started;
}

export async function measureImprove(): Promise<BenchRow[]> {
  const repository = await sampleRepository();
  const logFolder = mkdtempSync(join(tmpdir(), 'nova-bench-improve-'));
  // The sample's node_modules is git-ignored; Nova's has TypeScript for the type-check and `npm test`.
  symlinkSync(join(repoRoot, 'node_modules'), join(repository.folder, 'node_modules'), 'junction');
  const phases = new Map<string, number[]>(improvePhases.map((phase) => [phase, []]));
  const walls: number[] = [];
  const removals: number[] = [];
  const placed = { typecheck: [] as number[], tests: [] as number[] };
  try {
    for (let run = 0; run < RUNS; run++) {
      const { record, wallMs } = await improveOnce(repository.folder);
      walls.push(wallMs);
      for (const { phase, ms } of record.report?.phases ?? []) phases.get(phase)?.push(ms);
      // The same change in place: the branch's commit checked out (detached) in the folder itself.
      const branch = record.report?.branch ?? '';
      execFileSync('git', ['checkout', '--quiet', '--detach', branch], { cwd: repository.folder });
      for (const gate of defaultGates) if (gate.name === 'typecheck' || gate.name === 'tests') placed[gate.name].push(await inPlace(gate, repository.folder, record, logFolder));
      execFileSync('git', ['checkout', '--quiet', 'main'], { cwd: repository.folder });
      const removing = performance.now();
      await rejectImprovement(repository.folder, record.runId, { keepBranch: false });
      removals.push(performance.now() - removing);
    }
  } finally {
    await repository.cleanup();
    rmSync(logFolder, { recursive: true, force: true });
  }
  const row = (what: string, samples: readonly number[]): BenchRow => ({ what, value: round(median(samples)), unit: 'ms', samples: samples.map(round) });
  const inWorktree = (gate: 'typecheck' | 'tests') => phases.get(gate) ?? [];
  const worktreeGates = inWorktree('typecheck').map((ms, index) => ms + (inWorktree('tests')[index] ?? 0));
  const placedGates = placed.typecheck.map((ms, index) => ms + (placed.tests[index] ?? 0));
  const made = phases.get('worktree') ?? [];
  return [
    ...improvePhases.map((phase) => row(`phase: ${phase}`, phases.get(phase) ?? [])),
    row('whole run (startImprove to its record)', walls),
    row('worktree: made, node_modules linked (the worktree phase)', made),
    row('worktree: removed, branch deleted (Reject)', removals),
    row('type-check + tests gates in the worktree', worktreeGates),
    row('type-check + tests gates in place, same change', placedGates),
    row('worktree overhead (made + removed + gates difference)', made.map((ms, index) => ms + (removals[index] ?? 0) + (worktreeGates[index] ?? 0) - (placedGates[index] ?? 0))),
  ];
}

if (require.main === module) {
  measureImprove().then(
    (rows) => console.log(formatBenchTable(rows)),
    (error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    },
  );
}
