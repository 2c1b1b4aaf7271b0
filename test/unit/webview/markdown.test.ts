/**
 * The chat page's Markdown, as the page gets it before DOMPurify: which links a person can act on
 * (only workspace `path:line`), what is shown but never followed, and what is never loaded or run.
 */
import * as assert from 'node:assert/strict';
import { markdownHtml } from '../../../src/webview/chat/markdown';
import { workspaceLocation } from '../../../src/webview/chat/location';

describe('chat page: Markdown of a reply', () => {
  it('makes a workspace path:line link a location the page opens, with its path and line', () => {
    const html = markdownHtml('See [the loader](src/config/load.ts:12).');
    assert.match(html, /<a href="#" class="location" data-path="src\/config\/load\.ts" data-line="12" title="Open src\/config\/load\.ts:12">the loader<\/a>/);
  });

  it('shows an external link with its address, as text that goes nowhere', () => {
    const html = markdownHtml('Read [the docs](https://example.com/a?b=1) or <https://evil.example>.');
    assert.doesNotMatch(html, /<a /);
    assert.match(html, /<span class="external-link" title="https:\/\/example\.com\/a\?b=1 — not opened from the chat">the docs<\/span> <span class="link-address">\(https:\/\/example\.com\/a\?b=1\)<\/span>/);
    assert.match(html, /<span class="external-link"[^>]*>https:\/\/evil\.example<\/span>/);
  });

  it('never makes a link of javascript:, absolute, escaping or Windows paths', () => {
    for (const href of ['javascript:alert(1)', '/etc/passwd:1', '../secrets.ts:3', 'src/../../x.ts:1', 'C:\\\\x.ts:1', 'file:///etc/passwd', 'command:workbench.action.terminal.new']) {
      const html = markdownHtml(`[x](${href})`);
      assert.doesNotMatch(html, /class="location"/, href);
      assert.doesNotMatch(html, /href="(?!#)/, href);
    }
  });

  it('shows raw HTML in a reply as text, and loads no image', () => {
    const html = markdownHtml('<img src=x onerror=alert(1)> <script>alert(2)</script>\n\n![diagram](https://tracker.example/p.png)');
    assert.doesNotMatch(html, /<img|<script/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.match(html, /<span class="image-alt">\[image: diagram\]<\/span>/);
  });

  it('gives every code block Copy and "Propose as change", with its language and its code escaped', () => {
    const html = markdownHtml('```ts\nconst a = 1 < 2;\n```');
    assert.match(html, /<div class="code-block" data-language="ts">/);
    assert.match(html, /<button type="button" data-action="copy">Copy<\/button><button type="button" data-action="propose">Propose as change<\/button>/);
    assert.match(html, /<code class="language-ts">const a = 1 &lt; 2;\n?<\/code>/);
  });

  it('refuses a language name that could break out of its attribute', () => {
    const html = markdownHtml('```ts" onmouseover="x\ncode\n```');
    assert.doesNotMatch(html, /onmouseover/);
    assert.match(html, /<div class="code-block">/);
  });

  it('makes inline code that is a path:line a location, and leaves other code alone', () => {
    assert.match(markdownHtml('In `src/board.ts:40` and `npm test`.'), /<a href="#" class="location" data-path="src\/board\.ts" data-line="40"[^>]*><code>src\/board\.ts:40<\/code><\/a> and <code>npm test<\/code>/);
  });
});

describe('chat page: which links are workspace locations', () => {
  const cases: [string, ReturnType<typeof workspaceLocation>][] = [
    ['src/board.ts:12', { path: 'src/board.ts', line: 12 }],
    ['src/board.ts:12:5', { path: 'src/board.ts', line: 12 }],
    ['src/board.ts#L7', { path: 'src/board.ts', line: 7 }],
    ['./README.md', { path: 'README.md' }],
    ['src/board.ts', { path: 'src/board.ts' }],
    ['src/board.ts:0', { path: 'src/board.ts' }],
    ['src%20x/a.ts:2', undefined],
    ['board', undefined],
    ['https://example.com/a.ts:3', undefined],
    ['/abs/a.ts:3', undefined],
    ['a//b.ts', undefined],
    ['..', undefined],
  ];
  for (const [href, expected] of cases) it(`${href} → ${JSON.stringify(expected)}`, () => assert.deepEqual(workspaceLocation(href), expected));
});
