import type { Page } from 'playwright-core';
import { screenshot } from './screenshots';
import { vsixPath } from '../../tools/paths';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';

// The real workbench in the system Chromium, Nova installed from its .vsix, on a copy of sample/:
// a workspace review's findings in the Findings view and as comment threads on their lines.
describe('Review findings in the VS Code workbench', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-review-findings-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('lists the findings by file and severity, and shows a finding as a comment thread on its line, in light and dark', async () => {
    await runCommand(page, 'Nova: Review Workspace');
    await page.locator('.notifications-toasts', { hasText: /Nova reviewed \d+ file/ }).waitFor({ timeout: 120_000 });
    await runCommand(page, 'Nova: Focus on Findings View');
    const findings = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Findings' }) });
    await findings.getByRole('treeitem', { name: /sync\.ts/ }).first().waitFor({ timeout: 30_000 });
    // The secret's row opens src/sync.ts at line 5 and expands its thread.
    await findings.getByRole('treeitem', { name: /hardcoded-secret/ }).first().click();
    await page.locator('.tab.active', { hasText: 'sync.ts' }).waitFor();
    await page.locator('.review-widget, .comment-thread-widget, .review-comment').first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(1_000);
    const themes = [
      { name: 'nova-review-findings-light', workbench: '.monaco-workbench.vs' },
      { name: 'nova-review-findings-dark', workbench: '.monaco-workbench.vs-dark' },
    ];
    for (const [index, theme] of themes.entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(1_000);
      await screenshot(page, theme.name);
    }
  });
});
