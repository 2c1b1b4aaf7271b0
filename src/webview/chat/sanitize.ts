/**
 * The one way Markdown reaches the DOM: marked's HTML (markdown.ts) through DOMPurify, always.
 * markdown.ts already escapes raw HTML and renders links as the page means them; DOMPurify is the
 * second wall, for whatever a renderer bug or a crafted reply might still get through.
 */
import DOMPurify from 'dompurify';
import { markdownHtml } from './markdown';

const purify = DOMPurify(window);

// Nothing is loaded (no images, no styles, no frames); a link the page did not make is not a link.
const options = {
  FORBID_TAGS: ['style', 'img', 'svg', 'math', 'form', 'input', 'textarea', 'select', 'iframe', 'object', 'embed', 'video', 'audio', 'source', 'link', 'meta', 'base'],
  FORBID_ATTR: ['style', 'srcset', 'src', 'action', 'formaction', 'target'],
  ALLOW_DATA_ATTR: true,
};

purify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && !(node.classList.contains('location') && node.getAttribute('href') === '#')) {
    node.removeAttribute('href');
    node.removeAttribute('data-path');
  }
});

/** Sanitized HTML of Markdown `text`, as a fragment ready to insert. */
export function markdownFragment(text: string): DocumentFragment {
  return purify.sanitize(markdownHtml(text), { ...options, RETURN_DOM_FRAGMENT: true });
}

/** Renders Markdown `text` into `element`, replacing what it held. */
export function renderMarkdownInto(element: Element, text: string): void {
  element.replaceChildren(markdownFragment(text));
}
