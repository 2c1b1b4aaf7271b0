/**
 * The workbench steps the editor-review UI test and benchmark share: open a file by name, have Nova
 * list its proposals (which activates it and starts its server, as the Proposals view would), and
 * wait for the hunks' CodeLens.
 */
import type { Locator, Page } from 'playwright-core';
import { runCommand } from '../../tools/workbench';

/** The CodeLens row of the active editor (VS Code draws each lens as a link in it). */
export function codeLenses(page: Page): Locator {
  return page.locator('.part.editor .monaco-editor .codelens-decoration');
}

/** Opens `fileName` with Quick Open and waits until Nova's lenses are drawn for `lensCount` hunks. */
export async function openWithProposedHunks(page: Page, fileName: string, lensCount: number): Promise<void> {
  await page.keyboard.press('Control+P');
  await page.keyboard.type(fileName);
  await page.locator('.quick-input-list').getByText(fileName).first().waitFor();
  await page.keyboard.press('Enter');
  await page.locator('.tab.active', { hasText: fileName }).waitFor();
  await runCommand(page, 'Nova: Refresh Proposals');
  await waitForAcceptLenses(page, lensCount);
}

/** Waits until exactly `count` hunk-level Accept lenses are shown. */
export async function waitForAcceptLenses(page: Page, count: number, timeoutMs = 60_000): Promise<void> {
  // A string: it runs in the page, where `document` is (Node's typings have none).
  const probe = `[...document.querySelectorAll('.part.editor .monaco-editor .codelens-decoration a')].filter((link) => link.textContent.trim() === 'Accept').length === ${count}`;
  await page.waitForFunction(probe, undefined, { timeout: timeoutMs });
}
