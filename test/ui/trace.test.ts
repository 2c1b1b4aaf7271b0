import * as assert from 'node:assert/strict';
import type { Frame, Page } from 'playwright-core';
import { vsixPath } from '../../tools/paths';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { webviewFrame, webviewFrames } from '../../tools/webviewFrame';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';
import { codeLenses } from '../support/hunksInWorkbench';
import { screenshot } from './screenshots';

// The trace panel in the real workbench, Nova installed from its .vsix, the offline model: a team
// run started from the chat, its trace opened from the chat, "Why?" on the hunk it proposed, and a
// rerun from one of its handoffs with an edited payload.

const prompt = '/refactor src/board.ts';
/** The agents the offline team's /refactor goes through, in order (the CLI shows the same run). */
const agents = ['concierge', 'planner', 'typescript-specialist', 'reviewer', 'security-reviewer'];

/** The trace page for which `test` holds, once one does (within a minute). */
async function frameWith(page: Page, test: (frame: Frame) => Promise<boolean>): Promise<Frame> {
  for (const deadline = Date.now() + 60_000; Date.now() < deadline; await page.waitForTimeout(250)) {
    for (const frame of await webviewFrames(page, 'nova-trace')) if (await test(frame).catch(() => false)) return frame;
  }
  throw new Error('No trace panel showed what was expected within a minute.');
}

