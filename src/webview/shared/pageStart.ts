/**
 * What a Nova panel page does first (the trace panel, the change report): finds its landmark, makes
 * the page's side of the endpoint — posting through VS Code's API, counting what it refuses on the
 * landmark (`data-refused`, for the UI tests) — and the problems region. The page registers its
 * handlers, then calls `listen`: messages are taken and `ready` is said only once it can handle them.
 */
import { WebviewEndpoint } from '../../protocol/webview/endpoint';
import type { Envelope } from '../../protocol/webview/message';
import { ProblemsView } from './problems';

/** What VS Code gives a webview page. */
interface VsCodeApi {
  postMessage(message: unknown): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

export interface StartedPage {
  readonly root: HTMLElement;
  readonly endpoint: WebviewEndpoint;
  readonly problems: ProblemsView;
  /** Starts taking the extension's messages (each through `arrived` first, when given) and says `ready`. */
  listen(arrived?: () => void): void;
}

/** Starts the page whose landmark is `<main id="landmarkId">`; `label` names it in the console. */
export function startPage(landmarkId: string, label: string): StartedPage {
  const root = document.getElementById(landmarkId);
  if (!root) throw new Error(`${label} needs <main id="${landmarkId}">.`);
  const vscode = acquireVsCodeApi();
  const endpoint: WebviewEndpoint = new WebviewEndpoint({
    side: 'webview',
    post: (message: Envelope) => vscode.postMessage(message),
    onRefused: (message) => {
      console.warn(`${label}: ${message}`);
      root.dataset.refused = String(endpoint.counts.refused);
    },
  });
  return {
    root,
    endpoint,
    problems: new ProblemsView(),
    listen: (arrived) => {
      addEventListener('message', (event: MessageEvent) => {
        arrived?.();
        endpoint.receive(event.data);
      });
      endpoint.announceReady();
    },
  };
}
