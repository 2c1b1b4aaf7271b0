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

/** Opens a file of the workspace by name through Quick Open (Ctrl+P), as a person would, once its tab is active. */
export async function openFileByName(page: Page, name: string): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(name);
  await page.locator('.quick-input-list').getByText(name).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: name }).waitFor();
}

/**
 * F1, and nothing is typed until the palette's box has the focus. A key pressed while a webview (the
 * chat) has the focus goes to the page (headless Chromium does not hand it back when the workbench
 * moves the focus itself), so a click on the editor area's corner (its tab bar) takes the focus back
 * first; if F1 still opens nothing, the command center in the title bar does (with `>`, commands).
 */
async function openCommandPalette(page: Page): Promise<void> {
  const box = page.locator('.quick-input-widget input');
  const focused = () => page.waitForFunction('document.activeElement?.matches(".quick-input-widget input")', undefined, { timeout: 5_000 }).then(() => true, () => false);
  // A few times: the workbench may hand the focus back to the webview a moment after (a dialog that closed
  // restores it), and on a loaded machine the tab bar's click may land while a webview editor still holds it;
  // from the second attempt the webview's frame is blurred instead, which leaves the focus to the workbench's page.
  for (let attempt = 0; attempt < 4; attempt++) {
    if (await page.evaluate('document.activeElement?.tagName === "IFRAME"')) {
      if (attempt === 0) await page.locator('.part.editor').click({ position: { x: 4, y: 4 } });
      else await page.evaluate('document.activeElement?.blur()');
    }
    await page.keyboard.press('F1');
    if (!(await box.waitFor({ timeout: 3_000 }).then(() => true, () => false))) {
      await page.locator('.command-center-center').first().click();
      await box.waitFor();
      await box.pressSequentially('>');
    }
    if (await focused()) return;
    await page.keyboard.press('Escape');
  }
  throw new Error('The command palette never had the focus.');
}
