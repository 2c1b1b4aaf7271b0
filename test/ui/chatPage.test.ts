/**
 * The built chat page (dist/webview/chat.js, run `npm run build` first) in the system Chromium,
 * under the view's CSP, with a stub VS Code API (test/support/chatPage.ts): what a person sees and
 * what the page asks the extension when they act. The workbench suites drive the same page inside
 * VS Code; this one checks the page alone, fast, with every kind of entry on screen.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import { openChatHarness, type ChatHarness, type InPage } from '../support/chatPage';
import { showcaseChat, stateMessage, update } from '../support/chatSamples';

describe('UI: the chat page alone (built bundle, view CSP, stub VS Code API)', function () {
  this.timeout(60_000);
  let harness: ChatHarness;
  let page: Page;

  async function showShowcase(): Promise<void> {
    const before = await page.evaluate(() => Number((globalThis as unknown as InPage).document.getElementById('nova-chat')?.dataset.paintedStates ?? 0));
    await harness.post(stateMessage(showcaseChat()));
    await page.waitForFunction((count) => Number((globalThis as unknown as InPage).document.getElementById('nova-chat')?.dataset.paintedStates ?? 0) > count, before);
    await harness.clear();
  }

  before(async () => {
    harness = await openChatHarness();
    page = harness.page;
  });
  after(async () => harness?.close());
  beforeEach(showShowcase);
  afterEach(async () => {
    const violations = await page.evaluate(() => (globalThis as unknown as InPage).__nova.violations);
    assert.deepEqual(violations, [], 'the page stays inside its CSP');
  });

  it('names the agent of each message, with its provenance, and the handoff that brought the work', async () => {
    await page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 0));
    const refactorer = page.getByRole('article', { name: 'refactorer (workspace)' });
    await refactorer.waitFor();
    assert.match(await refactorer.locator('.provenance').innerText(), /workspace \.nova\/agents\/refactorer\.md/);
    const handoff = refactorer.locator('details.handoff');
    assert.equal(await handoff.locator('summary').innerText(), 'concierge → refactorer · RefactorRequest');
    await handoff.locator('summary').click();
    assert.deepEqual(JSON.parse(await handoff.locator('pre').innerText()), { goal: 'Rename getCwd', files: ['src/paths.ts'], constraints: [] });
  });

  it('shows a bounce with what was wrong, a refused handoff, a decision with its advisors, and why a run stopped', async () => {
    assert.match(await page.locator('.bounce').innerText(), /refactorer's result failed ChangeProposal and went back to refactorer:\s+files\.0\.path/);
    assert.match(await page.locator('.refused').innerText(), /Refused handoff concierge → test-runner · GateRequest/);
    const decision = page.getByRole('region', { name: 'Decision change.approval: approve' });
    assert.match(await decision.innerText(), /owner reviewer[\s\S]*settled by the arbiter's ruling after 1 round[\s\S]*security-reviewer supports: No new surface\./);
    assert.match(await page.locator('.stuck').innerText(), /Agent\s+planner\s+Handoff\s+planner → refactorer · RefactorRequest\s+Why\s+two agents kept handing/);
    assert.match(await page.locator('.unknown-result').innerText(), /planner returned Mystery/);
  });

  it('opens the trace of a turn from its footer, and of a bounce or a refused handoff at its span, from the keyboard too', async () => {
    await page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 0));
    const renamed = page.locator('[data-turn-id="t2"]');
    await renamed.locator('footer').getByRole('button', { name: 'Open trace' }).click();
    const bounce = page.getByRole('button', { name: "Open this bounce of refactorer's ChangeProposal in the trace" });
    await bounce.focus();
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Open the refused handoff concierge → test-runner in the trace' }).click();
    assert.deepEqual(await harness.requests('chat/openTrace'), [{ turnId: 't2' }, { turnId: 't2', spanId: 'span-bounce' }, { turnId: 't2', spanId: 'span-refused' }]);
    assert.equal(await page.locator('[data-turn-id="t2b"]').getByRole('button', { name: 'Open trace' }).count(), 0, '/agents ran no run: no trace to open');
    assert.equal(await page.locator('[data-turn-id="t4"] footer').getByRole('button', { name: 'Open trace' }).count(), 1, 'a running turn opens its live trace');
  });

  it('offers Open trace once a new turn has its run, and says why when the trace cannot be opened', async () => {
    const turn = { id: 't7', prompt: { text: 'rename it', chips: [] }, startedAt: 0, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
    await harness.post(update('showcase', { type: 'turnStarted', turn }));
    const footer = page.locator('[data-turn-id="t7"] footer');
    await footer.getByText('working…').waitFor();
    assert.equal(await footer.getByRole('button', { name: 'Open trace' }).count(), 0, 'no run yet, no trace');
    await harness.post(update('showcase', { type: 'runStarted', turnId: 't7', runId: 'run-7' }));
    await harness.post(update('showcase', { type: 'bounce', turnId: 't7', agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', issues: ['summary: required'], spanId: 'v-9' }));
    await page.evaluate(() => void ((globalThis as unknown as InPage).__nova.failNext = { code: 'failed', message: 'No trace for run run-7.' }));
    await footer.getByRole('button', { name: 'Open trace' }).click();
    await page.getByRole('alert', { name: 'Problems' }).getByText('Could not open the trace (failed): No trace for run run-7.').waitFor();
    await page.locator('[data-turn-id="t7"]').getByRole('button', { name: "Open this bounce of refactorer's ChangeProposal in the trace" }).click();
    assert.deepEqual(await harness.requests('chat/openTrace'), [{ turnId: 't7' }, { turnId: 't7', spanId: 'v-9' }]);
  });

  it('opens a finding at its line through chat/openLocation', async () => {
    await page.getByRole('link', { name: 'src/board.ts:12' }).first().click();
    assert.deepEqual(await harness.requests('chat/openLocation'), [{ path: 'src/board.ts', line: 12 }]);
  });

  it('reviews a change proposal by its stored id', async () => {
    await page.getByRole('button', { name: 'Review changes' }).click();
    assert.deepEqual(await harness.requests('chat/reviewChanges'), [{ proposalId: 'proposal-1' }]);
  });

  it('puts the exact command to the person, never offers to always allow what had to be made visible, and sends their answer', async () => {
    const card = page.getByRole('group', { name: 'test-runner asks to run a command' });
    assert.equal(await card.getByRole('code').or(card.locator('pre')).first().innerText(), 'npm test<U+202E>');
    assert.match(await card.innerText(), /Made visible: U\+202E RIGHT-TO-LEFT OVERRIDE[\s\S]*In packages\/api in the workspace folder app\./);
    assert.equal(await card.getByRole('button', { name: 'Always allow in this workspace' }).count(), 0);
    await card.getByRole('button', { name: "Don't run" }).click();
    assert.deepEqual(await harness.requests('chat/answerApproval'), [{ turnId: 't4', requestId: 'a1', answer: 'deny' }]);
    await harness.post(update('showcase', { type: 'approvalAnswered', turnId: 't4', requestId: 'a1', answer: 'deny' }));
    await card.getByText('You did not let it run').waitFor();
    assert.equal(await card.getByRole('button', { name: 'Run', exact: true }).isDisabled(), true, 'an answered card keeps its buttons, disabled');
    assert.equal(await card.evaluate((element) => element === (element.ownerDocument as unknown as { activeElement: unknown }).activeElement), true, 'focus stays on the answered card');
  });

  it('sends the option the person picks for an escalation, with their reason', async () => {
    const card = page.getByRole('group', { name: 'The team asks you: Approve the change with the failing lint rule?' });
    assert.match(await card.innerText(), /security-reviewer opposes: The rule guards input validation\./);
    await card.getByRole('textbox').fill('The rule is unrelated to this change.');
    await card.getByRole('button', { name: 'reject' }).click();
    assert.deepEqual(await harness.requests('chat/answerEscalation'), [{ turnId: 't4', requestId: 'e1', answer: { option: 'reject', reason: 'The rule is unrelated to this change.' } }]);
    await harness.post(update('showcase', { type: 'escalationAnswered', turnId: 't4', requestId: 'e1', answer: { option: 'reject', reason: 'Unrelated.' } }));
    await card.getByText('You chose “reject”: Unrelated.').waitFor();
    assert.equal(await card.getByRole('button', { name: 'approve' }).isDisabled(), true);
  });

  it('is Stop while a turn runs, and Stop cancels that turn', async () => {
    await page.getByRole('button', { name: 'Stop' }).click();
    assert.deepEqual(await harness.requests('chat/cancel'), [{ turnId: 't4' }]);
  });

  it('sends on Enter with the chips the person kept, keeps Shift+Enter as a new line, and clears after', async () => {
    await harness.post(update('showcase', { type: 'ended', turnId: 't4', status: 'cancelled', results: [], proposalIds: [], endedAt: 1 }));
    await page.getByRole('button', { name: 'Send' }).waitFor();
    await page.getByRole('button', { name: 'Remove board.ts' }).click();
    const input = page.getByRole('textbox', { name: 'Message the team' });
    await input.fill('first line');
    await input.press('Shift+Enter');
    await input.pressSequentially('second');
    await input.press('Enter');
    assert.deepEqual(await harness.requests('chat/send'), [{ text: 'first line\nsecond', chips: ['problems'] }]);
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { value: string } } }).document.querySelector('textarea.input').value === '');
  });

  it('keeps the message and says why when sending fails', async () => {
    await harness.post(update('showcase', { type: 'ended', turnId: 't4', status: 'cancelled', results: [], proposalIds: [], endedAt: 1 }));
    await page.evaluate(() => void ((globalThis as unknown as InPage).__nova.failNext = { code: 'invalidParams', message: 'chat/send: invalid params.', issues: ['text: the message is empty'] }));
    const input = page.getByRole('textbox', { name: 'Message the team' });
    await input.fill('do it');
    await input.press('Enter');
    const problem = page.getByRole('alert', { name: 'Problems' });
    await problem.getByText('Could not send the message (invalidParams): chat/send: invalid params.').waitFor();
    assert.match(await problem.innerText(), /text: the message is empty/);
    assert.equal(await input.inputValue(), 'do it');
  });

  it('completes @agents and /commands from the keyboard, the listbox pointed at by aria-activedescendant', async () => {
    const input = page.getByRole('textbox', { name: 'Message the team' });
    await input.fill('');
    await input.pressSequentially('ask @re');
    const listbox = page.getByRole('listbox', { name: 'Suggestions' });
    await listbox.waitFor();
    assert.deepEqual(await listbox.getByRole('option').allInnerTexts().then((texts) => texts.map((text) => text.split(/\s/)[0])), ['@refactorer', '@reviewer', '@security-reviewer']);
    await input.press('ArrowDown');
    assert.equal(await input.getAttribute('aria-activedescendant'), 'nova-completion-1');
    await input.press('Enter');
    assert.equal(await input.inputValue(), 'ask @reviewer ');
    assert.equal(await listbox.isVisible(), false);
    await input.fill('');
    await input.pressSequentially('/exp');
    await input.press('Tab');
    assert.equal(await input.inputValue(), '/explain ');
    await input.pressSequentially('/');
    assert.equal(await listbox.isVisible(), false, 'no command list after the first word');
    await input.press('Escape');
  });

  it('streams a reply as Markdown, busy until it ends, then draws the Answer with its references', async () => {
    const turn = { id: 't5', prompt: { text: '/explain src/board.ts', chips: [] }, startedAt: 0, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
    await harness.post(update('showcase', { type: 'ended', turnId: 't4', status: 'cancelled', results: [], proposalIds: [], endedAt: 1 }));
    await harness.post(update('showcase', { type: 'turnStarted', turn }));
    await harness.post(update('showcase', { type: 'agentStarted', turnId: 't5', agent: 'typescript-specialist', provenance: { origin: 'shipped', file: 'agents/typescript-specialist.md' }, contract: 'RoutedTask', from: 'concierge', payload: {} }));
    for (const text of ['`Board` is ', '**exported** ', 'from <img src=x onerror="alert(1)"> ', '[here](javascript:alert(1))']) {
      await harness.post(update('showcase', { type: 'text', turnId: 't5', agent: 'typescript-specialist', kind: 'text', text }));
    }
    const message = page.getByRole('article', { name: 'typescript-specialist (shipped)' });
    await message.locator('strong', { hasText: 'exported' }).waitFor();
    assert.equal(await message.locator('.reply').getAttribute('aria-busy'), 'true');
    assert.equal(await message.locator('img').count(), 0, 'raw HTML is text');
    assert.equal(await page.locator('a[href^="javascript"]').count(), 0);
    await harness.post(update('showcase', { type: 'callEnded', turnId: 't5', agent: 'typescript-specialist', tokens: 1500, costUsd: 0.01 }));
    // Another agent takes over: the first reply is whole.
    await harness.post(update('showcase', { type: 'agentStarted', turnId: 't5', agent: 'reviewer', provenance: { origin: 'shipped', file: 'agents/reviewer.md' }, contract: 'Answer', from: 'typescript-specialist', payload: {} }));
    await page.getByRole('article', { name: 'reviewer (shipped)' }).last().waitFor();
    assert.equal(await message.locator('.reply').getAttribute('aria-busy'), 'false');
    await harness.post(update('showcase', { type: 'ended', turnId: 't5', status: 'completed', results: [{ agent: 'typescript-specialist', contract: 'Answer', payload: { answer: 'It exports **Board**.', references: [{ path: 'src/board.ts', line: 3 }] } }], proposalIds: [], usage: { steps: 1, tokens: 1500, costUsd: 0.01 }, endedAt: 2 }));
    const answer = page.getByRole('region', { name: 'Answer from typescript-specialist' });
    await answer.waitFor();
    await answer.getByRole('link', { name: 'src/board.ts:3' }).click();
    assert.deepEqual(await harness.requests('chat/openLocation'), [{ path: 'src/board.ts', line: 3 }]);
    assert.match(await page.getByRole('status', { name: 'Usage' }).innerText(), /This chat: .*tokens · \$/);
  });

  it('follows the conversation down while the team writes, and stops where the person scrolled up to read', async () => {
    const scroller = page.locator('.scroller');
    const distance = () => scroller.evaluate((element) => element.scrollHeight - element.scrollTop - element.clientHeight);
    const painted = () => page.evaluate(() => Number((globalThis as unknown as InPage).document.getElementById('nova-chat')?.dataset.paintedDeltas ?? 0));
    const write = async (lines: number) => {
      const before = await painted();
      await harness.post(update('showcase', { type: 'text', turnId: 't8', agent: 'reviewer', kind: 'text', text: Array.from({ length: lines }, (_, index) => `A line of the review, number ${index}.\n\n`).join('') }));
      await page.waitForFunction((count) => Number((globalThis as unknown as InPage).document.getElementById('nova-chat')?.dataset.paintedDeltas ?? 0) > count, before);
      await page.waitForTimeout(100);
    };
    const turn = { id: 't8', prompt: { text: 'review it all', chips: [] }, startedAt: 0, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
    await harness.post(update('showcase', { type: 'turnStarted', turn }));
    await harness.post(update('showcase', { type: 'agentStarted', turnId: 't8', agent: 'reviewer', provenance: { origin: 'shipped', file: 'agents/reviewer.md' }, contract: 'ReviewRequest', from: 'concierge', payload: {} }));
    await write(40);
    assert.ok((await distance()) <= 48, `at the bottom while the team writes: ${await distance()} px above it`);

    // The person scrolls up with the wheel to read: what arrives next does not pull them down.
    const box = await scroller.boundingBox();
    assert.ok(box);
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.wheel(0, -600);
    await until(async () => (await distance()) > 400, 'the wheel scrolled the view up');
    const reading = await scroller.evaluate((element) => element.scrollTop);
    await write(20);
    assert.equal(await scroller.evaluate((element) => element.scrollTop), reading, 'the view stays where the person is reading');

    // Back at the bottom, it follows again.
    await page.mouse.wheel(0, 100_000);
    await until(async () => (await distance()) <= 48, 'the wheel scrolled the view back to the bottom');
    await write(20);
    assert.ok((await distance()) <= 48, `following again: ${await distance()} px above the bottom`);
  });

  it('copies a code block and proposes it as a change, naming its turn and language', async () => {
    await page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 0));
    const turn = { id: 't6', prompt: { text: 'show code', chips: [] }, startedAt: 0, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
    await harness.post(update('showcase', { type: 'turnStarted', turn }));
    await harness.post(update('showcase', { type: 'agentStarted', turnId: 't6', agent: 'refactorer', provenance: { origin: 'shipped', file: 'agents/refactorer.md' }, contract: 'RefactorRequest', from: 'concierge', payload: {} }));
    await harness.post(update('showcase', { type: 'text', turnId: 't6', agent: 'refactorer', kind: 'text', text: '```ts\nexport const a = 1;\n```' }));
    const block = page.locator('[data-turn-id="t6"] .code-block');
    await block.getByRole('button', { name: 'Copy' }).click();
    await block.getByRole('button', { name: 'Propose as change' }).click();
    assert.deepEqual(await harness.requests('chat/copy'), [{ text: 'export const a = 1;' }]);
    assert.deepEqual(await harness.requests('chat/proposeCode'), [{ turnId: 't6', code: 'export const a = 1;', language: 'ts' }]);
  });

  it('offers the key when offline, and New chat and the earlier chats', async () => {
    await page.getByRole('button', { name: 'Set Anthropic API Key' }).click();
    await page.getByRole('button', { name: 'New chat' }).click();
    await page.getByText('Earlier chats (1)').click();
    await page.getByRole('button', { name: 'Review the CLI, 3 turns' }).click();
    assert.deepEqual(await harness.requests('chat/setApiKey'), [{}]);
    assert.deepEqual(await harness.requests('chat/new'), [{}]);
    assert.deepEqual(await harness.requests('chat/open'), [{ chatId: 'older' }]);
  });

  it('focuses the message box on chat/focus', async () => {
    await harness.post({ kind: 'notification', method: 'chat/focus', params: {} });
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { getAttribute(name: string): string | null } | null } }).document.activeElement?.getAttribute('aria-label') === 'Message the team');
  });

  it('paints the saved state at once when shown again, draft included, before the extension answers', async () => {
    const input = page.getByRole('textbox', { name: 'Message the team' });
    await input.fill('half-written');
    // The page saves at most once a second.
    await page.waitForFunction(() => ((globalThis as unknown as InPage).__nova.state as { draft?: { text: string } } | undefined)?.draft?.text === 'half-written', undefined, { timeout: 5000 });
    const saved = await page.evaluate(() => (globalThis as unknown as InPage).__nova.state);
    const again = await openChatHarness({ savedState: saved });
    try {
      await again.page.getByRole('article', { name: 'test-runner (shipped)' }).waitFor();
      assert.equal(await again.page.getByRole('textbox', { name: 'Message the team' }).inputValue(), 'half-written');
      assert.equal(await again.page.locator('h1').innerText(), 'Rename getCwd');
    } finally {
      await again.close();
    }
  });
});

/** Waits (5 s at most) until `done` holds. */
async function until(done: () => Promise<boolean>, what: string): Promise<void> {
  for (const deadline = Date.now() + 5_000; !(await done()); await new Promise((resolve) => setTimeout(resolve, 50))) {
    if (Date.now() > deadline) assert.fail(`timed out: ${what}`);
  }
}
