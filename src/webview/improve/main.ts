/**
 * The change report panel's entry (bundled to dist/webview/improve.js, loaded by the `nova.improvement`
 * panel into `<main id="nova-improve">`). Says `ready`, then draws each record the extension sends:
 * every message is checked by the endpoint before it is applied.
 */
// First: zod must not try eval (see ../shared/jitless.ts) before the protocol's schemas are built.
import '../shared/jitless';
import { improveLoad } from '../../protocol/webview/improve';
import { PageActions } from '../shared/actions';
import { startPage } from '../shared/pageStart';
import { ReportPage } from './reportPage';

function start(): void {
  const { root, endpoint, problems, listen } = startPage('nova-improve', 'Nova change report');
  const page = new ReportPage(root, new PageActions(endpoint, problems), problems);
  endpoint.on(improveLoad, ({ record }) => {
    // Which improvement the page shows, for whoever reads the page (the workbench's UI tests).
    root.dataset.runId = record.runId;
    page.load(record);
  });
  listen();
}

start();
