import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { vsixPath } from '../../tools/paths';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { webviewFrame } from '../../tools/webviewFrame';
import { openFileByName, openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';
import { screenshot } from './screenshots';

// "Nova: Improve…" in the real workbench, Nova installed from its .vsix, the offline model, on the
// sample (a git repository with one commit): the command palette, the scope QuickPick (this file),
// the goal typed in the goal QuickPick, the run through the real loop, and the change report panel
// it opens — screenshot in the light and the dark theme.

describe('Improve… in the workbench (offline model)', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;
  let report: Frame;

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
    // The file to improve is the one open: the scope's first choice.
    await openFileByName(page, 'report.ts');
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-improve-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('asks the scope and the goal, runs, and opens the change report with every gate and Accept', async () => {
    await runCommand(page, 'Nova: Improve…');
    const list = page.locator('.quick-input-list');
    await list.getByText('This file').first().waitFor({ timeout: 60_000 });
    assert.match(await list.innerText(), /This file[\s\S]*src\/report\.ts[\s\S]*Its folder[\s\S]*The workspace[\s\S]*Globs…/);
    await page.keyboard.press('Enter');
    await list.getByText('Remove dead code').first().waitFor();
    await page.keyboard.type('remove unused imports');
    await list.getByText('your own goal').first().waitFor();
    await page.keyboard.press('Enter');

    report = await webviewFrame(page, 'nova-improve', { timeoutMs: 180_000 });
    await report.locator('main[data-state="ready"]').waitFor({ timeout: 60_000 });
    const gates = await report.getByRole('region', { name: 'Gates' }).locator('.gate').allInnerTexts();
    assert.equal(gates.length, 4, gates.join(' | '));
    assert.match(gates[0] ?? '', /Passed/);
    await report.getByRole('button', { name: 'Accept' }).waitFor();
    assert.match(await report.getByRole('region', { name: 'Changed files' }).innerText(), /src\/report\.ts/);
    // Keyboard: the trace link and the decision buttons are reachable and named.
    await report.getByRole('button', { name: 'Open the trace of this improvement' }).waitFor();
  });

  it('follows the theme: light and dark screenshots of the report', async () => {
    const backgrounds: string[] = [];
    const themes = [
      { name: 'nova-improve-light', workbench: '.monaco-workbench.vs' },
      { name: 'nova-improve-dark', workbench: '.monaco-workbench.vs-dark' },
    ];
    for (const [index, theme] of themes.entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      // The palette takes the focus through the editor area, which may bring report.ts forward: the report's tab again,
      // and its frame looked up again (a page shown again loads again).
      await page.locator('.tab', { hasText: 'Change report' }).click();
      report = await webviewFrame(page, 'nova-improve');
      await report.locator('main[data-state="ready"]').waitFor({ timeout: 30_000 });
      backgrounds.push(await report.locator('body').evaluate((body) => (body.ownerDocument.defaultView as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor));
      await screenshot(page, theme.name);
    }
    assert.notEqual(backgrounds[0], backgrounds[1], 'the report page did not follow the theme');
  });
});
