/**
 * Temporary git repositories for the checkpoint tests, and a fingerprint of everything of the
 * person's that checkpoints must never change. The tests' own git commands run with an empty
 * global config and no system config, so the machine's settings play no part; Nova's commands get
 * GIT_CONFIG_NOSYSTEM through the environment (see `isolateGit`).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const scratch: string[] = [];

/** A new empty folder (real path), removed by `removeScratch`. */
export function scratchFolder(prefix = 'nova-checkpoints-'): string {
  const folder = realpathSync(mkdtempSync(join(tmpdir(), prefix)));
  scratch.push(folder);
  return folder;
}

export function removeScratch(): void {
  for (const folder of scratch.splice(0)) rmSync(folder, { recursive: true, force: true });
  // The empty git config lived in one of them: the next suite's git makes a new one.
  emptyConfig = undefined;
}

let emptyConfig: string | undefined;

/** Runs the tests' own git in `cwd`, isolated from the machine's config, with an identity. */
export function git(cwd: string, args: readonly string[], input?: string): string {
  emptyConfig ??= join(scratchFolder('nova-gitconfig-'), 'config');
  if (!existsSync(emptyConfig)) writeFileSync(emptyConfig, '');
  return execFileSync('git', [...args], {
    cwd,
    encoding: 'utf8',
    input,
    env: {
      PATH: process.env.PATH ?? '',
      GIT_CONFIG_NOSYSTEM: '1',
      GIT_CONFIG_GLOBAL: emptyConfig,
      GIT_AUTHOR_NAME: 'Person',
      GIT_AUTHOR_EMAIL: 'person@example.invalid',
      GIT_COMMITTER_NAME: 'Person',
      GIT_COMMITTER_EMAIL: 'person@example.invalid',
      // The fingerprint's `git status` must not refresh (write) the index it is comparing.
      GIT_OPTIONAL_LOCKS: '0',
    },
  });
}

/** A repository with no commit yet. */
export function emptyRepository(): string {
  const folder = scratchFolder();
  git(folder, ['init', '--quiet', '--initial-branch=main']);
  return folder;
}

/**
 * A repository as a person mid-work has it: two commits on main, a feature branch, a tag, one
 * stash entry, a staged change (the index differs from HEAD), an unstaged change and an
 * untracked file.
 */
export function busyRepository(): string {
  const folder = emptyRepository();
  writeFileSync(join(folder, 'a.ts'), 'export const a = 1;\n');
  writeFileSync(join(folder, 'b.ts'), 'export const b = 1;\n');
  git(folder, ['add', '.']);
  git(folder, ['commit', '--quiet', '-m', 'first']);
  git(folder, ['tag', 'v1']);
  git(folder, ['branch', 'feature']);
  writeFileSync(join(folder, 'a.ts'), 'export const a = 2;\n');
  git(folder, ['commit', '--quiet', '-am', 'second']);
  writeFileSync(join(folder, 'b.ts'), 'export const b = "stashed";\n');
  git(folder, ['stash', '--quiet']);
  writeFileSync(join(folder, 'a.ts'), 'export const a = "staged";\n');
  git(folder, ['add', 'a.ts']);
  writeFileSync(join(folder, 'a.ts'), 'export const a = "staged, then edited";\n');
  writeFileSync(join(folder, 'untracked.ts'), 'export const u = 1;\n');
  return folder;
}

/** Everything of the person's in git that a checkpoint must leave byte-identical. */
export interface GitFingerprint {
  readonly head: string;
  readonly headCommit: string;
  readonly index: string;
  readonly stash: string;
  readonly refs: string;
  readonly status: string;
}

export function gitFingerprint(folder: string): GitFingerprint {
  const gitDir = git(folder, ['rev-parse', '--absolute-git-dir']).trim();
  const indexFile = join(gitDir, 'index');
  return {
    head: readFileSync(join(gitDir, 'HEAD'), 'utf8'),
    headCommit: tryGit(folder, ['rev-parse', '--verify', '--quiet', 'HEAD']),
    // Read before `git status` runs (which could otherwise refresh it).
    index: existsSync(indexFile) ? readFileSync(indexFile).toString('base64') : '(no index)',
    stash: git(folder, ['stash', 'list']),
    refs: git(folder, ['for-each-ref', 'refs/heads', 'refs/tags', 'refs/stash']),
    status: git(folder, ['status', '--porcelain=v1', '--untracked-files=all']),
  };
}

/** Nova's own refs, as `for-each-ref` lists them. */
export function novaRefs(folder: string): string[] {
  return git(folder, ['for-each-ref', '--format=%(refname)', 'refs/nova']).split('\n').filter(Boolean);
}

function tryGit(folder: string, args: readonly string[]): string {
  try {
    return git(folder, args);
  } catch {
    return '(none)';
  }
}

/**
 * Sets GIT_CONFIG_NOSYSTEM for Nova's git commands during a suite (the CI machine has no git
 * config; the tests must not depend on this one's), and puts the previous value back after.
 */
export function isolateGit(): void {
  let previous: string | undefined;
  before(() => {
    previous = process.env.GIT_CONFIG_NOSYSTEM;
    process.env.GIT_CONFIG_NOSYSTEM = '1';
  });
  after(() => {
    if (previous === undefined) delete process.env.GIT_CONFIG_NOSYSTEM;
    else process.env.GIT_CONFIG_NOSYSTEM = previous;
    removeScratch();
  });
}
