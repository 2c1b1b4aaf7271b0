/**
 * The trace page in the system Chromium (test/support/tracePage.ts): how long a 10,000-span and a
 * 100,000-span trace take from trace/load arriving to their first paint, and a live span from
 * arriving to painted, as the page itself measures them (the `nova.trace.load` / `nova.trace.span`
 * performance measures of src/webview/trace/paintClock.ts); the page's JS heap with each trace
 * loaded (CDP Runtime.getHeapUsage after a collection); and the bundle's size.
 *
 * The trace is handed to the page as a JSON string and posted from inside it, so the figures hold
 * no transfer from the driver: they start when the message event reaches the page (the structured
 * clone is read there, the envelope and spans are checked, the tree is built and drawn).
 *
 * `node out/bench/tracePanel.js` prints the table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../tools/paths';
import { openTraceHarness, paintedCount, waitPainted, type TraceHarness } from '../test/support/tracePage';
import { largeTrace, loadMessage } from '../test/support/traceSamples';
import type { InPage } from '../test/support/webviewPage';
import { formatBenchTable, median, type BenchRow } from './table';

const LIVE_SPANS = 200;
const round = (ms: number) => Math.round(ms * 10) / 10;

/** Posts trace/load from inside the page and waits for its paint; returns the page's measure of it. */
async function timedLoad(harness: TraceHarness, json: string): Promise<number> {
  const before = await paintedCount(harness, 'paintedLoads');
  await harness.page.evaluate((text) => (globalThis as unknown as InPage).postMessage(JSON.parse(text), '*'), json);
  await waitPainted(harness, 'paintedLoads', before);
  const measures = await harness.page.evaluate(() => (globalThis as unknown as InPage).performance.getEntriesByName('nova.trace.load').map((entry) => entry.duration));
  return measures[measures.length - 1] ?? NaN;
}

async function heapMb(harness: TraceHarness): Promise<number> {
  const session = await harness.page.context().newCDPSession(harness.page);
  try {
    await session.send('HeapProfiler.collectGarbage');
    const { usedSize } = await session.send('Runtime.getHeapUsage');
    return round(usedSize / 1024 / 1024);
  } finally {
    await session.detach();
  }
}

async function checkedClean(harness: TraceHarness): Promise<void> {
  const violations = await harness.page.evaluate(() => (globalThis as unknown as InPage).__nova.violations);
  if (violations.length > 0) throw new Error(`The trace page broke its CSP: ${violations.join('; ')}`);
  const refused = await harness.page.evaluate(() => (globalThis as unknown as InPage).document.getElementById('nova-trace')?.dataset.refused);
  if (refused) throw new Error(`The trace page refused ${refused} of the bench's messages.`);
}

async function measureLoads(harness: TraceHarness, spans: number, runs: number): Promise<{ samples: number[]; heap: number; count: number }> {
  const trace = largeTrace(spans, `run-${spans}`);
  const json = JSON.stringify(loadMessage(trace, { runId: `run-${spans}` }));
  const samples: number[] = [];
  for (let index = 0; index < runs; index++) samples.push(round(await timedLoad(harness, json)));
  const drawn = await harness.page.locator('.tree-row:not([hidden])').count();
  if (drawn === 0 || drawn > 100) throw new Error(`${drawn} rows in the DOM after loading ${spans} spans: not virtualised.`);
  return { samples, heap: await heapMb(harness), count: trace.length };
}

export async function measureTracePanel(): Promise<BenchRow[]> {
  const bundle = readFileSync(join(repoRoot, 'dist', 'webview', 'trace.js'));
  const harness = await openTraceHarness();
  try {
    const empty = await heapMb(harness);
    const small = await measureLoads(harness, 10_000, 7);
    const large = await measureLoads(harness, 100_000, 3);

    // Live: a 10,000-span trace still running, and spans ending one at a time.
    const live = largeTrace(10_000, 'run-live');
    const run = live.pop()!;
    const tail = live.splice(live.length - LIVE_SPANS);
    await timedLoad(harness, JSON.stringify(loadMessage(live, { runId: 'run-live', live: true })));
    const spansJson = JSON.stringify(tail);
    const durations = await harness.page.evaluate(async (text) => {
      const page = globalThis as unknown as InPage;
      const spans = JSON.parse(text) as unknown[];
      for (let index = 0; index < spans.length; index++) {
        page.postMessage({ kind: 'notification', method: 'trace/spans', params: { runId: 'run-live', spans: [spans[index]] } }, '*');
        // Spans end at every phase of the frame.
        await new Promise<void>((done) => page.setTimeout(done, 5 + ((index * 7) % 23)));
      }
      await new Promise<void>((done) => page.setTimeout(done, 200));
      return page.performance.getEntriesByName('nova.trace.span').map((entry) => entry.duration);
    }, spansJson);
    await harness.post(loadMessage([...live, ...tail, run], { runId: 'run-live' }));
    await checkedClean(harness);
    const sorted = [...durations].sort((a, b) => a - b);
    return [
      { what: `${small.count.toLocaleString('en-US')}-span trace: trace/load → first paint (median of ${small.samples.length})`, value: median(small.samples), unit: 'ms', target: 200, samples: small.samples },
      { what: `${large.count.toLocaleString('en-US')}-span trace: trace/load → first paint (median of ${large.samples.length})`, value: median(large.samples), unit: 'ms', target: 1000, samples: large.samples },
      { what: 'page JS heap, nothing loaded', value: empty, unit: 'MB' },
      { what: `page JS heap, ${small.count.toLocaleString('en-US')} spans loaded`, value: small.heap, unit: 'MB' },
      { what: `page JS heap, ${large.count.toLocaleString('en-US')} spans loaded`, value: large.heap, unit: 'MB' },
      { what: `live span → painted, p50 (${durations.length} frames for ${LIVE_SPANS} spans, into ${live.length.toLocaleString('en-US')})`, value: round(median(durations)), unit: 'ms', target: 16 },
      { what: 'live span → painted, p95', value: round(sorted[Math.floor(sorted.length * 0.95)] ?? NaN), unit: 'ms' },
      { what: 'trace page bundle (dist/webview/trace.js), raw', value: round(bundle.length / 1024), unit: 'KB' },
      { what: 'trace page bundle, gzip', value: round(gzipSync(bundle).length / 1024), unit: 'KB' },
    ];
  } finally {
    await harness.close();
  }
}

if (require.main === module) {
  measureTracePanel()
    .then((rows) => console.log(`\nTrace page (dist/webview/trace.js in the system Chromium, the panel's CSP, a stub VS Code API)\n${formatBenchTable(rows)}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exit(1);
    });
}
