/**
 * The isolated git worktree an improve run works in: a branch `nova/improve/<runId>` checked out
 * from HEAD under `<git-common-dir>/nova/worktrees/<runId>` — inside the repository's `.git`, so no
 * editor, watcher or indexer of the person's folder sees it. Only `git worktree add|remove`,
 * `git branch -D` of Nova's own branch, and commands run inside the worktree are used: the person's
 * working tree, index, stash, HEAD and other branches are never read for writing, and status is
 * read with `--no-optional-locks` so even the index's cached file times stay as they were.
 *
 * The repository's and the workspace folder's `node_modules` are linked into the worktree so the
 * project's type-check and tests can run there; the links are excluded from every commit and diff.
 */
import { existsSync } from 'node:fs';
import { mkdir, realpath, rm, symlink } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { GitCommand } from '../checkpoints/gitCommand';

/** Nova's branches for improve runs; `git branch --list 'nova/improve/*'` lists them. */
export const improveBranchPrefix = 'nova/improve/';

/** Hooks never run for Nova's own git commands (a person's hook must not see, or block, the loop's commits). */
const noHooks = ['-c', 'core.hooksPath=/dev/null'];

/** Where a workspace folder sits in its repository. */
export interface RepositoryPlace {
  /** The repository's top folder (the person's work tree), real path. */
  readonly top: string;
  /** The folder relative to `top`, `/` separators; empty when the folder is the top. */
  readonly folderPrefix: string;
  /** `git rev-parse --git-common-dir`, absolute. */
  readonly commonDir: string;
  /** HEAD's commit. */
  readonly head: string;
}

/** Where the workspace folder is in git, or why the loop cannot run there (not a repository, no commit yet). */
export async function repositoryPlace(folder: string): Promise<RepositoryPlace | { readonly problem: string }> {
  let top: string;
  try {
    top = (await new GitCommand(folder).text(['rev-parse', '--show-toplevel'])).trim();
  } catch {
    return { problem: `${folder} is not inside a git repository: the improve loop works on a git worktree of it. Run \`git init\` and commit first.` };
  }
  if (top === '') return { problem: `${folder} is inside a bare repository or a .git folder; the improve loop needs a work tree.` };
  const git = new GitCommand(top);
  const head = await git.text(['rev-parse', '--verify', '--quiet', 'HEAD^{commit}']).then((text) => text.trim(), () => '');
  if (head === '') return { problem: 'The repository has no commit yet: the improve worktree starts from HEAD. Commit first.' };
  const commonDir = resolve(top, (await git.text(['rev-parse', '--git-common-dir'])).trim());
  const realTop = await realpath(top);
  return { top: realTop, folderPrefix: relative(realTop, await realpath(folder)).split(sep).join('/'), commonDir, head };
}

/**
 * Paths under `folderPrefix` with uncommitted work (modified, staged, deleted, untracked — ignored
 * files are not work the person committed to git), relative to the folder, sorted.
 */
