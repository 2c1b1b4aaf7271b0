/**
 * The change report panel's entry (bundled to dist/webview/improve.js, loaded by the `nova.improvement`
 * panel into `<main id="nova-improve">`). Says `ready`, then draws each record the extension sends:
 * every message is checked by the endpoint before it is applied.
 */
// First: zod must not try eval (see ../shared/jitless.ts) before the protocol's schemas are built.
import '../shared/jitless';
import { WebviewEndpoint } from '../../protocol/webview/endpoint';
import { improveLoad } from '../../protocol/webview/improve';
import type { Envelope } from '../../protocol/webview/message';
import { PageActions } from '../shared/actions';
import { ProblemsView } from '../shared/problems';
import { ReportPage } from './reportPage';

/** What VS Code gives a webview page. */
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

function start(): void {
  const root = document.getElementById('nova-improve');
  if (!root) throw new Error('The change report page needs <main id="nova-improve">.');
  const vscode = acquireVsCodeApi();
  const problems = new ProblemsView();
  const endpoint = new WebviewEndpoint({
    side: 'webview',
    post: (message: Envelope) => vscode.postMessage(message),
    onRefused: (message) => {
      console.warn(`Nova change report: ${message}`);
      root.dataset.refused = String(endpoint.counts.refused);
    },
  });
  const page = new ReportPage(root, new PageActions(endpoint, problems), problems);
  endpoint.on(improveLoad, ({ record }) => {
    // Which improvement the page shows, for whoever reads the page (the workbench's UI tests).
    root.dataset.runId = record.runId;
    page.load(record);
  });
  addEventListener('message', (event: MessageEvent) => endpoint.receive(event.data));
  endpoint.announceReady();
}

start();
