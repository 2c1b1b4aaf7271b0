/**
 * The trace panel's entry (bundled to dist/webview/trace.js, loaded by the trace panel and the
 * `.nova/traces/*.jsonl` custom editor into `<main id="nova-trace">`). Says `ready`, then takes what
 * the extension sends: every message is checked by the endpoint before it is applied.
 */
// First: zod must not try eval (see ../shared/jitless.ts) before the protocol's schemas are built.
import '../shared/jitless';
import { traceEnded, traceFocus, traceHunks, traceLoad, traceSpans } from '../../protocol/webview/trace';
import { PageActions } from '../shared/actions';
import { startPage } from '../shared/pageStart';
import { PaintClock } from './paintClock';
import { TracePage } from './tracePage';

function start(): void {
  const { root, endpoint, problems, listen } = startPage('nova-trace', 'Nova trace');
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
  listen(() => clock.arrived());
}

start();
