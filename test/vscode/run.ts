/**
 * Runs the extension-host suites (test/vscode/suite) in a real VS Code:
 * - desktop VS Code through @vscode/test-electron where VS Code can be downloaded, or
 * - code-server (VS Code's server build, from the npm registry) in the system Chromium where it
 *   cannot, as here and in CI.
 * NOVA_VSCODE_HOST=electron|code-server forces one; the default picks by whether the download works.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, testResultsDir } from '../../tools/paths';
import { createSampleWorkspace, scratchDir } from '../../tools/sample-workspace';
import { startVSCodeSession } from '../../tools/vscode-session';
import { openWorkbench } from '../../tools/workbench';
import type { SuiteResult } from './result';
import { chooseHost } from './host';

const testsPath = join(repoRoot, 'out', 'test', 'vscode', 'index');
const timeoutMs = 5 * 60_000;

/** NOVA_VSCODE_SUITE, passed on to the extension host (see index.ts). */
function suiteFilter(): Record<string, string> {
  const only = process.env.NOVA_VSCODE_SUITE;
  return only ? { NOVA_VSCODE_SUITE: only } : {};
}

async function runInCodeServer(): Promise<SuiteResult> {
  const resultDir = scratchDir('result');
  const resultFile = join(resultDir, 'result.json');
  const session = await startVSCodeSession({ nova: { development: true }, env: { NOVA_TEST_RESULT_FILE: resultFile, ...suiteFilter() } });
  const browserConsole: string[] = [];
  try {
    const workbench = await openWorkbench(session.workbenchUrl([['extensionTestsPath', testsPath]]), {
      onConsole: (line) => browserConsole.push(line),
    });
    try {
      for (let waited = 0; !existsSync(resultFile); waited += 250) {
        if (waited > timeoutMs) {
          await workbench.page.screenshot({ path: join(testResultsDir, 'vscode-suite-timeout.png') });
          throw new Error(`the suites did not finish within ${timeoutMs / 1000} s; browser console:\n${browserConsole.slice(-30).join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    } finally {
      await workbench.close();
    }
    return JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
  } finally {
    await session.dispose();
    rmSync(resultDir, { recursive: true, force: true });
  }
}

async function runInElectron(): Promise<SuiteResult> {
  const { runTests } = await import('@vscode/test-electron');
  const root = scratchDir('electron');
  const resultFile = join(root, 'result.json');
  await runTests({
    extensionDevelopmentPath: repoRoot,
    extensionTestsPath: testsPath,
    extensionTestsEnv: { NOVA_TEST_RESULT_FILE: resultFile, ...suiteFilter() },
    launchArgs: [createSampleWorkspace(join(root, 'sample')), '--disable-extensions', '--disable-workspace-trust'],
  }).catch(() => undefined); // failures are in the result file; a crash leaves none
  try {
    if (!existsSync(resultFile)) throw new Error('desktop VS Code exited without running the suites');
    return JSON.parse(readFileSync(resultFile, 'utf8')) as SuiteResult;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const host = await chooseHost();
  console.log(`Nova: running the VS Code suites in ${host.name} (${host.reason})`);
  const result = host.name === 'code-server' ? await runInCodeServer() : await runInElectron();
  for (const test of result.tests) {
    console.log(`  ${test.state === 'passed' ? '✔' : '✘'} ${test.title}`);
    for (const line of test.output ?? []) console.log(line.replace(/^/gm, '      '));
    if (test.error) console.log(test.error.replace(/^/gm, '      '));
  }
  const failed = result.tests.filter((test) => test.state === 'failed').length;
  console.log(`${result.tests.length - failed} passed, ${failed} failed`);
  if (failed > 0 || result.tests.length === 0) process.exit(1);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
