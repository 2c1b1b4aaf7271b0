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
    // As a person would: Nova's container, the Findings view's empty state, its Review Workspace button.
    await page.getByRole('tab', { name: 'Nova' }).click();
    const sideBar = page.locator('#workbench\\.parts\\.sidebar');
    await sideBar.getByText(/^No findings yet\./).waitFor({ timeout: 60_000 });
    await screenshot(page, 'nova-review-findings-empty');
    await sideBar.getByRole('button', { name: 'Review Workspace' }).first().click();
    await page.locator('.notifications-toasts', { hasText: /Nova reviewed \d+ file/ }).waitFor({ timeout: 120_000 });
    // The Chat view folded away, the Findings view has the side bar's height.
    await sideBar.getByRole('button', { name: /^Chat/ }).first().click();
    const findings = sideBar;
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
      if (index > 0) {
        // Out of the thread's reply box first: the palette's command then reaches the workbench.
        await page.keyboard.press('Escape');
        await page.locator('.part.editor .tabs-container').click({ position: { x: 4, y: 4 } });
        await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      }
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      // The editor repaints in the new theme a moment after the workbench's class changes.
      const dark = index > 0;
      await page.waitForFunction(`(() => { const [r, g, b] = getComputedStyle(document.querySelector('#workbench\\\\.parts\\\\.sidebar')).backgroundColor.match(/\\d+/g).map(Number); return (r + g + b < 300) === ${dark}; })()`, undefined, { timeout: 30_000 });
      await page.waitForTimeout(1_500);
      await screenshot(page, theme.name);
    }
  });

  it('keeps a finding dismissed in the Findings view after the window reloads, while the others come back', async () => {
    // Back to the Findings view of the first test's review; the secret's row has an inline Dismiss action.
    await page.keyboard.press('Escape');
    const sideBar = page.locator('#workbench\\.parts\\.sidebar');
    const secret = sideBar.getByRole('treeitem', { name: /hardcoded-secret/ });
    await secret.first().waitFor({ timeout: 30_000 });
    await secret.first().hover();
    await secret.first().getByRole('button', { name: 'Dismiss Finding' }).click();
    await secret.first().waitFor({ state: 'detached', timeout: 30_000 });
    await sideBar.getByRole('treeitem', { name: /loose-equality/ }).first().waitFor({ timeout: 30_000 });

    const loaded = page.waitForEvent('load', { timeout: 120_000 });
    await runCommand(page, 'Developer: Reload Window');
    await loaded;
    // The reloaded window restores Nova's container as the person left it (a click on its tab would fold it away).
    const reloaded = page.locator('#workbench\\.parts\\.sidebar');
    await reloaded.getByRole('button', { name: /^Findings/ }).first().waitFor({ timeout: 120_000 });
    // The last review comes back from Nova's state without a new review: the others are listed again, the dismissed one is not.
    await reloaded.getByRole('treeitem', { name: /loose-equality/ }).first().waitFor({ timeout: 120_000 });
    await reloaded.getByRole('treeitem', { name: /sync\.ts/ }).first().waitFor({ timeout: 30_000 });
    await screenshot(page, 'nova-review-findings-after-reload');
    if ((await reloaded.getByRole('treeitem', { name: /hardcoded-secret/ }).count()) > 0) throw new Error('The dismissed hardcoded-secret finding is listed again after the window reloaded.');
  });
});
