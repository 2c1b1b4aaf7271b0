/**
 * Markdown of a reply as HTML, with marked (CommonMark + GFM). What the page may act on is decided
 * here, once: a workspace `path:line` link (or inline code that is one) becomes a location link the
 * page opens through chat/openLocation; any other link is shown with its address and not followed;
 * images are not loaded (their alt text is shown); raw HTML in a reply is shown as text. Code blocks
 * get their Copy and "Propose as change" buttons here, so every block has them, streamed or not.
 *
 * The HTML is not trusted for that: the page always passes it through DOMPurify (sanitize.ts)
 * before it reaches the DOM. This file is pure (no DOM), so the unit tests run it under Node.
 */
import { locationLabel, workspaceLocation, type WorkspaceLocation } from './location';

// marked ships as an ES module only; the project compiles to CommonJS, which Node 20 (and esbuild)
// may require. The type comes from the import side.
const { Marked } = require('marked') as typeof import('marked', { with: { 'resolution-mode': 'import' } });

/** Escapes text for HTML content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[character]};`);
}

/** A location link: the page opens it through chat/openLocation (see the click handler in page.ts). */
export function locationLinkHtml(location: WorkspaceLocation, content: string): string {
  const line = location.line === undefined ? '' : ` data-line="${location.line}"`;
  return `<a href="#" class="location" data-path="${escapeHtml(location.path)}"${line} title="Open ${escapeHtml(locationLabel(location))}">${content}</a>`;
}

const languagePattern = /^[\w+#.-]{1,30}$/;

const markdown = new Marked({ gfm: true, breaks: false, async: false });
markdown.use({
  renderer: {
    link({ href, tokens }) {
      const content = this.parser.parseInline(tokens);
      const location = workspaceLocation(href);
      if (location) return locationLinkHtml(location, content);
      const address = escapeHtml(href);
      // Shown, not followed: the page never navigates, and an address is read before it is trusted.
      const shown = content === address ? '' : ` <span class="link-address">(${address})</span>`;
      return `<span class="external-link" title="${address} — not opened from the chat">${content}</span>${shown}`;
    },
    image({ text }) {
      return `<span class="image-alt">[image${text ? `: ${escapeHtml(text)}` : ''}]</span>`;
    },
    html({ text }) {
      return escapeHtml(text);
    },
    codespan({ text }) {
      const location = workspaceLocation(text);
      const code = `<code>${escapeHtml(text)}</code>`;
      return location && location.line !== undefined ? locationLinkHtml(location, code) : code;
    },
    code({ text, lang, escaped }) {
      const language = lang?.split(/\s/)[0] ?? '';
      const known = languagePattern.test(language) ? language : '';
      const attributes = known ? ` data-language="${escapeHtml(known)}"` : '';
      return (
        `<div class="code-block"${attributes}>` +
        `<div class="code-actions">${known ? `<span class="code-language">${escapeHtml(known)}</span>` : ''}` +
        '<button type="button" data-action="copy">Copy</button>' +
        '<button type="button" data-action="propose">Propose as change</button></div>' +
        `<pre><code${known ? ` class="language-${escapeHtml(known)}"` : ''}>${escaped ? text : escapeHtml(text)}</code></pre></div>`
      );
    },
  },
});

/** The HTML of `text` (to be sanitized before use). */
export function markdownHtml(text: string): string {
  return markdown.parse(text) as string;
}