export async function uncommittedPaths(place: RepositoryPlace): Promise<string[]> {
  const output = await new GitCommand(place.top).text(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--', place.folderPrefix === '' ? '.' : place.folderPrefix]);
  const paths = new Set<string>();
  const entries = output.split('\0');
  for (let index = 0; index < entries.length; index++) {
    const entry = entries[index]!;
    if (entry.length < 4) continue;
    paths.add(entry.slice(3));
    // A rename or copy names its source next; the source is changed too.
    if (entry[0] === 'R' || entry[0] === 'C') paths.add(entries[++index] ?? '');
  }
  return [...paths].flatMap((path) => folderRelative(place, path) ?? []).sort();
}

/** `path` (top-relative) relative to the workspace folder, or undefined when it is outside it. */
function folderRelative(place: RepositoryPlace, path: string): string | undefined {
  if (place.folderPrefix === '') return path;
  return path.startsWith(`${place.folderPrefix}/`) ? path.slice(place.folderPrefix.length + 1) : undefined;
}

/** One improve run's worktree and branch. */
export class ImproveWorktree {
  private readonly git: GitCommand;

  private constructor(
    readonly place: RepositoryPlace,
    /** The worktree's top folder. */
    readonly path: string,
    /** `nova/improve/<runId>`, or undefined for a detached checkout. */
    readonly branch: string | undefined,
    /** The commit it started from. */
    readonly base: string,
    /** The node_modules links made in it, top-relative: never committed, never diffed. */
    private readonly links: readonly string[],
  ) {
    this.git = new GitCommand(path);
  }

  /** The worktree's counterpart of the workspace folder: where agents and gates work. */
  get root(): string {
    return this.place.folderPrefix === '' ? this.path : join(this.path, ...this.place.folderPrefix.split('/'));
  }

  /** Where run `runId`'s worktree is (or was). */
  static pathOf(place: Pick<RepositoryPlace, 'commonDir'>, runId: string): string {
    return join(place.commonDir, 'nova', 'worktrees', runId);
  }

  /** Creates the branch and its worktree at HEAD (`place.head`). */
  static async create(place: RepositoryPlace, runId: string): Promise<ImproveWorktree> {
    return ImproveWorktree.add(place, ImproveWorktree.pathOf(place, runId), `${improveBranchPrefix}${runId}`);
  }

  /** A detached checkout of `place.head` beside run `runId`'s worktree (the code and team before the change), named `<runId>-<name>`. */
  static async detached(place: RepositoryPlace, runId: string, name: string): Promise<ImproveWorktree> {
    return ImproveWorktree.add(place, ImproveWorktree.pathOf(place, `${runId}-${name}`), undefined);
  }

  /** The worktree of a run that is kept on disk (to accept or reject it later), as it was created. */
  static existing(place: RepositoryPlace, runId: string, base: string): ImproveWorktree {
    return new ImproveWorktree(place, ImproveWorktree.pathOf(place, runId), `${improveBranchPrefix}${runId}`, base, linkPaths(place));
  }

  private static async add(place: RepositoryPlace, path: string, branch: string | undefined): Promise<ImproveWorktree> {
    await mkdir(join(path, '..'), { recursive: true });
    const where = branch === undefined ? ['--detach', path] : ['-b', branch, path];
    await new GitCommand(place.top).text([...noHooks, 'worktree', 'add', '--quiet', ...where, place.head]);
    const worktree = new ImproveWorktree(place, path, branch, place.head, linkPaths(place));
    try {
      await worktree.linkNodeModules();
    } catch (error) {
      await worktree.remove();
      throw error;
    }
    return worktree;
  }

  /** Links the person's `node_modules` (the repository's, and the folder's when it has its own) where the worktree has none. */
  private async linkNodeModules(): Promise<void> {
    for (const link of this.links) {
      const source = join(this.place.top, ...link.split('/'));
      const target = join(this.path, ...link.split('/'));
      if (existsSync(source) && !existsSync(target)) await symlink(source, target, 'junction');
    }
  }

  /** The pathspec of everything in the worktree but the links. */
  private pathspec(): string[] {
    return ['--', '.', ...this.links.map((link) => `:(exclude,top)${link}`)];
  }

  /** Paths changed in the worktree since its commit (tracked or untracked, links excluded), top-relative, sorted. */
  async changedSinceCommit(): Promise<string[]> {
    const output = await this.git.text(['--no-optional-locks', 'status', '--porcelain=v1', '-z', '--untracked-files=all', '--no-renames', ...this.pathspec()]);
    return output.split('\0').filter((entry) => entry.length > 3).map((entry) => entry.slice(3)).sort();
  }

  /** The files committed in the worktree's counterpart of the workspace folder, relative to it, sorted. */
  async trackedFiles(): Promise<string[]> {
    const output = await new GitCommand(this.root).text(['ls-files', '-z', '--full-name', '--', '.']);
    const prefix = this.place.folderPrefix === '' ? '' : `${this.place.folderPrefix}/`;
    return output.split('\0').filter((path) => path !== '' && path.startsWith(prefix)).map((path) => path.slice(prefix.length)).sort();
  }

  /** Puts `path` (top-relative) back as it is at `base`: restored, or removed when base has no such file. */
  async restoreFromBase(path: string): Promise<void> {
    const known = await this.git.text(['ls-tree', '--name-only', this.base, '--', path]);
    if (known.trim() !== '') await this.git.text([...noHooks, 'checkout', '--quiet', this.base, '--', path]);
    else await rm(this.absolute(path), { recursive: true, force: true });
  }

  /** The worktree file at `path` (top-relative), absolute; a path that leaves the worktree is refused. */
  absolute(path: string): string {
    const file = resolve(this.path, path);
    if (isAbsolute(path) || relative(this.path, file).startsWith('..')) throw new Error(`${path} is outside the worktree.`);
    return file;
  }

  /** Commits everything changed (links excluded) on the branch, as Nova, with no hooks; false when nothing changed. */
  async commitAll(message: string): Promise<boolean> {
    await this.git.text(['add', '--all', ...this.pathspec()]);
    const staged = await this.git.text(['diff', '--cached', '--name-only', '-z']);
    if (staged === '') return false;
    await this.git.text([...noHooks, 'commit', '--quiet', '--no-verify', '--no-gpg-sign', '-m', message]);
    return true;
  }

  /** The message of the branch's commit (its trailers say which agent's proposal it holds). */
  async headMessage(): Promise<string> {
    return this.git.text(['log', '-1', '--format=%B', 'HEAD']);
  }

  /** The files the branch changed since `base`, top-relative, with how. */
  async changedFiles(): Promise<{ readonly path: string; readonly change: 'added' | 'modified' | 'deleted' }[]> {
    const output = await this.git.text(['diff', '--name-status', '--no-renames', '-z', this.base, 'HEAD', '--']);
    const fields = output.split('\0');
    const files: { path: string; change: 'added' | 'modified' | 'deleted' }[] = [];
    for (let index = 0; index + 1 < fields.length; index += 2) {
      const status = fields[index]!;
      files.push({ path: fields[index + 1]!, change: status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified' });
    }
    return files.sort((a, b) => a.path.localeCompare(b.path));
  }

  /** `path`'s text at `commit` (top-relative path), undefined when the commit has no such file. */
  async textAt(commit: string, path: string): Promise<string | undefined> {
    const known = await this.git.text(['ls-tree', '--name-only', commit, '--', path]);
    if (known.trim() === '') return undefined;
    return this.git.text(['show', `${commit}:${path}`]);
  }

  /** Removes the worktree and deletes its branch. Idempotent: what is already gone is not an error. */
  async remove(): Promise<void> {
    const top = new GitCommand(this.place.top);
    if (existsSync(this.path)) await top.text(['worktree', 'remove', '--force', '--force', this.path]).catch(() => rm(this.path, { recursive: true, force: true }));
    await top.text(['worktree', 'prune']);
    if (this.branch !== undefined) {
      const listed = await top.text(['branch', '--list', this.branch]);
      if (listed.trim() !== '') await top.text(['branch', '--quiet', '-D', this.branch]);
    }
  }
}

/** The node_modules folders linked into a worktree: the repository's, and the workspace folder's when it is below the top. */
function linkPaths(place: RepositoryPlace): string[] {
  return [...new Set(['node_modules', ...(place.folderPrefix === '' ? [] : [`${place.folderPrefix}/node_modules`])])];
}
