import * as assert from 'node:assert/strict';
import type { Locator, Page } from 'playwright-core';
import { chatFrame, sendChatMessage } from '../../tools/chatFrame';
import { vsixPath } from '../../tools/paths';
import { screenshot } from './screenshots';
import { startVSCodeSession, type VSCodeSession } from '../../tools/vscode-session';
import { webviewFrame } from '../../tools/webviewFrame';
import { openWorkbench, runCommand, type OpenWorkbench } from '../../tools/workbench';
import { startTeamAtWorkServer, teamAtWork, type TeamAtWorkServer } from '../support/claudeScripts';

// The Chat view with Claude: the real SDK in Nova's server, against the scripted Messages API on
// loopback (ANTHROPIC_BASE_URL and ANTHROPIC_API_KEY in code-server's environment), the shipped team.

describe('Chat with the team in the workbench (Claude, scripted Messages API)', () => {
  let scripted: TeamAtWorkServer;
  let session: VSCodeSession;
  let workbench: OpenWorkbench;
  let page: Page;

  before(async () => {
    scripted = await startTeamAtWorkServer();
    session = await startVSCodeSession({ nova: { vsix: vsixPath }, env: { ANTHROPIC_BASE_URL: scripted.url, ANTHROPIC_API_KEY: scripted.apiKey } });
    workbench = await openWorkbench(session.workbenchUrl());
    page = workbench.page;
    await page.getByRole('tab', { name: 'Nova' }).click({ timeout: 60_000 });
    await chatFrame(page).getByRole('textbox', { name: 'Message the team' }).waitFor({ timeout: 60_000 });
  });

  after(async () => {
    await workbench?.close();
    await session?.dispose();
    await scripted?.close();
  });

  afterEach(async function () {
    if (this.currentTest?.state === 'failed' && page) await screenshot(page, `failed-chat-claude-${this.currentTest.title.replace(/\W+/g, '-')}`);
  });

  it('says the team uses Claude, not the offline model', async () => {
    const banner = chatFrame(page).locator('section[aria-label="Model"]');
    await banner.getByText(/Claude/).waitFor({ timeout: 30_000 });
    assert.doesNotMatch(await banner.innerText(), /Offline model/);
  });

  it('puts a command outside the allowlist to the person as a card; "Don\'t run" is recorded and the run goes on', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, teamAtWork.testsPrompt);
    const card = chat.getByRole('group', { name: 'test-runner asks to run a command' });
    await card.waitFor({ timeout: 90_000 });
    assert.equal(await card.locator('pre').innerText(), teamAtWork.visibleCommand, 'the exact command, its tab made visible');
    assert.match(await card.innerText(), /Made visible: tab/);
    assert.equal(await card.getByRole('button', { name: 'Always allow in this workspace' }).count(), 0, 'never offered for a command that had to be made visible');
    await assertInView(card, 'the chat follows the conversation down to the card');
    await screenshot(page, 'nova-chat-command-approval');
    await card.getByRole('button', { name: "Don't run" }).click();
    await card.getByText(/You did not let it run/).waitFor({ timeout: 30_000 });

    const turn = chat.locator('.turn').filter({ hasText: teamAtWork.testsPrompt }).last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 90_000 });
    // The run continued after the refusal: the test-runner reported the gate it could not run.
    await turn.locator('section.gate-report').waitFor();
    const gates = await turn.locator('section.gate-report').innerText();
    assert.match(gates, /failed/i);
    assert.ok(gates.includes(teamAtWork.visibleCommand), `the gate's command with its tab made visible, as on the card: ${gates}`);
    // What the test-runner wrote after the refusal is drawn after the card, as its activation continuing.
    const continued = turn.locator('article.agent-message.continued', { hasText: /declined/ });
    await continued.waitFor();
    await continued.scrollIntoViewIfNeeded();
    await screenshot(page, 'nova-chat-command-declined');
    assert.deepEqual(scripted.unexpected, []);
  });

  it('asks the person to settle a decision the team could not; their answer settles it and the run finishes', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, teamAtWork.reviewPrompt);
    const card = chat.getByRole('group', { name: `The team asks you: ${teamAtWork.escalation.question}` });
    await card.waitFor({ timeout: 90_000 });
    const text = await card.innerText();
    assert.ok(text.includes(teamAtWork.securityReasonAgain), 'the opposing side’s reason');
    for (const option of teamAtWork.escalation.options) await card.getByRole('button', { name: option, exact: true }).waitFor();
    await assertInView(card, 'the chat follows the conversation down to the question');
    await screenshot(page, 'nova-chat-escalation');
    await card.getByRole('textbox').fill('The token must not stay in the source.');
    await card.getByRole('button', { name: teamAtWork.securityOutcome, exact: true }).click();
    await card.getByText(`You chose “${teamAtWork.securityOutcome}”`, { exact: false }).waitFor({ timeout: 30_000 });

    const turn = chat.locator('.turn').filter({ hasText: teamAtWork.reviewPrompt }).last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 90_000 });
    const decision = turn.locator('.decision.settled-person');
    await decision.waitFor();
    assert.match(await decision.innerText(), new RegExp(teamAtWork.securityOutcome));
    assert.match(await turn.locator('section.verdict').innerText(), /changes/i);
    assert.deepEqual(scripted.unexpected, []);
  });

  it('shows where a run went sideways in its trace: the contract violation highlighted, counted and navigable', async () => {
    const chat = chatFrame(page);
    await sendChatMessage(page, teamAtWork.violationPrompt);
    const turn = chat.locator('.turn').filter({ hasText: teamAtWork.violationPrompt }).last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 90_000 });
    await turn.getByRole('button', { name: 'Open trace' }).click();

    const trace = await webviewFrame(page, 'nova-trace');
    await trace.getByRole('tree', { name: 'Run trace' }).waitFor();
    // Three malformed handoffs, the checks that bounced them and became the violation, and the stop.
    const count = await trace.locator('.problem-count').innerText();
    const problems = Number(/^(\d+) problems/.exec(count)?.[1] ?? 0);
    assert.ok(problems >= 5, `the bounces, the violation and the stop are counted: ${count}`);
    const selected = () => trace.locator('.tree-row[aria-selected="true"]').getAttribute('aria-label');
    const next = trace.getByRole('button', { name: 'Next problem' });
    const visited: string[] = [];
    for (let index = 0; index < problems; index++) {
      await next.click();
      visited.push((await selected()) ?? '');
    }
    assert.ok(visited.every((label) => label.startsWith('Problem: ')), `each stop is a problem row: ${visited.join(' | ')}`);
    assert.ok(visited.some((label) => /handoff concierge → planner \(RoutedTask\) bounced/.test(label)), 'the bounced handoff is among them');
    assert.ok(visited.some((label) => /violation/.test(label)), 'the violation is among them');
    assert.match(visited.at(-1) ?? '', /stopped|governor/i);
    // From the keyboard: Shift+F8 goes back one, to the check that became the violation.
    await page.keyboard.press('Shift+F8');
    assert.equal(await selected(), visited[problems - 2]);
    const detail = trace.getByRole('region', { name: 'Details' });
    assert.match(await detail.innerText(), new RegExp(teamAtWork.violationField.replace('.', '\\.')));
    await screenshot(page, 'nova-trace-violation');
    assert.deepEqual(scripted.unexpected, []);
    // Closed again: the chat is the workbench's only webview for the tests after this one.
    await runCommand(page, 'View: Close All Editors');
    await page.locator('iframe.webview.ready').nth(1).waitFor({ state: 'detached', timeout: 30_000 });
  });

  it('stops a reply mid-way with Stop', async () => {
    const chat = chatFrame(page);
    // The next model call answers only after a minute: the reply is still running when Stop is pressed.
    scripted.scripted.enqueue({ content: [{ type: 'text', text: 'This reply comes too late.' }], fault: { kind: 'slowFirstByte', ms: 60_000 } });
    await sendChatMessage(page, 'Summarise the project for me.');
    const stop = chat.getByRole('button', { name: 'Stop' });
    await stop.waitFor({ timeout: 30_000 });
    await chat.getByRole('article', { name: 'concierge (shipped)' }).last().waitFor({ timeout: 30_000 });
    await stop.click();
    const turn = chat.locator('.turn').filter({ hasText: 'Summarise the project for me.' }).last();
    await turn.getByRole('button', { name: 'Retry' }).waitFor({ timeout: 30_000 });
    await turn.getByText('Cancelled. Nothing the team was doing continues.').waitFor();
    assert.doesNotMatch(await turn.innerText(), /comes too late/);
  });
});

/** Whether part of `element` comes inside the page's viewport (the chat scrolled to it) within a few frames of a busy machine. */
async function assertInView(element: Locator, message: string): Promise<void> {
  const inView = () =>
    element.evaluate((node) => {
      const rect = node.getBoundingClientRect();
      const height = (node.ownerDocument.defaultView as unknown as { innerHeight: number }).innerHeight;
      return rect.bottom > 0 && rect.top < height;
    });
  for (const deadline = Date.now() + 5_000; !(await inView()); await new Promise((resolve) => setTimeout(resolve, 100))) {
    if (Date.now() > deadline) assert.fail(message);
  }
}
