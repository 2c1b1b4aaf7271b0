import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { screenshot } from './screenshots';
import { vsixPath } from '../../tools/paths';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';
import { codeLenses, openWithProposedHunks } from '../support/hunksInWorkbench';
import { plantChangeSet } from '../support/plantedChangeSet';

// The real workbench in the system Chromium, Nova installed from its .vsix, a change set planted in
// the workspace's store as an agent run leaves it.
describe('Proposed hunks in the editor, in the VS Code workbench', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    plantChangeSet(session.workspace, 'p-ui-editor-hunks', 'src/board.ts', [
      { startLine: 6, before: '  private tasks: Task[] = [];', after: '  /** Every task, in the order added. */\n  private readonly tasks: Task[] = [];', rationale: 'The list is never reassigned.' },
      { startLine: 23, before: '    if (title.length === 0) {\n      throw new Error("Task title must not be empty");\n    }', after: '    if (!title) throw new Error("Task title must not be empty");', rationale: 'One line says it.' },
    ]);
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-editor-hunks-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('shows each hunk with Accept · Reject · Why? and the file with Accept all · Reject all · Open diff, in light and dark', async () => {
    await openWithProposedHunks(page, 'board.ts', 2);
    const titles = (await codeLenses(page).locator('a').allTextContents()).map((title) => title.trim());
    for (const title of ['Accept all', 'Reject all', 'Open diff', 'Why?']) assert.ok(titles.includes(title), `no "${title}" lens among ${titles.join(' | ')}`);
    assert.equal(titles.filter((title) => title === 'Reject').length, 2);
    const themes = [
      { name: 'nova-editor-hunks-light', workbench: '.monaco-workbench.vs' },
      { name: 'nova-editor-hunks-dark', workbench: '.monaco-workbench.vs-dark' },
    ];
    for (const [index, theme] of themes.entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      // The top of the file, where the hunks are (a click in the editor would scroll it to the click).
      await page.keyboard.press('Control+Home');
      await page.waitForTimeout(800);
      await screenshot(page, theme.name);
    }
  });

  it('marks the hunk whose lines the person edits as no longer applying, differently from the others', async () => {
    await page.keyboard.press('Control+G');
    await page.keyboard.type('24');
    await page.keyboard.press('Enter');
    await page.keyboard.press('End');
    await page.keyboard.type(' // mine');
    await page.locator('.part.editor .codelens-decoration a', { hasText: 'No longer applies' }).waitFor({ timeout: 10_000 });
    await page.keyboard.press('Control+Home');
    await page.waitForTimeout(800);
    await screenshot(page, 'nova-editor-hunks-conflict');
  });
});
