/**
 * What the improve-loop tests share: the sample workspace committed in a real git repository with
 * the person's own work in progress around it (an edited file, a staged file, an untracked file, a
 * stash, a branch), and a fingerprint of all of it that must not change.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { loadTeam } from '../../../src/core/agents/load';
import type { Team } from '../../../src/core/agents/team';
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

function sha256(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
