/**
 * Opens VS Code's workbench in the system Chromium, driven by playwright-core (no browser download).
 */
import { chromium, type Browser, type Page } from 'playwright-core';
import { chromiumPath } from './system-packages';

/** Flags for a closed network: no background connections, no sandbox as root, no GPU (the chat page bench uses them too). */
export const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface OpenWorkbench {
  readonly browser: Browser;
  readonly page: Page;
  close(): Promise<void>;
}

/** Opens a workbench URL and waits until the workbench has rendered. */
export interface WorkbenchOptions {
  readonly onConsole?: (line: string) => void;
  /** Default 1400×900. */
  readonly viewport?: { readonly width: number; readonly height: number };
}

export async function openWorkbench(url: string, options: WorkbenchOptions = {}): Promise<OpenWorkbench> {
  const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  try {
    const page = await browser.newPage({ viewport: options.viewport ?? { width: 1400, height: 900 } });
    if (options.onConsole) {
      const onConsole = options.onConsole;
      page.on('console', (message) => onConsole(`[${message.type()}] ${message.text()}`));
    }
    await page.goto(url);
    await page.locator('.monaco-workbench').waitFor({ state: 'visible', timeout: 60_000 });
    return { browser, page, close: () => browser.close() };
  } catch (error) {
    await browser.close();
    throw error;
  }
}

/** Runs a command from the command palette by its title ("Category: Title"), as a person would. */
export async function runCommand(page: Page, title: string): Promise<void> {
  await openCommandPalette(page);
  await page.keyboard.type(title);
  await page.locator('.quick-input-list').getByText(title.replace(/^.*?: /, '')).first().waitFor();
  await page.keyboard.press('Enter');
}

/**
 * F1, and nothing is typed until the palette's box has the focus. A key pressed while a webview (the
 * chat) has the focus reaches the workbench only if the page forwards it, so the focus is taken back
 * first; if F1 still opens nothing, the command center in the title bar does (with `>`, commands).
 */
async function openCommandPalette(page: Page): Promise<void> {
  const box = page.locator('.quick-input-widget input');
  await page.evaluate('document.activeElement?.tagName === "IFRAME" && document.activeElement.blur()');
  await page.keyboard.press('F1');
  if (await box.waitFor({ timeout: 3_000 }).then(() => true, () => false)) return;
  await page.locator('.command-center-center').first().click();
  await box.waitFor();
  await page.keyboard.type('>');
}
