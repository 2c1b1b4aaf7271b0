/** Where Nova's tooling keeps things. One place, so every tool agrees. */
import { join, resolve } from 'node:path';

/** The repository root (tools are compiled to out/tools). */
export const repoRoot = resolve(__dirname, '..', '..');

/**
 * Git-ignored cache for what the tests and `npm start` provision: Node 24, code-server, VS Code
 * downloads, scratch workspaces. The same folder @vscode/test-electron uses for its downloads.
 * NOVA_CACHE_DIR moves it (e.g. to share one cache between clones).
 */
export const cacheDir = process.env.NOVA_CACHE_DIR ? resolve(process.env.NOVA_CACHE_DIR) : join(repoRoot, '.vscode-test');

/** The sample TypeScript project Nova opens in demos and tests. */
export const sampleDir = join(repoRoot, 'sample');

/** Screenshots and logs written by the test tiers (git-ignored). */
export const testResultsDir = join(repoRoot, 'test-results');

/** The packaged extension (`npm run package`). */
export const vsixPath = join(repoRoot, 'dist', 'nova.vsix');
