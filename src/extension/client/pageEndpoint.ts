/**
 * The extension side of a webview page's conversation (the chat view, a trace panel): the endpoint
 * that checks everything the page sends, posting to the webview, with what it posted counted and
 * the last hundred envelopes kept for Nova's real-VS Code tests.
 */
import type * as vscode from 'vscode';
import { WebviewEndpoint } from '../../protocol/webview/endpoint';
import type { Envelope } from '../../protocol/webview/message';

/** An endpoint and what it has posted. */
export interface PageEndpoint {
  readonly endpoint: WebviewEndpoint;
  /** For tests: what arrived and was refused, and how many envelopes were posted. */
  counts(): { readonly received: number; readonly refused: number; readonly posted: number };
  /** For tests: the last envelopes posted, oldest first (copies). */
  recentlyPosted(): unknown[];
}

const kept = 100;

/** The endpoint of `webview`; refused messages are logged as `<label>: …`. */
export function pageEndpoint(webview: Pick<vscode.Webview, 'postMessage'>, log: Pick<vscode.LogOutputChannel, 'warn'>, label: string): PageEndpoint {
  let posted = 0;
  const recent: Envelope[] = [];
  const endpoint = new WebviewEndpoint({
    side: 'extension',
    post: (message: Envelope) => {
      posted++;
      recent.push(message);
      if (recent.length > kept) recent.shift();
      void webview.postMessage(message);
    },
    onRefused: (message) => log.warn(`${label}: ${message}`),
  });
  return {
    endpoint,
    counts: () => ({ ...endpoint.counts, posted }),
    recentlyPosted: () => JSON.parse(JSON.stringify(recent)) as unknown[],
  };
}
