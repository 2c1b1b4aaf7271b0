/**
 * The built chat page (dist/webview/chat.js + media/chat.css) in the system Chromium, as the
 * nova.chat view serves it — the same `<main id="nova-chat">` and the same CSP (nonce scripts and
 * styles, nothing else) — with a stub `acquireVsCodeApi` in place of VS Code: it records what the
 * page posts, keeps its state, and answers each request with an empty success. A theme is a set of
 * --vscode-* variables, as VS Code sets them on a webview.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
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

/** The page as the view serves it, with the stub in front of the bundle. */
export function harnessHtml(theme: ThemeName, savedState?: unknown): string {
  const nonce = randomBytes(16).toString('base64');
  const variables = Object.entries(themes[theme]).map(([name, value]) => `--vscode-${name}: ${value};`).join(' ');
  const css = readFileSync(join(repoRoot, 'media', 'chat.css'), 'utf8');
  const bundle = readFileSync(join(repoRoot, 'dist', 'webview', 'chat.js'), 'utf8').replace(/<\/script/gi, '<\\/script');
  const stub = `
    window.__nova = { posted: [], state: ${JSON.stringify(savedState ?? null).replace(/</g, '\\u003c')} ?? undefined, violations: [], failNext: undefined };
    document.addEventListener('securitypolicyviolation', (e) => window.__nova.violations.push(e.violatedDirective + ' ' + e.blockedURI));
    window.acquireVsCodeApi = () => ({
      postMessage(message) {
        window.__nova.posted.push(message);
        if (message && message.kind === 'request') {
          const failure = window.__nova.failNext;
          window.__nova.failNext = undefined;
          if (failure) return setTimeout(() => window.postMessage({ kind: 'error', id: message.id, error: failure }, '*'), 0);
          const result = message.method === 'chat/send' || message.method === 'chat/retry' ? { turnId: 'stub-turn' } : message.method === 'chat/cancel' ? { cancelled: true } : message.method === 'chat/proposeCode' ? {} : null;
          setTimeout(() => window.postMessage({ kind: 'response', id: message.id, result }, '*'), 0);
        }
      },
      getState() { return window.__nova.state; },
      setState(state) { window.__nova.state = state; },
    });`;
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; img-src data:;">
<style nonce="${nonce}">html { ${variables} }</style><style nonce="${nonce}">${css}</style></head>
<body><main id="nova-chat" aria-label="Nova chat"></main><script nonce="${nonce}">${stub}</script><script nonce="${nonce}">${bundle}</script></body></html>`;
}

/**
 * What the bench's in-page callbacks touch, typed here: the bench compiles without the DOM's types
 * (and the page's CSP forbids evaluating strings, so the callbacks are functions).
 */
export interface InPage {
  readonly __nova: {
    readonly posted: { readonly kind: string; readonly method?: string; readonly params?: unknown }[];
    readonly violations: string[];
    state: unknown;
    /** The next request is answered with this error. */
    failNext: { code: string; message: string; issues?: string[] } | undefined;
  };
  readonly document: {
    getElementById(id: string): { readonly dataset: Record<string, string | undefined> } | null;
    querySelectorAll(selector: string): { readonly length: number };
    querySelector(selector: string): { readonly textContent: string | null } | null;
  };
  readonly performance: { getEntriesByName(name: string): { readonly duration: number }[] };
  postMessage(message: unknown, origin: string): void;
  setTimeout(callback: () => void, ms: number): void;
}

export interface ChatHarness {
  readonly browser: Browser;
  readonly page: Page;
  /** Posts a message to the page as the extension would (`webview.postMessage`). */
  post(envelope: unknown): Promise<unknown>;
  /** The params of each request the page sent with `method`, in order. */
  requests(method: string): Promise<unknown[]>;
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

export async function openChatHarness(options: HarnessOptions = {}): Promise<ChatHarness> {
  const viewport = options.viewport ?? { width: 420, height: 900 };
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage({ viewport });
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.setContent(harnessHtml(options.theme ?? 'dark', options.savedState));
    await page.waitForFunction(() => (globalThis as unknown as InPage).__nova.posted.some((message) => message.kind === 'ready'));
    if (errors.length > 0) throw new Error(`The chat page failed to start: ${errors.join('; ')}`);
    return {
      browser,
      page,
      post: (envelope) => page.evaluate((message) => (globalThis as unknown as InPage).postMessage(message, '*'), envelope as never),
      requests: (method) => page.evaluate((wanted) => (globalThis as unknown as InPage).__nova.posted.filter((message) => message.kind === 'request' && message.method === wanted).map((message) => message.params), method),
      clear: () => page.evaluate(() => void ((globalThis as unknown as InPage).__nova.posted.length = 0)),
      close: () => browser.close(),
    };
  } catch (error) {
    await browser.close();
    throw error;
  }
}
