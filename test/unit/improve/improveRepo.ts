/**
 * What the improve-loop tests share: the sample workspace committed in a real git repository with
 * the person's own work in progress around it (an edited file, a staged file, an untracked file, a
 * stash, a branch), a fingerprint of all of it that must not change, and small real gates (a
 * command gate running a real process, a review gate running the team's reviewer) for the tests
 * that do not use the default gates.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTeam } from '../../../src/core/agents/load';
import type { Team } from '../../../src/core/agents/team';
import type { ReviewVerdict } from '../../../src/core/contracts';
import type { Gate } from '../../../src/core/improve/gate';
import type { GateName } from '../../../src/core/improve/record';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { repoRoot } from '../../../tools/paths';
import { git } from '../checkpoints/tempRepo';
import { copySample } from '../review/plantedFindings';

/** The TypeScript compiler this repository has (the sample has no node_modules of its own). */
export const tsc = `"${process.execPath}" "${path.join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc')}"`;
/** The sample's own `npm test`, with the compiler named: build, then node's test runner. */
export const sampleTestCommand = `${tsc} -p . && "${process.execPath}" --test out/test/*.test.js`;

/** The sample in a repository with one commit, and the person's uncommitted work: `src/board.ts` edited (in `src/**`), README.md staged, notes.txt untracked, a stash, a branch. */
export function sampleRepository(): { folder: string; cleanup: () => void } {
  const sample = copySample();
  const folder = sample.folder;
  git(folder, ['init', '--quiet', '--initial-branch=main']);
  git(folder, ['add', '--all']);
  git(folder, ['commit', '--quiet', '-m', 'the sample']);
  git(folder, ['branch', 'feature']);
  fs.appendFileSync(path.join(folder, 'src', 'util.ts'), '// stashed work\n');
  git(folder, ['stash', '--quiet']);
  fs.appendFileSync(path.join(folder, 'src', 'board.ts'), '\n// the person\'s work in progress\n');
  fs.appendFileSync(path.join(folder, 'README.md'), '\nA staged line.\n');
  git(folder, ['add', 'README.md']);
  fs.writeFileSync(path.join(folder, 'notes.txt'), 'untracked notes\n');
  return sample;
}

/**
 * Everything of the person's git state the loop must leave byte for byte as it was. While an
 * improvement waits for a decision its own branch is there too: `withoutNova` leaves it out.
 */
export function personState(folder: string, options: { readonly withoutNova?: boolean } = {}): Record<string, string> {
  const status = git(folder, ['status', '--porcelain=v2', '--untracked-files=all']);
  const dirty = status
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(' ').at(-1) ?? '')
    .sort();
  return {
    status,
    head: git(folder, ['rev-parse', 'HEAD']),
    headRef: fs.readFileSync(path.join(folder, '.git', 'HEAD'), 'utf8'),
    index: sha256(fs.readFileSync(path.join(folder, '.git', 'index'))),
    stash: git(folder, ['stash', 'list']),
    branches: options.withoutNova ? git(folder, ['branch', '--list']).split('\n').filter((line) => !line.includes(' nova/improve/')).join('\n') : git(folder, ['branch', '--list']),
    ...Object.fromEntries(dirty.map((file) => [`file:${file}`, sha256(fs.readFileSync(path.join(folder, file)))])),
  };
}

/** Nova's improve branches and worktrees in the repository. */
export function improveLeftovers(folder: string): { branches: string; worktrees: string[] } {
  const worktreesFolder = path.join(folder, '.git', 'nova', 'worktrees');
  return {
    branches: git(folder, ['for-each-ref', '--format=%(refname:short)', 'refs/heads/nova/improve/']).trim(),
    worktrees: fs.existsSync(worktreesFolder) ? fs.readdirSync(worktreesFolder) : [],
  };
}

/** The shipped team as a folder defines it (no workspace agents in the sample). */
export async function teamOf(folder: string): Promise<Team> {
  const { team, problems } = await loadTeam({ shippedFolder: path.join(repoRoot, 'agents'), workspace: { folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames: createWorkspaceTools().names() });
  if (problems.length > 0) throw new Error(problems.map((problem) => problem.message).join('\n'));
  return team;
}

/** A gate that runs `command` in the worktree with a shell: passed exactly when it exits 0; its output is the evidence. */
export function commandGate(gate: Extract<GateName, 'typecheck' | 'tests'>, title: string, command: string): Gate {
  return {
    name: gate,
    async run(context) {
      const startedAt = Date.now();
      const ran = spawnSync('sh', ['-c', command], { cwd: context.root, encoding: 'utf8', timeout: context.settings.testTimeoutMs });
      const output = `${ran.stdout}${ran.stderr}`;
      const status = ran.status === 0 ? 'passed' : 'failed';
      return { gate, title, status, summary: `exit code ${ran.status ?? 'none'}`, command, exitCode: ran.status ?? -1, durationMs: Date.now() - startedAt, evidence: output.slice(-20_000), trimmed: output.length > 20_000 };
    },
  };
}

/** A gate that hands the real change to the team's reviewer: passed for `approve` at the settings' confidence. */
export const reviewGate: Gate = {
  name: 'review',
  async run(context) {
    const startedAt = Date.now();
    const result = await context.runAgent({ agent: 'reviewer', contract: 'ChangeProposal', payload: context.proposal, reason: 'review gate: the worktree\'s diff' });
    const verdict = result.result?.payload as ReviewVerdict | undefined;
    if (!verdict) return { gate: 'review', title: 'Reviewer verdict', status: 'error', summary: `the reviewer's run ended ${result.status}`, durationMs: Date.now() - startedAt, evidence: JSON.stringify(result.stuck ?? result.escalation ?? {}), trimmed: false };
    const passed = verdict.verdict === 'approve' && verdict.confidence >= context.settings.reviewerMinConfidence;
    return { gate: 'review', title: 'Reviewer verdict', status: passed ? 'passed' : 'failed', summary: `${verdict.verdict}, confidence ${verdict.confidence}`, durationMs: Date.now() - startedAt, evidence: verdict.summary, trimmed: false };
  },
};

/** The gates these tests run by default: type-check, the sample's tests, the reviewer. */
export function sampleGates(): Gate[] {
  return [commandGate('typecheck', 'Type-check', `${tsc} -p . --noEmit`), commandGate('tests', 'Tests', sampleTestCommand), reviewGate];
}

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
