/**
 * The chat view's page: the stylesheet, one landmark the page script fills, and the script —
 * under a Content Security Policy that allows nothing but the view's own resources and the nonce
 * of this load. No `vscode` import, so Node tests check it.
 */

/** What the page is built from: the webview's CSP source, this load's nonce and the two resources' URIs. */
export interface ChatPage {
  readonly cspSource: string;
  readonly nonce: string;
  readonly styleUri: string;
  readonly scriptUri: string;
}

/** The Content Security Policy of the page. */
export function chatCsp({ cspSource, nonce }: Pick<ChatPage, 'cspSource' | 'nonce'>): string {
  return `default-src 'none'; style-src ${cspSource} 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src ${cspSource} data:; font-src ${cspSource}`;
}

/** The page's HTML. */
export function chatHtml(page: ChatPage): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="UTF-8">',
    `<meta http-equiv="Content-Security-Policy" content="${attribute(chatCsp(page))}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1.0">',
    '<title>Nova chat</title>',
    `<link rel="stylesheet" href="${attribute(page.styleUri)}" nonce="${attribute(page.nonce)}">`,
    '</head>',
    `<body><main id="nova-chat" aria-label="Nova chat"></main><script nonce="${attribute(page.nonce)}" src="${attribute(page.scriptUri)}"></script></body>`,
    '</html>',
  ].join('\n');
}

function attribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}
