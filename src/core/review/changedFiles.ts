/**
 * The files a person changed in a workspace folder's git repository, against HEAD: staged and
 * unstaged changes and new untracked files (what `git status` lists; ignored files are not), for
 * "Review Changes" and `--changed`. Deleted files are left out — there is nothing to review. Git
 * runs through the checkpoints' GitCommand, so nothing in the person's environment steers it.
 */
import { isAbsolute, join, relative } from 'node:path';
import { GitCommand } from '../checkpoints/gitCommand';

/** What git reported for one folder: absolute paths of the changed files inside it, or why there are none. */
export type ChangedFiles = { readonly ok: true; readonly files: readonly string[] } | { readonly ok: false; readonly reason: string };

/** The changed files under `folder` (an absolute path); not a git repository is a reason, not an error. */
export async function changedFiles(folder: string): Promise<ChangedFiles> {
  let top: string;
  let status: string;
  try {
    top = (await new GitCommand(folder).text(['rev-parse', '--show-toplevel'])).trim();
    status = await new GitCommand(top).text(['status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames']);
  } catch (error) {
    const message = error instanceof Error ? error.message.trim().split('\n')[0] : String(error);
    return { ok: false, reason: `${folder} is not in a git repository Nova can read (${message}).` };
  }
  const files = parseStatus(status).map((path) => join(top, path)).filter((file) => inside(folder, file));
  return { ok: true, files: [...new Set(files)].sort() };
}

/** Paths (relative to the repository's top) of `git status --porcelain=v1 -z --no-renames` entries that still exist. */
export function parseStatus(output: string): string[] {
  const paths: string[] = [];
  for (const entry of output.split('\0')) {
    if (entry.length < 4) continue;
    const [index, tree] = [entry[0], entry[1]];
    if (index === 'D' || tree === 'D') continue;
    paths.push(entry.slice(3));
  }
  return paths;
}

function inside(folder: string, file: string): boolean {
  const rest = relative(folder, file);
  return rest !== '' && !rest.startsWith('..') && !isAbsolute(rest);
}
