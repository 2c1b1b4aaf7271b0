import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { vsixPath } from '../../tools/paths';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';
import { plantChangeSet } from '../support/plantedChangeSet';
import { screenshot } from './screenshots';

// The real workbench in the system Chromium, Nova installed from its .vsix; a change set from a run
// waits in the store, as the agent team leaves one.
const line = 'export function normalizeLabel(label: string): string {';
const comment = '/** A label as compared: trimmed, in lower case. */';

describe('A proposal in VS Code\'s diff editor, in the workbench', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    const text = readFileSync(join(session.workspace, 'src', 'util.ts'), 'utf8');
    const hunks = [{ startLine: text.split('\n').indexOf(line) + 1, before: line, after: `${comment}\n${line}`, rationale: 'Say what it is for.' }];
    plantChangeSet(session.workspace, 'p-ui-diff', 'src/util.ts', hunks, text, { summary: 'Document normalizeLabel', rationale: 'It is compared everywhere, and nothing says how.', runId: 'run-ui-diff' });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('opens the native diff with Accept and Reject in its title bar, light and dark, and Accept lands the proposal', async () => {
    // The palette lists Nova's commands once the extension host has read the installed extensions.
    await page.getByRole('tab', { name: 'Nova' }).waitFor({ timeout: 60_000 });
    for (let attempt = 1; ; attempt++) {
      const listed = await runCommand(page, 'Nova: Open Proposal Diff').then(() => true, (error: unknown) => (attempt < 3 ? false : Promise.reject(error)));
      if (listed) break;
      await page.keyboard.press('Escape');
    }
    const quickPick = page.locator('.quick-input-list');
    await quickPick.getByText('Document normalizeLabel').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Enter');

    const diff = page.locator('.monaco-diff-editor').first();
    await diff.waitFor({ timeout: 30_000 });
    await diff.locator('.editor.modified .view-lines').getByText(comment).waitFor({ timeout: 30_000 });
    await page.locator('.tab.active', { hasText: 'util.ts ↔ proposed: Document normalizeLabel' }).waitFor();
    const titleBar = page.locator('.editor-group-container.active .editor-actions');
    const accept = titleBar.getByRole('button', { name: /Accept/ });
    const reject = titleBar.getByRole('button', { name: /Reject/ });
    await accept.waitFor({ timeout: 30_000 });
    await reject.waitFor();

    const themes = [
      { name: 'nova-proposal-diff-light', workbench: '.monaco-workbench.vs' },
      { name: 'nova-proposal-diff-dark', workbench: '.monaco-workbench.vs-dark' },
    ];
    // The workbench starts light here; the command swaps to the dark theme.
    for (const [index, theme] of themes.entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      await accept.waitFor();
      await page.waitForTimeout(500);
      await screenshot(page, theme.name);
    }

    await accept.click();
    await page.locator('.notifications-toasts').getByText(/applied 1 hunk\(s\) of “Document normalizeLabel” to src\/util\.ts/).first().waitFor({ timeout: 30_000 });
    assert.equal(await page.locator('.monaco-diff-editor').count(), 0, 'the diff is still open after Accept');
    // The file, with the change applied (code-server saves it after a moment: auto save is on by default there).
    await page.locator('.tab.active', { hasText: /^util\.ts/ }).waitFor({ timeout: 30_000 });
    await page.locator('.part.editor .view-lines').getByText(comment).first().waitFor();
  });
});