describe('The trace panel in the workbench (offline model)', () => {
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;
  let chat: Frame;
  let trace: Frame;

  const rows = (frame: Frame, name: RegExp) => frame.getByRole('treeitem', { name });
  const selectedLabel = (frame: Frame) => frame.locator('.tree-row[aria-selected="true"]').getAttribute('aria-label');
  const detail = (frame: Frame) => frame.getByRole('region', { name: 'Details' });

  /** Shows only `kind` spans (and what they sit in), so the rows asked for are on screen. */
  async function showOnly(frame: Frame, kind: string): Promise<void> {
    await frame.getByLabel('Span kind').selectOption(kind);
  }

  before(async () => {
    session = await startVSCodeSession({ nova: { vsix: vsixPath } });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('tab', { name: 'Nova' }).click({ timeout: 60_000 });
    chat = await webviewFrame(page, 'nova-chat');
    await chat.getByRole('textbox', { name: 'Message the team' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-trace-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('opens a team run\'s trace from the chat: every agent, a handoff\'s payload, the filters', async () => {
    const box = chat.getByRole('textbox', { name: 'Message the team' });
    await box.click();
    await box.fill(prompt);
    await box.press('Escape');
    await box.press('Enter');
    const turn = chat.locator('.turn').filter({ hasText: prompt }).last();
    await turn.getByRole('button', { name: 'Review changes' }).waitFor({ timeout: 120_000 });
    await turn.getByRole('button', { name: 'Open trace' }).click();

    trace = await webviewFrame(page, 'nova-trace');
    await trace.getByRole('tree', { name: 'Run trace' }).waitFor();
    // The page is drawn before the trace arrives ("Loading the trace…"); the header names the run once it has.
    const header = trace.locator('.trace-header');
    await header.filter({ hasText: 'entry concierge' }).waitFor();
    assert.match(await header.innerText(), new RegExp(`${prompt.replace(/[/.]/g, '\\$&')}[\\s\\S]*completed[\\s\\S]*entry concierge`));
    const listed = await trace.getByRole('list', { name: 'Agents' }).getByRole('listitem').allInnerTexts();
    assert.deepEqual(listed.map((item) => item.split(' ')[0]).sort(), [...agents].sort(), `the agents of the run: ${listed.join(' | ')}`);
    // The activations in the run's line of work have their rows (the security-reviewer, consulted, sits inside the reviewer's).
    for (const agent of agents.slice(0, 4)) assert.ok((await rows(trace, new RegExp(`^agent ${agent}\\b`)).count()) >= 1, `${agent} has its row`);

    // A handoff, expanded to what was handed over, validated against its contract.
    await showOnly(trace, 'handoff');
    await rows(trace, /handoff planner → typescript-specialist \(RefactorRequest\) delivered/).click();
    const payload = detail(trace).getByRole('region', { name: /^Payload/ });
    assert.match(await payload.innerText(), /"goal"[\s\S]*"files"[\s\S]*src\/board\.ts/);
    assert.match(await detail(trace).getByRole('region', { name: 'Validation history' }).innerText(), /attempt 1: accepted/);
    await screenshot(page, 'nova-trace-handoff');

    // Problems only: an offline refactor that went as planned has none, and says so.
    await showOnly(trace, '');
    await trace.getByLabel('Problems only').check();
    await trace.locator('.match-count').filter({ hasText: /^0 matches$/ }).waitFor();
    assert.match(await trace.locator('.problem-count').innerText(), /^(No|0) problems/);
    await trace.getByLabel('Problems only').uncheck();
  });

  it('"Why?" on the proposed hunk lands on the handoff that carried it, which lists the hunk', async () => {
    // The file the change is for, opened from the chat's result, as a person would.
    await chat.locator('.turn').filter({ hasText: prompt }).last().locator('a.location', { hasText: 'src/board.ts' }).first().click();
    await page.locator('.tab.active', { hasText: 'board.ts' }).waitFor();
    const why = codeLenses(page).locator('a', { hasText: /^Why\?$/ });
    await why.first().waitFor({ timeout: 60_000 });
    await why.first().click();
    trace = await webviewFrame(page, 'nova-trace');
    for (const deadline = Date.now() + 30_000; !/handoff typescript-specialist → reviewer \(ChangeProposal\) delivered/.test((await selectedLabel(trace).catch(() => null)) ?? ''); await page.waitForTimeout(250)) {
      if (Date.now() > deadline) assert.fail(`the trace selected ${await selectedLabel(trace)}, not the handoff that carried the change`);
      trace = await webviewFrame(page, 'nova-trace');
    }
    assert.equal(await page.locator('.part.editor .editor-group-container').count(), 2, 'the trace opens beside the file, which stays in view');
    const hunks = detail(trace).getByRole('region', { name: 'Hunks it produced' });
    assert.match(await hunks.innerText(), /src\/board\.ts:\d+/);
    await screenshot(page, 'nova-trace-why');
    // Clicking the hunk reveals it in the editor.
    await hunks.getByRole('button', { name: /^Reveal src\/board\.ts:\d+ in the editor$/ }).click();
    await page.getByRole('tab', { name: /^board\.ts/ }).and(page.locator('.active')).waitFor();
  });

  it('"Rerun from here" with an edited payload checks it against the contract, then starts a run linked to this one', async () => {
    await runCommand(page, 'Nova: Open Trace');
    // The palette asks which run: the newest is the /refactor run.
    await page.locator('.quick-input-list .monaco-list-row').first().click();
    trace = await webviewFrame(page, 'nova-trace');
    const oldRun = await trace.locator('main#nova-trace').getAttribute('data-run-id');
    assert.ok(oldRun, 'the page names its run');
    await showOnly(trace, 'handoff');
    await rows(trace, /handoff planner → typescript-specialist \(RefactorRequest\) delivered/).click();
    await detail(trace).getByRole('button', { name: 'Rerun from here…' }).click();
    const editor = detail(trace).getByRole('textbox', { name: 'Payload for typescript-specialist (RefactorRequest)' });
    const recorded = JSON.parse(await editor.inputValue()) as { goal: string };

    // Not JSON: said at once, nothing sent.
    await editor.fill('{ "goal": ');
    await detail(trace).getByRole('button', { name: 'Start rerun' }).click();
    await detail(trace).getByRole('alert').filter({ hasText: /Not valid JSON/ }).waitFor();
    // JSON that does not fit the contract: the issues, and no run.
    await editor.fill(JSON.stringify({ ...recorded, goal: '' }, null, 2));
    await detail(trace).getByRole('button', { name: 'Start rerun' }).click();
    await detail(trace).getByRole('alert').filter({ hasText: /does not fit RefactorRequest/ }).waitFor({ timeout: 30_000 });
    assert.match(await detail(trace).innerText(), /goal/);
    // A valid edit: a new run at the handoff's receiver, its trace linked to this one.
    await editor.fill(JSON.stringify({ ...recorded, goal: `${recorded.goal} (rerun with an edited goal)` }, null, 2));
    await detail(trace).getByRole('button', { name: 'Start rerun' }).click();

    // The new run's panel opens: the trace page whose header links the old run.
    const rerun = await frameWith(page, (frame) => frame.getByRole('button', { name: `Rerun of run ${oldRun}` }).count().then((count) => count > 0));
    assert.match(await rerun.locator('.trace-header').innerText(), /entry typescript-specialist/);
    await screenshot(page, 'nova-trace-rerun');
  });

  it('follows the theme: light and dark screenshots', async () => {
    const backgrounds: string[] = [];
    for (const [index, theme] of [{ name: 'nova-trace-light', workbench: '.monaco-workbench.vs' }, { name: 'nova-trace-dark', workbench: '.monaco-workbench.vs-dark' }].entries()) {
      if (index > 0) await runCommand(page, 'Preferences: Toggle between Light/Dark Themes');
      await page.locator(theme.workbench).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(500);
      const frame = await webviewFrame(page, 'nova-trace');
      backgrounds.push(await frame.locator('body').evaluate((body) => (body.ownerDocument.defaultView as unknown as { getComputedStyle(element: unknown): { backgroundColor: string } }).getComputedStyle(body).backgroundColor));
      await screenshot(page, theme.name);
    }
    assert.notEqual(backgrounds[0], backgrounds[1], 'the trace page did not follow the theme');
  });
});
