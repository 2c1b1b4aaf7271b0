/**
 * Scratch copies of the sample project for demos and tests: a real folder under git, so that the
 * workbench, Nova's tools and git all see an ordinary TypeScript project, and the repository's copy
 * is never changed by what happens in a session.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { sampleDir } from './paths';

/** Copies the sample project to `dir` and commits it there. Returns `dir`. */
export function createSampleWorkspace(dir: string): string {
  cpSync(sampleDir, dir, {
    recursive: true,
    filter: (source) => !['node_modules', 'out'].includes(basename(source)),
  });
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'ignore' });
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('-c', 'user.name=Nova', '-c', 'user.email=nova@localhost', 'commit', '-q', '-m', 'Sample workspace');
  return dir;
}

/** A fresh temporary folder for one test session. */
export function scratchDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `nova-${prefix}-`));
}
