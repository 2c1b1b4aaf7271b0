import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { chatFrame, sendChatMessage } from '../../tools/chatFrame';
import { vsixPath } from '../../tools/paths';
import { screenshot } from './screenshots';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';

// The Chat view in the real workbench, Nova installed from its .vsix, the offline model (no key).

describe('Chat with the team in the workbench (offline model)', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;

  /** The chat's message box: the page is loaded and shown. */
  const messageBox = () => chatFrame(page).getByRole('textbox', { name: 'Message the team' });

  /**
   * After a reload the workbench restores the container that was open, in its own time: wait for
   * that first; if it does not come, "Nova: Open Chat" shows it (clicking the activity-bar tab of a
   * container that has just been restored would close it again).
   */
  async function reopenNova(): Promise<void> {
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    const restored = await messageBox().waitFor({ timeout: 30_000 }).then(() => true, () => false);
    if (restored) return;
    await runCommand(page, 'Nova: Open Chat');
    await messageBox().waitFor({ timeout: 60_000 });
  }

  /** The editor's cursor position as the status bar shows it ("Ln 14, Col 1"). */
  function cursor(): Promise<string> {
    return page.locator('.statusbar-item[id="status.editor.selection"]').innerText();
  }

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('tab', { name: 'Nova' }).click({ timeout: 60_000 });
    await messageBox().waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-chat-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('streams a reply that names each agent, with the handoff inline, and findings that open at their line', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, '/review src/board.ts');
    const concierge = chat.getByRole('article', { name: 'concierge (shipped)' }).last();
    await concierge.waitFor({ timeout: 60_000 });
    // The reviewer's activation is a handoff from the concierge, expandable to its validated payload.
    const handoff = chat.getByText(/concierge → reviewer · /).last();
    await handoff.waitFor({ timeout: 60_000 });
    await handoff.click();
    await chat.locator('details[open] pre').filter({ hasText: '"src/board.ts"' }).first().waitFor();
    const turn = chat.locator('.turn').filter({ hasText: '/review src/board.ts' }).last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 90_000 });
    const painted = Number(await chat.locator('#nova-chat').getAttribute('data-painted-deltas'));
    assert.ok(painted > 0, 'no streamed text was painted');
    await screenshot(page, 'nova-chat-review');

    const link = turn.locator('a.location').filter({ hasText: /^src\/board\.ts:\d+$/ }).first();
    const target = (await link.innerText()).split(':')[1];
    await link.click();
    await page.locator('.tab.active', { hasText: 'board.ts' }).waitFor();
    await page.locator('[id="status.editor.selection"]').filter({ hasText: `Ln ${target},` }).waitFor({ timeout: 15_000 });
  });

  it('answers /explain src/board.ts with references that open the file at the line', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, '/explain src/board.ts');
    const answer = chat.getByRole('region', { name: 'Answer from concierge' }).or(chat.locator('section[aria-label="Answer from concierge"]')).last();
    await answer.waitFor({ timeout: 90_000 });
    assert.match(await answer.innerText(), /class `?TaskBoard`?, line 5/);
    await answer.getByText(/^References \(\d+\)$/).click();
    await answer.locator('a.location', { hasText: /^src\/board\.ts:14$/ }).first().click();
    await page.locator('.tab.active', { hasText: 'board.ts' }).waitFor();
    await page.locator('[id="status.editor.selection"]').filter({ hasText: 'Ln 14,' }).waitFor({ timeout: 15_000 });
    assert.match(await cursor(), /Ln 14, Col/);
  });

  it('runs /review over the workspace and lists its findings as locations', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, '/review');
    const turn = chat.locator('.turn').last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 120_000 });
    const verdict = turn.locator('section.verdict');
    await verdict.waitFor();
    assert.ok((await verdict.locator('a.location').count()) > 0, await turn.innerText());
    await screenshot(page, 'nova-chat-workspace-review');
  });

  it('keeps the history across a window reload', async () => {
    await page.reload();
    await reopenNova();
    const chat = chatFrame(page);
    await chat.locator('.turn').filter({ hasText: '/explain src/board.ts' }).first().waitFor({ timeout: 30_000 });
    await chat.locator('section[aria-label="Answer from concierge"]').first().waitFor();
  });

  it('follows the theme: light and dark screenshots', async () => {
    const backgrounds: string[] = [];
    const themes = [
      { name: 'nova-chat-light', workbench: '.monaco-workbench.vs' },
      { name: 'nova-chat-dark', workbench: '.monaco-workbench.vs-dark' },
    ];
    // The workbench starts light here; the command swaps to the dark theme.
    for (const [index, theme] of themes.entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      // The page's own computed colour: it comes from VS Code's theme variables only.
      backgrounds.push(await chatFrame(page).locator('body').evaluate((body) => (body.ownerDocument.defaultView as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor));
      await screenshot(page, theme.name);
    }
    assert.notEqual(backgrounds[0], backgrounds[1], 'the chat page did not follow the theme');
  });
});
