/**
 * The built trace page (dist/webview/trace.js + media/trace.css) in the system Chromium, as the
 * trace panel serves it (webviewPage.ts). The stub answers trace/payload with the sample's
 * side-file payload, and trace/rerun with a new run unless a test sets another answer.
 */
import { traceLandmark } from '../../src/extension/webviewHtml';
import { sideFilePayload } from './traceSamples';
import { openPageHarness, type HarnessOptions, type InPage, type PageHarness } from './webviewPage';

export type TraceHarness = PageHarness;

const tracePage = {
  name: 'trace',
  landmark: traceLandmark,
  answers: { 'trace/payload': { payload: sideFilePayload }, 'trace/rerun': { runId: 'run-rerun' } },
};

export function openTraceHarness(options: HarnessOptions = {}): Promise<TraceHarness> {
  return openPageHarness(tracePage, { ...options, viewport: options.viewport ?? { width: 1280, height: 860 } });
}

/** How many trace/load (`loads`) or live-span frames (`spans`) the page has painted. */
export function paintedCount(harness: TraceHarness, what: 'paintedLoads' | 'paintedSpans'): Promise<number> {
  return harness.page.evaluate((name) => Number((globalThis as unknown as InPage).document.getElementById('nova-trace')?.dataset[name] ?? 0), what);
}

/** Waits until the page has painted more than `count` of them. */
export async function waitPainted(harness: TraceHarness, what: 'paintedLoads' | 'paintedSpans', count: number): Promise<void> {
  await harness.page.waitForFunction(([name, at]) => Number((globalThis as unknown as InPage).document.getElementById('nova-trace')?.dataset[name] ?? 0) > at, [what, count] as const);
}

/** Posts a message and waits for the page to paint it (a trace/load, or live spans). */
export async function postAndPaint(harness: TraceHarness, message: unknown, what: 'paintedLoads' | 'paintedSpans'): Promise<void> {
  const before = await paintedCount(harness, what);
  await harness.post(message);
  await waitPainted(harness, what, before);
}
