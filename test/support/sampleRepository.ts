/**
 * The sample workspace as the improve loop needs it: a private copy of sample/ committed as the only
 * commit of a fresh git repository (author given on the command line, so no global git config is
 * needed). Shared by the server and CLI tests of `improve` and by bench/improve.ts.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { sampleDir } from '../../tools/paths';
import { tempWorkspace } from './team';

/** A copy of sample/ in a temp folder (real path, without node_modules or out), removed by `cleanup`. */
export async function sampleCopy(): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const workspace = await tempWorkspace();
  await fs.cp(sampleDir, workspace.folder, { recursive: true, filter: (source) => !['node_modules', 'out'].includes(path.basename(source)) });
  return workspace;
}

/** `sampleCopy`, committed on `main` as a repository's first commit. */
export async function sampleRepository(): Promise<{ folder: string; cleanup: () => Promise<void> }> {
  const copy = await sampleCopy();
  const git = (args: readonly string[]) => execFileSync('git', [...args], { cwd: copy.folder, stdio: 'pipe' });
  git(['init', '--quiet', '--initial-branch=main']);
  git(['add', '--all']);
  git(['-c', 'user.name=t', '-c', 'user.email=t@t', '-c', 'commit.gpgsign=false', 'commit', '--quiet', '-m', 'the sample']);
  return copy;
}
