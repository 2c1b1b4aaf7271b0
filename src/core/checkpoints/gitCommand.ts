/**
 * How the git store runs git: through simple-git, in the repository's top folder, with an
 * environment Nova controls. The person's environment may carry variables that redirect git
 * (`GIT_DIR`, `GIT_INDEX_FILE` from a hook, `GIT_WORK_TREE`) or run programs (`GIT_EDITOR`,
 * `PAGER`); none of them reaches these commands. Only what a command needs is added: Nova's
 * identity for the commits, and a temporary index when one is asked for.
 */
import type { SimpleGit } from 'simple-git';

/** The author and committer of every checkpoint commit, so the person's identity (or its absence) never matters. */
export const checkpointIdentity = { name: 'Nova', email: 'nova@localhost' } as const;

/** What one git command needs besides its arguments. */
export interface GitCommandOptions {
  /** Written to the command's standard input. */
  readonly input?: string;
  /** Git's index for this command only (an absolute path); the repository's own index is never named. */
  readonly indexFile?: string;
}

/** Variables passed through from the person's environment because they isolate git from machine-wide settings (tests set them). */
const passedThrough = ['GIT_CONFIG_NOSYSTEM'];
/** Variables outside `GIT_*` that make git run a program (simple-git refuses them too). */
const programVariables = new Set(['editor', 'visual', 'pager', 'prefix', 'ssh_askpass']);

/** Runs git commands in one repository's top folder. */
export class GitCommand {
  constructor(
    /** The repository's top folder (its work tree root). */
    readonly topFolder: string,
  ) {}

  /** The command's standard output as text. Rejects with git's message when it exits with an error. */
  text(args: readonly string[], options: GitCommandOptions = {}): Promise<string> {
    return this.client(options).raw([...args]);
  }

  /** The standard output of `git cat-file <args>` as bytes (the only command whose output is not text). */
  catFileBytes(args: readonly string[], options: GitCommandOptions = {}): Promise<Buffer> {
    return this.client(options).binaryCatFile([...args]);
  }

  private client(options: GitCommandOptions): SimpleGit {
    const env = commandEnvironment(options.indexFile);
    // Required on the first command: a language server that runs no git never loads simple-git.
    const { simpleGit } = require('simple-git') as typeof import('simple-git');
    return simpleGit({
      baseDir: this.topFolder,
      trimmed: false,
      allowEnvironment: Object.keys(env).filter((key) => key.startsWith('GIT_')),
      // A git that stops answering (a lock held by a hung process) fails the checkpoint instead of hanging the accept.
      timeout: { block: 30_000 },
      // Nova's own commands set `core.hooksPath=/dev/null` so no hook of the person's runs for them
      // (the improve loop's worktree and commit); every argument here is Nova's, never an agent's.
      unsafe: { allowUnsafeHooksPath: true },
      ...(options.input === undefined ? {} : { input: () => options.input }),
    }).env(env);
  }
}

/** The environment of a command: the person's, without anything that steers git, plus Nova's identity. */
function commandEnvironment(indexFile: string | undefined): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    const lower = key.toLowerCase();
    if ((lower.startsWith('git') || programVariables.has(lower)) && !passedThrough.includes(key)) continue;
    env[key] = value;
  }
  env.GIT_AUTHOR_NAME = checkpointIdentity.name;
  env.GIT_AUTHOR_EMAIL = checkpointIdentity.email;
  env.GIT_COMMITTER_NAME = checkpointIdentity.name;
  env.GIT_COMMITTER_EMAIL = checkpointIdentity.email;
  // Plumbing never asks, but a prompt for credentials must never hang a checkpoint.
  env.GIT_TERMINAL_PROMPT = '0';
  if (indexFile !== undefined) env.GIT_INDEX_FILE = indexFile;
  return env;
}
