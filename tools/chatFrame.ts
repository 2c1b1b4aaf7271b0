/**
 * The Chat view's page inside the workbench, for Playwright: VS Code puts a webview in two frames
 * (the host frame `iframe.webview`, then the page itself in `#active-frame`).
 */
import type { FrameLocator, Page } from 'playwright-core';

/** The chat page; Nova's container must be open (its only webview is the chat). */
export function chatFrame(page: Page): FrameLocator {
  return page.frameLocator('iframe.webview.ready').frameLocator('iframe#active-frame');
}

/** Types a message in the chat and sends it with Enter, as a person does. */
export async function sendChatMessage(page: Page, text: string): Promise<void> {
  const box = chatFrame(page).getByRole('textbox', { name: 'Message the team' });
  await box.click();
  await box.fill(text);
  // Close any completion list the text opened (a slash command), then send.
  await box.press('Escape');
  await box.press('Enter');
}
