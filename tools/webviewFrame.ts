/**
 * A Nova webview page inside the workbench, for Playwright, found by the landmark its script fills
 * (`nova-chat`, `nova-trace`). VS Code puts each webview in two frames (the host frame, then the
 * page in `#active-frame`) and keeps every open one in the DOM, so with the chat and a trace panel
 * open a selector on the frames alone is ambiguous; the page's own landmark is not.
 */
import type { Frame, Page } from 'playwright-core';

/** The first frame whose page has `#<landmarkId>` (other than `except`), waiting up to `timeoutMs`. */
export async function webviewFrame(page: Page, landmarkId: string, options: { readonly timeoutMs?: number; readonly except?: readonly Frame[] } = {}): Promise<Frame> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  for (;;) {
    for (const frame of page.frames()) {
      if (frame.isDetached() || options.except?.includes(frame)) continue;
      const found = await frame.locator(`main#${landmarkId}`).count().catch(() => 0);
      if (found > 0) return frame;
    }
    if (Date.now() > deadline) throw new Error(`No webview page with #${landmarkId} appeared within ${options.timeoutMs ?? 60_000} ms.`);
    await page.waitForTimeout(250);
  }
}

/** Every frame showing a page with `#<landmarkId>` now (one per open trace panel, say). */
export async function webviewFrames(page: Page, landmarkId: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const frame of page.frames()) {
    if (frame.isDetached()) continue;
    if ((await frame.locator(`main#${landmarkId}`).count().catch(() => 0)) > 0) frames.push(frame);
  }
  return frames;
}
