/**
 * The built trace page (dist/webview/trace.js, run `npm run build` first) in the system Chromium,
 * under the panel's CSP, with a stub VS Code API (test/support/tracePage.ts): what a person sees in
 * a run's trace and what the page asks the extension when they act. The sample run
 * (test/support/traceSamples.ts) has every kind of problem.
 */
import * as assert from 'node:assert/strict';
import type { Page } from 'playwright-core';
import type { AnalyzedFinding } from '../../src/core/review/analyzer';
import { mergeVerdicts } from '../../src/core/review/batch/mergeVerdicts';
import { writeTeamTrace } from '../../src/core/review/batch/teamTrace';
import { loadTrace, traceFilePath } from '../../src/core/trace/jsonl';
import { tempWorkspace } from '../support/team';
import { openTraceHarness, postAndPaint, type TraceHarness } from '../support/tracePage';
import { largeTrace, loadMessage, notification, sampleHunks, sampleProblemIds, sampleRunId, sampleSpans, sideFilePayload } from '../support/traceSamples';
import type { InPage } from '../support/webviewPage';
import { screenshot } from './screenshots';

describe('UI: the trace page alone (built bundle, panel CSP, stub VS Code API)', function () {
  this.timeout(120_000);
  let harness: TraceHarness;
  let page: Page;

  const row = (name: RegExp | string) => page.getByRole('treeitem', { name });
  const selectedId = () => page.evaluate(() => (globalThis as unknown as { document: { querySelector(s: string): { id: string } | null } }).document.querySelector('.tree-row[aria-selected="true"]')?.id ?? '');
  const detail = () => page.getByRole('region', { name: 'Details' });

  before(async () => {
    harness = await openTraceHarness();
    page = harness.page;
  });
  after(async () => harness?.close());
  beforeEach(async () => {
    await postAndPaint(harness, loadMessage(sampleSpans(), { hunks: sampleHunks }), 'paintedLoads');
    await harness.clear();
  });
  afterEach(async () => {
    const violations = await page.evaluate(() => (globalThis as unknown as InPage).__nova.violations);
    assert.deepEqual(violations, [], 'the page stays inside its CSP');
  });

  it('shows the run in its header and every agent of it, with totals, and links the run it reran from', async () => {
    const header = page.locator('.trace-header');
    assert.match(await header.innerText(), /Rename getCwd to currentDirectory across src\/[\s\S]*stopped[\s\S]*entry concierge[\s\S]*26\.0 s[\s\S]*23\.4k tokens · \$0\.11 · 5 model calls/);
    assert.deepEqual(await page.getByRole('list', { name: 'Agents' }).getByRole('listitem').allInnerTexts(), [
      'concierge 2,300 tokens · $0.0081', 'coder 11.1k tokens · $0.0425', 'reviewer 8,900 tokens · $0.0611', 'test-runner 1,100 tokens · $0.0012',
    ]);
    for (const agent of ['concierge', 'coder', 'reviewer', 'test-runner']) assert.equal(await row(new RegExp(`^agent ${agent}`)).count(), 1, `${agent} has its row`);
    await page.getByRole('button', { name: 'Rerun of run run-earlier' }).click();
    assert.deepEqual(await harness.requests('trace/openRun'), [{ runId: 'run-earlier', spanId: 'h-old' }]);
  });

  it('expands a turn to a handoff, shows its payload pretty-printed with its validation history and its hunks', async () => {
    await row(/^turn coder turn 2/).locator('.twisty').click();
    await row(/handoff coder → reviewer \(ChangeProposal\) delivered/).click();
    const pane = detail();
    assert.match(await pane.getByRole('region', { name: 'Validation history' }).innerText(), /attempt 1: 3 issues, bounced → attempt 2: accepted/);
    assert.match(await pane.innerText(), /payload\.rationale: Required/);
    // The payload is in the side file: its preview, then the whole of it on request.
    const payload = pane.getByRole('region', { name: 'Payload (validated)' });
    assert.match(await payload.innerText(), /Too large for the trace line[\s\S]*"summary":"Rename getCwd to currentDirectory"/);
    await payload.getByRole('button', { name: 'Load full payload' }).click();
    await payload.locator('.json-key', { hasText: '"rationale"' }).waitFor();
    assert.deepEqual(await harness.requests('trace/payload'), [{ spanId: 'h-coder-2' }]);
    assert.match(await payload.innerText(), new RegExp(sideFilePayload.rationale.replace(/[.]/g, '\\.')));
    // A level deeper than the page opens is closed, and says where it ends: `{ 4 keys … }`.
    assert.equal((await payload.locator('details.json-container:not([open]) > summary').first().innerText()).replace(/\s+/g, ' ').trim(), '{ 4 keys … }');
    // Hunks it produced, each revealed in the editor.
    const hunks = pane.getByRole('region', { name: 'Hunks it produced' });
    assert.match(await hunks.innerText(), /src\/paths\.ts:12 \+1 −1 lines: export function currentDirectory\(\) \{ pending[\s\S]*src\/cli\.ts:40/);
    await hunks.getByRole('button', { name: 'Reveal src/cli.ts:40 in the editor' }).click();
    assert.deepEqual(await harness.requests('trace/revealHunk'), [{ changeSetId: 'cs-1', hunkId: 'hunk-b' }]);
  });

  it('shows the bounced attempt with what was sent, and reasoning as the agent wrote it', async () => {
    await row(/^turn coder turn 1/).locator('.twisty').click();
    await row(/handoff coder → reviewer \(ChangeProposal\) bounced/).click();
    const payload = detail().getByRole('region', { name: 'Payload (as sent, refused by the contract)' });
    assert.match(await payload.innerText(), /"path": "\/etc\/paths\.ts"/);
    await row(/^reasoning coder says: I will read the callers first/).click();
    assert.equal(await detail().locator('.reasoning-text').innerText(), 'I will read the callers first, then propose the rename with an alias.');
  });

  it('shows a decision with its owner, advisors, the dissent that stands and who settled it', async () => {
    await row(/^turn reviewer turn 1/).locator('.twisty').click();
    await row(/decision change\.approval by reviewer/).click();
    const text = await detail().innerText();
    assert.match(text, /owner reviewer[\s\S]*Outcome: approve[\s\S]*settled by the owner, who answered the dissent after 1 round/);
    assert.match(text, /security-reviewer opposes\s*dissent stands: The exported name is part of the public API\./);
    assert.match(text, /typescript-specialist supports: Every caller is updated\./);
    assert.match(text, /The old name stays exported as an alias for one release\./);
  });

  it('shows a team review\'s trace as written: the reviewer owns the verdict, the security reviewer\'s dissent stands beside it by ownership, and what the batch cost', async () => {
    const sink: AnalyzedFinding = { path: 'src/board.ts', line: 6, severity: 'warning', rule: 'dangerous-sink', message: 'eval of settings text.', analyzer: 'dangerous-sink', range: { startLine: 6, startColumn: 2, endLine: 6, endColumn: 30 } };
    const board = mergeVerdicts({
      path: 'src/board.ts',
      findings: [sink],
      lineLengths: [10, 10, 10, 10, 10, 40],
      reviewer: { ok: true, value: { verdicts: [{ finding: 'F1', decision: 'dismiss', reason: 'The formula comes from a file the project ships.' }], added: [] } },
      security: { ok: true, value: { opinions: [{ finding: 'F1', decision: 'confirm', reason: 'A settings file is writable by anyone who can open a pull request.' }] } },
    }).file;
    const usage = { inputTokens: 5000, outputTokens: 1000, cacheReadTokens: 0, cacheCreationTokens: 0 };
    const calls = ['reviewer', 'security-reviewer'].map((agent) => ({ agent, model: 'claude-sonnet-4-5', usage, stopReason: 'tool_use' }));
    const { folder, cleanup } = await tempWorkspace();
    try {
      await writeTeamTrace(folder, { batchId: 'msgbatch_ui', resumed: false, files: [{ ...board, textHash: 'h' }], problems: [], calls }, { runId: 'team-run' });
      const trace = await loadTrace(traceFilePath(folder, 'team-run'));
      await postAndPaint(harness, loadMessage(trace.spans, { runId: 'team-run' }), 'paintedLoads');
    } finally {
      await cleanup();
    }
    // List price $3 / $15 per MTok: 5,000 in and 1,000 out is $0.03 a call, $0.015 at the batch's half price.
    assert.match(await page.locator('.trace-header').innerText(), /Team review: the reviewer's 1 verdict\(s\)[\s\S]*12\.0k tokens · \$0\.0300 · 2 model calls/);
    assert.deepEqual(await page.getByRole('list', { name: 'Agents' }).getByRole('listitem').allInnerTexts(), ['reviewer 6,000 tokens · $0.0150', 'security-reviewer 6,000 tokens · $0.0150']);
    // A disagreement is one of the run's problems: its row says so, and who settled it.
    await row(/^Problem: decision reviewer decision review\.finding by reviewer: dismiss \(ownership\)$/).click();
    const text = await detail().innerText();
    assert.match(text, /owner reviewer[\s\S]*Outcome: dismiss[\s\S]*settled by ownership: the owner's outcome stands, the dissent is recorded \(not argued\)/);
    assert.match(text, /src\/board\.ts:6 dangerous-sink \(F1\): The formula comes from a file the project ships\./);
    assert.match(text, /security-reviewer opposes \(suggests “confirm”\)\s*dissent stands: A settings file is writable by anyone who can open a pull request\./);
    await screenshot(page, 'trace-page-team-review');
  });

  it('counts the problems and visits each in order with Next / Previous, F8 and n / p', async () => {
    assert.equal(await page.locator('.problem-count').innerText(), '6 problems');
    const next = page.getByRole('button', { name: 'Next problem' });
    const visited: string[] = [];
    for (let index = 0; index < sampleProblemIds.length; index++) {
      await next.click();
      visited.push(await selectedId());
    }
    assert.deepEqual(visited, sampleProblemIds.map((id) => `span-${id}`));
    assert.equal(await page.locator('.problem-count').innerText(), '6 problems · 6 of 6');
    await next.click();
    assert.equal(await selectedId(), `span-${sampleProblemIds[0]}`, 'Next wraps to the first');
    await page.getByRole('button', { name: 'Previous problem' }).click();
    assert.equal(await selectedId(), `span-${sampleProblemIds[5]}`);
    await page.keyboard.press('Shift+F8');
    assert.equal(await selectedId(), `span-${sampleProblemIds[4]}`);
    // From the tree, n and p, the focus on the row they land on.
    await page.keyboard.press('F8');
    await row(/^decision|stopped/).first().waitFor();
    await page.locator(`#span-${sampleProblemIds[5]}`).focus();
    await page.keyboard.press('p');
    assert.equal(await selectedId(), `span-${sampleProblemIds[4]}`);
    assert.equal(await page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id), `span-${sampleProblemIds[4]}`);
    await page.keyboard.press('n');
    assert.equal(await selectedId(), `span-${sampleProblemIds[5]}`);
    assert.match(await detail().innerText(), /Problem: Run stopped \(cost budget\) in test-runner/);
  });

  it('filters to problems only, keeping their ancestors so the tree still reads, and by agent and kind', async () => {
    await page.getByLabel('Problems only').check();
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.match-count')?.textContent === '6 matches');
    const names = await page.getByRole('treeitem').evaluateAll((rows) => rows.filter((row) => !(row as unknown as { hidden: boolean }).hidden).map((row) => row.getAttribute('aria-label') ?? ''));
    assert.equal(names.filter((name) => name.startsWith('Problem: ')).length, 6);
    assert.ok(names.some((name) => name.startsWith('run ')) && names.some((name) => name.startsWith('agent coder')) && names.some((name) => name.startsWith('turn coder turn 1')), 'the run, the agent and the turn above each problem stay');
    assert.ok(!names.some((name) => /model claude/.test(name)), 'model calls that are not problems are hidden');
    await page.getByLabel('Problems only').uncheck();
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('reviewer');
    await page.getByRole('combobox', { name: 'Span kind' }).selectOption('model_call');
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.match-count')?.textContent === '1 match');
    assert.equal(await row(/^model reviewer model claude-opus-5/).count(), 1);
    await page.getByRole('combobox', { name: 'Agent' }).selectOption('');
    await page.getByRole('combobox', { name: 'Span kind' }).selectOption('');
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.match-count')?.textContent === '');
  });

  it('searches the summaries and the spans\' text, debounced, with the number of matches', async () => {
    await page.getByRole('searchbox', { name: 'Search the trace' }).fill('alias');
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.match-count')?.textContent === '4 matches');
    assert.equal(await row(/^reasoning reviewer thinking: Both hunks keep behaviour/).count(), 1);
    assert.equal(await row(/^validation reviewer validation of ReviewVerdict/).count(), 1, 'found in the submitted result');
    assert.equal(await row(/^model /).count(), 0, 'what does not match is hidden');
    await page.getByRole('searchbox', { name: 'Search the trace' }).fill('');
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.match-count')?.textContent === '');
  });

  it('moves through the tree from the keyboard: arrows, Home/End, Left/Right, Enter', async () => {
    await row(/^run run-sample/).click();
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedId(), 'span-a-con');
    const concierge = page.locator('#span-a-con');
    assert.deepEqual([await concierge.getAttribute('aria-level'), await concierge.getAttribute('aria-posinset'), await concierge.getAttribute('aria-setsize'), await concierge.getAttribute('aria-expanded')], ['2', '1', '4', 'true']);
    await page.keyboard.press('ArrowLeft');
    assert.equal(await concierge.getAttribute('aria-expanded'), 'false');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    assert.equal(await selectedId(), 'span-t-con-1');
    await page.keyboard.press('Enter');
    assert.equal(await page.locator('#span-t-con-1').getAttribute('aria-expanded'), 'true');
    await page.keyboard.press('ArrowDown');
    assert.equal(await selectedId(), 'span-m-con-1');
    await page.keyboard.press('ArrowLeft');
    assert.equal(await selectedId(), 'span-t-con-1', 'Left on a leaf goes to its parent');
    await page.keyboard.press('End');
    assert.equal(await selectedId(), 'span-g-test-1');
    await page.keyboard.press('Home');
    assert.equal(await selectedId(), 'span-run');
    assert.equal(await page.locator('[role=treeitem][tabindex="0"]').count(), 1, 'one tab stop: the active row');
  });

  it('reruns from a delivered handoff with the edited payload, and shows the issues the contract found', async () => {
    await row(/^turn concierge turn 1/).locator('.twisty').click();
    await row(/handoff concierge → coder \(RefactorRequest\) delivered/).click();
    await detail().getByRole('button', { name: 'Rerun from here…' }).click();
    const editor = detail().getByRole('textbox', { name: 'Payload for coder (RefactorRequest)' });
    assert.deepEqual(JSON.parse(await editor.inputValue()), { goal: 'Rename getCwd to currentDirectory', files: ['src/paths.ts', 'src/cli.ts'], constraints: ['keep the public API'] });
    await editor.fill('{ "goal": ');
    await detail().getByRole('button', { name: 'Start rerun' }).click();
    await detail().getByText(/Not valid JSON .*; nothing was sent\./).waitFor();
    assert.deepEqual(await harness.requests('trace/rerun'), []);
    await harness.answer('trace/rerun', { issues: ['payload.files: Required'] });
    await editor.fill('{ "goal": "Rename only src/paths.ts" }');
    await detail().getByRole('button', { name: 'Start rerun' }).click();
    await detail().getByText('payload.files: Required').waitFor();
    assert.match(await detail().locator('.rerun-outcome').innerText(), /does not fit RefactorRequest; no run started/);
    assert.deepEqual(await harness.requests('trace/rerun'), [{ spanId: 'h-con-1', payload: { goal: 'Rename only src/paths.ts' } }]);
    await harness.answer('trace/rerun', { runId: 'run-rerun' });
    await editor.fill('{ "goal": "Rename only src/paths.ts", "files": ["src/paths.ts"], "constraints": [] }');
    await detail().getByRole('button', { name: 'Start rerun' }).click();
    await detail().getByText('Started run run-rerun').waitFor();
  });

  it('copies and exports through the extension', async () => {
    await detail().getByRole('button', { name: 'Copy span JSON' }).click();
    await page.getByRole('button', { name: 'Export JSONL' }).click();
    await page.getByRole('button', { name: 'Export OTLP' }).click();
    const copied = (await harness.requests('trace/copy')) as { text: string }[];
    assert.equal(JSON.parse(copied[0]?.text ?? '{}').id, 'run');
    assert.deepEqual(await harness.requests('trace/export'), [{ format: 'jsonl' }, { format: 'otlp' }]);
  });

  it('paints live spans as they end, folds them under their parent when it arrives, and stops saying running at trace/ended', async () => {
    const spans = sampleSpans();
    const run = spans.pop()!;
    const reviewerEnd = spans.findIndex((span) => span.id === 'a-rev');
    await postAndPaint(harness, loadMessage(spans.slice(0, reviewerEnd - 4), { live: true }), 'paintedLoads');
    assert.equal(await page.locator('.running').innerText(), 'Running…');
    await postAndPaint(harness, notification('trace/spans', { runId: sampleRunId, spans: spans.slice(reviewerEnd - 4, reviewerEnd - 2) }), 'paintedSpans');
    assert.equal(await row(/decision change\.approval by reviewer/).count(), 1, 'the decision is on top while its turn runs');
    await postAndPaint(harness, notification('trace/spans', { runId: sampleRunId, spans: [...spans.slice(reviewerEnd - 2), run] }), 'paintedSpans');
    assert.equal(await row(/decision change\.approval by reviewer/).count(), 0, 'it moved under its (closed) turn');
    assert.equal(await row(/^agent reviewer/).count(), 1);
    assert.match(await page.locator('.trace-header').innerText(), /23\.4k tokens/);
    await harness.post(notification('trace/focus', { spanId: 'd-rev-1' }));
    await page.locator('#span-d-rev-1[aria-selected="true"]').waitFor();
    await harness.post(notification('trace/ended', { runId: sampleRunId }));
    await page.waitForFunction(() => (globalThis as unknown as InPage).document.querySelector('.running')?.textContent === '');
  });

  it('says the run has started while a live trace is empty, then how to read a row once spans arrive', async () => {
    await postAndPaint(harness, loadMessage([], { live: true }), 'paintedLoads');
    assert.match(await detail().innerText(), /The run has started; its spans appear here as they end\./);
    await postAndPaint(harness, notification('trace/spans', { runId: sampleRunId, spans: sampleSpans() }), 'paintedSpans');
    assert.match(await detail().innerText(), /Select a row to read what it holds here\./);
  });

  it('opens on the span trace/load asks for, its ancestors opened and the detail shown', async () => {
    await postAndPaint(harness, loadMessage(sampleSpans(), { hunks: sampleHunks, focus: 'h-coder-2' }), 'paintedLoads');
    assert.equal(await selectedId(), 'span-h-coder-2');
    assert.equal(await page.locator('#span-t-coder-2').getAttribute('aria-expanded'), 'true');
    assert.match(await detail().innerText(), /Hunks it produced \(2\)/);
    await page.locator('#span-h-coder-2').focus();
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    assert.equal(await selectedId(), 'span-t-coder-2');
    await page.keyboard.press(' ');
    assert.equal(await page.locator('#span-t-coder-2').getAttribute('aria-expanded'), 'false', 'Space closes an open row');
  });

  it('refuses malformed messages without breaking the page', async () => {
    const refusedBefore = await page.evaluate(() => Number((globalThis as unknown as InPage).document.getElementById('nova-trace')?.dataset.refused ?? 0));
    for (const message of [
      { kind: 'notification', method: 'trace/load', params: { runId: '../../etc', spans: 'x' } },
      { kind: 'notification', method: 'trace/spans', params: { runId: sampleRunId, spans: [{ id: 'x' }] } },
      { kind: 'notification', method: 'trace/unknown', params: {} },
      { kind: 'bogus' },
      'not an envelope',
    ]) await harness.post(message);
    await page.waitForFunction((before) => Number((globalThis as unknown as InPage).document.getElementById('nova-trace')?.dataset.refused ?? 0) >= before + 5, refusedBefore);
    assert.equal(await row(/^agent coder/).count(), 1, 'the trace shown before is still there');
    await page.getByRole('button', { name: 'Next problem' }).click();
    assert.equal(await selectedId(), `span-${sampleProblemIds[0]}`);
  });

  it('keeps a 10,000-span trace to the rows on screen', async () => {
    await postAndPaint(harness, loadMessage(largeTrace(10_000), { runId: 'run-large' }), 'paintedLoads');
    const drawn = await page.locator('.tree-row:not([hidden])').count();
    assert.ok(drawn > 10 && drawn < 80, `${drawn} rows in the DOM`);
    await page.locator('.tree').evaluate((tree) => (tree.scrollTop = 50_000));
    await page.waitForFunction(() => (globalThis as unknown as { document: { querySelector(s: string): { dataset: { index?: string } } | null } }).document.querySelector('.tree-row:not([hidden])')?.dataset.index !== '0');
    assert.ok((await page.locator('.tree-row:not([hidden])').count()) < 80);
  });

  it('takes screenshots in the light and dark themes', async () => {
    for (const theme of ['light', 'dark', 'high-contrast'] as const) {
      const themed = await openTraceHarness({ theme });
      try {
        await postAndPaint(themed, loadMessage(sampleSpans(), { hunks: sampleHunks }), 'paintedLoads');
        await themed.page.getByRole('treeitem', { name: /^turn coder turn 2/ }).locator('.twisty').click();
        await themed.page.getByRole('treeitem', { name: /handoff coder → reviewer \(ChangeProposal\) delivered/ }).click();
        await themed.page.getByRole('button', { name: 'Load full payload' }).click();
        await themed.page.locator('.json-key', { hasText: '"rationale"' }).waitFor();
        await screenshot(themed.page, `trace-page-${theme}`);
      } finally {
        await themed.close();
      }
    }
  });
});
