/**
 * An improve run's trace on the built trace page (run `npm run build` first): refused writes to
 * protected paths and a failing gate are highlighted as problems, and a gate's detail shows its
 * captured evidence in a monospace block. One screenshot: test-results/screenshots/trace-page-improve.png.
 */
import * as assert from 'node:assert/strict';
import { improveRunId, improveTraceSpans } from '../support/improveTrace';
import { openTraceHarness, postAndPaint, type TraceHarness } from '../support/tracePage';
import { loadMessage } from '../support/traceSamples';
import type { InPage } from '../support/webviewPage';
import { screenshot } from './screenshots';

describe("UI: an improve run's trace on the trace page", function () {
  this.timeout(120_000);
  let harness: TraceHarness;
  before(async () => {
    harness = await openTraceHarness();
    await postAndPaint(harness, loadMessage(improveTraceSpans(), { runId: improveRunId }), 'paintedLoads');
  });
  after(async () => harness?.close());

  it('highlights the protected writes and the failing gate, and shows the gate\'s evidence in monospace', async () => {
    const { page } = harness;
    assert.match(await page.locator('.problem-count').innerText(), /^3 problems/);
    // "Next problem" opens the way to each one, as a person would go through them.
    for (let step = 0; step < 3; step++) await page.getByRole('button', { name: 'Next problem' }).click();
    const problemRows = page.locator('.tree-row.is-problem');
    assert.deepEqual(await problemRows.evaluateAll((rows) => rows.map((row) => (row as unknown as { dataset: { kind: string } }).dataset.kind)), ['protected_write', 'protected_write', 'gate']);
    const refused = page.getByRole('treeitem', { name: /^Problem: protected refactorer protected test\/board\.test\.ts: refactorer's proposal refused/ });
    assert.equal(await refused.count(), 1);
    const tinted = await refused.evaluate((row) => (globalThis as unknown as { getComputedStyle(e: unknown): { backgroundColor: string } }).getComputedStyle(row).backgroundColor);
    assert.notEqual(tinted, 'rgba(0, 0, 0, 0)', 'a protected write is tinted');

    await page.getByRole('treeitem', { name: /gate Tests \(npm test\) → failed/ }).click();
    const pane = page.getByRole('region', { name: 'Details' });
    assert.match(await pane.locator('.problem-note').innerText(), /Problem: Gate Tests \(npm test\) failed: exit code 1/);
    const evidence = pane.getByRole('region', { name: 'Evidence' }).locator('pre.gate-evidence');
    assert.match(await evidence.innerText(), /1\) board moves a task:\n\s+AssertionError: expected 'todo' to equal 'done'/);
    const font = await evidence.evaluate((pre) => (globalThis as unknown as { getComputedStyle(e: unknown): { fontFamily: string } }).getComputedStyle(pre).fontFamily);
    assert.match(font, /mono/i);
    assert.match(await pane.innerText(), /Whole log\s+\.nova\/improve\/run-improve\/tests\.log/);
    await screenshot(page, 'trace-page-improve');
    assert.deepEqual(await page.evaluate(() => (globalThis as unknown as InPage).__nova.violations), [], 'the page stays inside its CSP');
  });
});
