/** The real `nova` bundle (dist/cli.js) run as a person runs it, with a clean environment. */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from '../../tools/paths';

export const cliBundle = path.join(repoRoot, 'dist', 'cli.js');

/** What one `nova` invocation printed and how it exited. */
export interface NovaRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `nova args` with the test process's environment minus every ANTHROPIC_ variable, plus `env`. */
export function runNova(args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<NovaRun> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([variable]) => !variable.startsWith('ANTHROPIC_') && variable !== 'NOVA_MODEL'));
  return new Promise((resolve) => {
    execFile(process.execPath, [cliBundle, ...args], { cwd: repoRoot, env: { ...inherited, ...env }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
  });
}
