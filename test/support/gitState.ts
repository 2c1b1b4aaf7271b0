/** The person's git state in a workspace, as the tests compare it before and after Nova acts. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Runs git in `root`; GIT_OPTIONAL_LOCKS=0, so a `git status` here never refreshes the index it compares. */
export function git(root: string, args: readonly string[]): string {
  return execFileSync('git', [...args], { cwd: root, encoding: 'utf8', env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' } });
}

/**
 * HEAD, the index, the stash and the branches and tags. The index is compared by its entries
 * (`ls-files --stage`), not its bytes: VS Code's own git extension may refresh the index's file
 * times in the background while a test runs (the Node tests, with no editor around, compare bytes).
 */
export function gitState(root: string): Record<'head' | 'headCommit' | 'index' | 'stash' | 'refs', string> {
  return {
    head: fs.readFileSync(path.join(root, '.git', 'HEAD'), 'utf8'),
    headCommit: git(root, ['rev-parse', 'HEAD']),
    index: git(root, ['ls-files', '--stage']),
    stash: git(root, ['stash', 'list']),
    refs: git(root, ['for-each-ref', 'refs/heads', 'refs/tags', 'refs/stash']),
  };
}

/** `gitState` without Nova's own `nova/improve/*` branches (an improve run's, left for the person to decide on): the person's state. */
export function personGitState(root: string): ReturnType<typeof gitState> {
  const state = gitState(root);
  return { ...state, refs: state.refs.split('\n').filter((line) => !line.includes('refs/heads/nova/improve/')).join('\n') };
}
