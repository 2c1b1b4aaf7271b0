/**
 * A Nova webview's page (the chat view, the trace panel, the change report panel): the stylesheet, one landmark the page
 * script fills, and the script — under a Content Security Policy that allows nothing but the
 * view's own resources and the nonce of this load. No `vscode` import, so Node tests check it.
 */

/**
 * What a page is built from: the webview's CSP source, this load's nonce, its stylesheets' URIs
 * (in order: media/webview.css, which every page shares, then the page's own) and its script's.
 */
export interface WebviewPage {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUris: readonly string[];
  readonly scriptUri: string;
}

/** What tells one page from another: its title, the landmark its script fills, and that landmark's name. */
export interface PageLandmark {
  readonly title: string;
  /** The `<main>` element's id, which the page's script looks for (`nova-chat`, `nova-trace`). */
  readonly landmarkId: string;
  readonly ariaLabel: string;
}

/** The chat view's landmark. */
export const chatLandmark: PageLandmark = { title: 'Nova chat', landmarkId: 'nova-chat', ariaLabel: 'Nova chat' };

/** The trace panel's landmark. */
export const traceLandmark: PageLandmark = { title: 'Nova trace', landmarkId: 'nova-trace', ariaLabel: 'Nova trace' };

/** The change report panel's landmark. */
export const improveLandmark: PageLandmark = { title: 'Nova change report', landmarkId: 'nova-improve', ariaLabel: 'Nova change report' };

/** The Content Security Policy of a page. */
export function webviewCsp({ cspSource, nonce }: Pick<WebviewPage, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource}`;
}

/** A page's HTML. */
export function webviewHtml(landmark: PageLandmark, page: WebviewPage): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attribute(webviewCsp(page))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    `<title>${text(landmark.title)}</title>`,
    ...page.styleUris.map((uri) => `<link rel="stylesheet" href="${attribute(uri)}" nonce="${attribute(page.nonce)}">`),
    '</head>',
    `<body><main id="${attribute(landmark.landmarkId)}" aria-label="${attribute(landmark.ariaLabel)}"></main><script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script></body>`,
    '</html>',
  ].join('\n');
}

/** The chat view's page. */
export const chatHtml = (page: WebviewPage): string => webviewHtml(chatLandmark, page);

/** The trace panel's page. */
export const traceHtml = (page: WebviewPage): string => webviewHtml(traceLandmark, page);

/** The change report panel's page. */
export const improveHtml = (page: WebviewPage): string => webviewHtml(improveLandmark, page);

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;');
}
