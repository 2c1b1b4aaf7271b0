/**
 * A built Nova webview page (dist/webview/<name>.js + media/webview.css and <name>.css) in the system Chromium, as
 * its view serves it — the same `<main>` landmark (src/extension/webviewHtml.ts) and the same CSP
 * (nonce scripts and styles, nothing else) — with a stub `acquireVsCodeApi` in place of VS Code:
 * it records what the page posts, keeps its state, and answers each request with the answer set
 * for its method (`null` when none is). A theme is a set of --vscode-* variables, as VS Code sets
 * them on a webview. The chat page's harness (chatPage.ts) and the trace page's (tracePage.ts) are
 * this one with their pages' names and answers.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { PageLandmark } from '../../src/extension/webviewHtml';
import { repoRoot } from '../../tools/paths';
import { chromiumPath } from '../../tools/system-packages';
import { chromiumArgs } from '../../tools/workbench';
import palette from './chatThemes.json';

/**
 * A few of the variables VS Code's Light Modern, Dark Modern and High Contrast themes set, by name
 * without `--vscode-` (a high-contrast theme leaves some unset, as VS Code does).
 */
export const themes: Record<'light' | 'dark' | 'high-contrast', Record<string, string>> = palette;
export type ThemeName = keyof typeof themes;

/** Which page: its bundle and stylesheet name, its landmark, and the stub's answers by method. */
export interface PageSpec {
  readonly name: string;
  readonly landmark: PageLandmark;
  readonly answers: Record<string, unknown>;
}

/** The page as its view serves it, with the stub in front of the bundle. */
export function harnessHtml(spec: PageSpec, theme: ThemeName, savedState?: unknown): string {
  const nonce = randomBytes(16).toString('base64');
  const variables = Object.entries(themes[theme]).map(([name, value]) => `--vscode-${name}: ${value};`).join(' ');
  // The shared stylesheet, then the page's, as the view links them.
  const css = ['webview', spec.name].map((name) => readFileSync(join(repoRoot, 'media', `${name}.css`), 'utf8')).join('\n');
  const bundle = readFileSync(join(repoRoot, 'dist', 'webview', `${spec.name}.js`), 'utf8').replace(/<\/script/gi, '<\\/script');
  const json = (value: unknown) => JSON.stringify(value ?? null).replace(/</g, '\\u003c');
  const stub = `
    window.__nova = { posted: [], state: ${json(savedState)} ?? undefined, violations: [], failNext: undefined, answers: ${json(spec.answers)} };
    document.addEventListener('securitypolicyviolation', (e) => window.__nova.violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage(message) {
        window.__nova.posted.push(message);
        if (message && message.kind === 'request') {
          const failure = window.__nova.failNext;
          window.__nova.failNext = undefined;
          if (failure) return setTimeout(() => window.postMessage({ kind: 'error', id: message.id, error: failure }, '*'), 0);
          const result = Object.hasOwn(window.__nova.answers, message.method) ? window.__nova.answers[message.method] : null;
          setTimeout(() => window.postMessage({ kind: 'response', id: message.id, result }, '*'), 0);
        }
      },
      getState() { return window.__nova.state; },
      setState(state) { window.__nova.state = state; },
    });`;
  const { landmarkId, ariaLabel } = spec.landmark;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;">
<style nonce="${nonce}">html { ${variables} }</style><style nonce="${nonce}">${css}</style></head>
<body><main id="${landmarkId}" aria-label="${ariaLabel}"></main><script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${bundle}</script></body></html>`;
}

/**
 * What the bench's and tests' in-page callbacks touch, typed here: they compile without the DOM's
 * types (and the page's CSP forbids evaluating strings, so the callbacks are functions).
 */
export interface InPage {
  readonly __nova: {
    readonly posted: { readonly kind: string; readonly method?: string; readonly params?: unknown }[];
    readonly violations: string[];
    state: unknown;
    /** The next request is answered with this error. */
    failNext: { code: string; message: string; issues?: string[] } | undefined;
    /** What each request is answered with, by method. */
    answers: Record<string, unknown>;
  };
  readonly document: {
    getElementById(id: string): { readonly dataset: Record<string, string | undefined> } | null;
    querySelectorAll(selector: string): { readonly length: number };
    querySelector(selector: string): { readonly textContent: string | null } | null;
  };
  readonly performance: { getEntriesByName(name: string): { readonly duration: number }[]; now(): number };
  postMessage(message: unknown, origin: string): void;
  setTimeout(callback: () => void, ms: number): void;
}

export interface PageHarness {
  readonly browser: Browser;
  readonly page: Page;
  /** Posts a message to the page as the extension would (`webview.postMessage`). */
  post(envelope: unknown): Promise<unknown>;
  /** The params of each request the page sent with `method`, in order. */
  requests(method: string): Promise<unknown[]>;
  /** Answers every later request for `method` with `result`. */
  answer(method: string, result: unknown): Promise<void>;
  /** Forgets what the page sent so far. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  readonly theme?: ThemeName;
  readonly viewport?: { readonly width: number; readonly height: number };
  /** What `getState()` returns at load, as VS Code keeps it while the view is hidden. */
  readonly savedState?: unknown;
}


export async function openPageHarness(spec: PageSpec, options: HarnessOptions & { readonly viewport: { readonly width: number; readonly height: number } }): Promise<PageHarness> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage({ viewport: options.viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(harnessHtml(spec, options.theme ?? 'dark', options.savedState));
    await page.waitForFunction(() => (globalThis as unknown as InPage).__nova.posted.some((message) => message.kind === 'ready'));
    if (errors.length > 0) throw new Error(`The ${spec.name} page failed to start: ${errors.join('; ')}`);
    return {
      browser,
      page,
      post: (envelope) => page.evaluate((message) => (globalThis as unknown as InPage).postMessage(message, '*'), envelope as never),
      requests: (method) => page.evaluate((wanted) => (globalThis as unknown as InPage).__nova.posted.filter((message) => message.kind === 'request' && message.method === wanted).map((message) => message.params), method),
      answer: (method, result) => page.evaluate(([name, value]) => void ((globalThis as unknown as InPage).__nova.answers[name] = value), [method, result] as [string, never]),
      clear: () => page.evaluate(() => void ((globalThis as unknown as InPage).__nova.posted.length = 0)),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
