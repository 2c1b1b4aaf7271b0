/**
 * The trace panel's entry (bundled to dist/webview/trace.js, loaded by the trace panel and the
 * `.nova/traces/*.jsonl` custom editor into `<main id="nova-trace">`). Says `ready`, then takes what
 * the extension sends: every message is checked by the endpoint before it is applied.
 */
// First: zod must not try eval (see ../shared/jitless.ts) before the protocol's schemas are built.
import '../shared/jitless';
import { WebviewEndpoint } from '../../protocol/webview/endpoint';
import type { Envelope } from '../../protocol/webview/message';
import { traceEnded, traceFocus, traceHunks, traceLoad, traceSpans } from '../../protocol/webview/trace';
import { PageActions } from '../shared/actions';
import { ProblemsView } from '../shared/problems';
import { PaintClock } from './paintClock';
import { TracePage } from './tracePage';

/** What VS Code gives a webview page. */
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const root = document.getElementById('nova-trace');
  if (!root) throw new Error('The trace page needs <main id="nova-trace">.');
  const vscode = acquireVsCodeApi();
  const problems = new ProblemsView();
  const endpoint = new WebviewEndpoint({
    side: 'webview',
    post: (message: Envelope) => vscode.postMessage(message),
    onRefused: (message) => {
      console.warn(`Nova trace: ${message}`);
      root.dataset.refused = String(endpoint.counts.refused);
    },
  });
  const clock = new PaintClock(root);
  const page = new TracePage(root, new PageActions(endpoint, problems), problems, clock);
  endpoint.on(traceLoad, (params) => {
    // Which run the page shows, for whoever reads the page (the workbench's UI tests).
    root.dataset.runId = params.runId;
    page.load(params);
  });
  endpoint.on(traceSpans, ({ runId, spans }) => page.append(runId, spans));
  endpoint.on(traceEnded, ({ runId }) => page.ended(runId));
  endpoint.on(traceHunks, ({ runId, hunks }) => page.setHunks(runId, hunks));
  endpoint.on(traceFocus, ({ spanId }) => page.focus(spanId));
  addEventListener('message', (event: MessageEvent) => {
    clock.arrived();
    endpoint.receive(event.data);
  });
  endpoint.announceReady();
}

start();
