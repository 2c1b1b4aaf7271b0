/**
 * Runs the suites in test/vscode/suite inside a real VS Code extension host (VS Code calls `run`
 * because this module is the `extensionTestsPath`). The same module serves desktop VS Code through
 * @vscode/test-electron and code-server in a browser; in the latter the extension host's output is
 * not a terminal, so the results are also written to NOVA_TEST_RESULT_FILE for the runner to print.
 * NOVA_VSCODE_SUITE=<name>[,<name>…] runs only the suite files whose name contains one of them (one feature's suite
 * while working on it; `npm test` runs them all).
 */
import * as assert from 'node:assert/strict';
import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';
import { gitState } from '../support/gitState';
import type { SuiteResult } from './result';
import { takePrinted } from './testOutput';

export async function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  // code-server saves dirty editors after a delay by default: a suite that holds an unsaved edit (the
  // person's typing under a proposal, a buffer a checkpoint must keep as typed) would race it. A
  // suite that wants auto save turns it on itself.
  mocha.suite.beforeAll(() => vscode.workspace.getConfiguration('files').update('autoSave', 'off', vscode.ConfigurationTarget.Global));
  // Whatever the suites did — accepts, undos, restores, reviews, runs — the person's HEAD, index,
  // stash, branches and tags are as they were.
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const repository = root !== undefined && existsSync(join(root, '.git')) ? root : undefined;
  let before: ReturnType<typeof gitState> | undefined;
  mocha.suite.beforeAll(() => void (before = repository ? gitState(repository) : undefined));
  mocha.suite.afterAll(() => {
    if (repository && before) assert.deepEqual(gitState(repository), before, "the suites changed the workspace's HEAD, index, stash, branches or tags");
  });
  const suiteDir = join(__dirname, 'suite');
  const only = process.env.NOVA_VSCODE_SUITE?.split(',').filter((part) => part !== '');
  for (const file of readdirSync(suiteDir).filter((name) => name.endsWith('.test.js') && (!only?.length || only.some((part) => name.includes(part)))).sort()) {
    mocha.addFile(join(suiteDir, file));
  }
  const result: SuiteResult = { tests: [] };
  const logged = () => {
    const output = takePrinted();
    return output.length > 0 ? { output } : {};
  };
  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('test', () => void takePrinted());
    runner.on('pass', (test) => result.tests.push({ title: test.fullTitle(), state: 'passed', ...logged() }));
    runner.on('fail', (test, error: unknown) =>
      result.tests.push({
        title: test.fullTitle(),
        state: 'failed',
        error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        ...logged(),
      }),
    );
  });
  const resultFile = process.env.NOVA_TEST_RESULT_FILE;
  if (resultFile) writeFileSync(resultFile, JSON.stringify(result));
  if (failures > 0) throw new Error(`${failures} test(s) failed inside VS Code`);
}
