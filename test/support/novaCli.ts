/** Runs the real `nova` bundle (dist/cli.js) as `npm install -g` would, with no ANTHROPIC_* variables but those given. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../tools/paths';

export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');

/** What one `nova` invocation printed and how it exited. */
export interface Ran { code: number; stdout: string; stderr: string }

export function nova(args: readonly string[], env: NodeJS.ProcessEnv = {}, cwd = repoRoot): Promise<Ran> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ANTHROPIC_')));
  return new Promise((resolve) => {
    execFile(process.execPath, [cliBundle, ...args], { cwd, env: { ...clean, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
