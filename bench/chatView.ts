/**
 * The chat view in the real workbench (code-server, Nova from its .vsix, the system Chromium):
 * - "Nova: Open Chat" → the message box focused, the first time in a window once the built-in
 *   extensions have started (Nova activated, the view and its page created, Nova's client loaded) and again after switching away (the view shown again), timed from
 *   the Enter that runs the command (epoch ms in the workbench page) to the focus the chat page
 *   records (`data-input-focused-at`, epoch ms in its frame);
 * - a text delta leaving the server → painted in the page, end to end (server, language-server
 *   connection, extension host, webview messaging, the page's frame), as the page measures it
 *   (`nova.chat.serverDelta`: from the server's `sentAt` stamp to after the painting frame), for a
 *   reply Claude streams through the real SDK from the scripted Messages API on loopback.
 */
import type { Page } from 'playwright-core';
import { chatFrame, sendChatMessage } from '../tools/chatFrame';
import { vsixPath } from '../tools/paths';
import { startVSCodeSession } from '../tools/vscode-session';
import { openWorkbench } from '../tools/workbench';
import { startScriptedServer, type MessagesRequestBody, type ScriptedTurn } from '../test/support/anthropicServer';
import { settle } from './activation';
import { formatBenchTable, median, type BenchRow } from './table';

const OPENS = 7;
const KEY = 'sk-ant-bench-chat-view-0000';

/** A long reply for whoever asks, then the Answer that ends the concierge's activation. */
function replyFor(body: MessagesRequestBody): ScriptedTurn {
  const answered = JSON.stringify(body.messages).includes('tool_result');
  if (answered) return { content: [{ type: 'text', text: 'Done.' }] };
  const words = 'The board keeps tasks in memory and moves them between columns; sync pushes each status change to the server. ';
  return {
    content: [
      { type: 'text', text: words.repeat(24) },
      { type: 'tool_use', name: 'submit_Answer', input: { answer: 'The board keeps tasks; sync pushes status changes.', references: [{ path: 'src/board.ts', line: 5 }] } },
    ],
  };
}

/** From the Enter that runs the command: to the box focused, and to the page's own start (its frame's time origin). */
async function openChatTimed(page: Page): Promise<{ focused: number; pageStarted: number }> {
  const before = await chatFrame(page).locator('#nova-chat').getAttribute('data-input-focused-at', { timeout: 1_000 }).catch(() => null);
  await page.keyboard.press('F1');
  await page.keyboard.type('Nova: Open Chat');
  await page.locator('.quick-input-list').getByText('Open Chat').first().waitFor();
  const pressed = await page.evaluate(() => Date.now());
  await page.keyboard.press('Enter');
  const root = chatFrame(page).locator('#nova-chat');
  for (const start = Date.now(); Date.now() - start < 60_000; ) {
    const at = await root.getAttribute('data-input-focused-at', { timeout: 60_000 }).catch(() => null);
    if (at && at !== before) {
      const pageStarted = await root.evaluate((node) => (node.ownerDocument.defaultView as unknown as { performance: { timeOrigin: number } }).performance.timeOrigin);
      return { focused: Math.round(Number(at) - pressed), pageStarted: Math.round(pageStarted - pressed) };
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('The chat view never focused its message box after "Nova: Open Chat".');
}

export async function measureChatView(): Promise<BenchRow[]> {
  // About 500 characters a second, in 8-character deltas: faster than Claude streams, without one burst.
  const scripted = await startScriptedServer({ apiKey: KEY, chunkSize: 8, eventDelayMs: 15 });
  scripted.setResponder((body) => replyFor(body));
  const session = await startVSCodeSession({ nova: { vsix: vsixPath }, env: { ANTHROPIC_BASE_URL: scripted.baseURL, ANTHROPIC_API_KEY: KEY } });
  const workbench = await openWorkbench(session.workbenchUrl());
  try {
    const { page } = workbench;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
    // Once the built-in extensions have started: while they start, the extension host's one thread is theirs.
    await settle(() => session.extensionHostLog());
    const first = await openChatTimed(page);
    const again: number[] = [];
    for (let index = 0; index < OPENS; index++) {
      await page.keyboard.press('Control+Shift+E');
      await page.getByRole('treeitem', { name: 'package.json' }).waitFor();
      again.push((await openChatTimed(page)).focused);
    }

    await sendChatMessage(page, 'What does the board do?');
    const frame = chatFrame(page);
    await frame.locator('section[aria-label="Answer from concierge"]').waitFor({ timeout: 120_000 });
    const latencies = await frame.locator('body').evaluate((body) =>
      (body.ownerDocument.defaultView as unknown as { performance: { getEntriesByName(name: string): { duration: number }[] } }).performance.getEntriesByName('nova.chat.serverDelta').map((entry) => entry.duration),
    );
    if (latencies.length === 0) throw new Error('No streamed delta was measured in the page.');
    const sorted = [...latencies].sort((a, b) => a - b);
    const round = (ms: number) => Math.round(ms * 10) / 10;
    return [
      { what: '"Nova: Open Chat" → message box focused, first time in the window, the built-ins started (Nova activated, view, page and client created)', value: first.focused, unit: 'ms' },
      { what: '  of which before the page frame started loading (activation, VS Code creating the webview)', value: first.pageStarted, unit: 'ms' },
      { what: `"Nova: Open Chat" → message box focused, view shown again (median of ${OPENS})`, value: median(again), unit: 'ms', target: 300, samples: again },
      { what: `text delta leaving the server → painted in the page, p50 (${latencies.length} deltas of one streamed reply)`, value: round(median(sorted)), unit: 'ms', target: 16 },
      { what: 'text delta leaving the server → painted, p95', value: round(sorted[Math.floor(sorted.length * 0.95)] ?? NaN), unit: 'ms' },
    ];
  } finally {
    await workbench.close();
    await session.dispose();
    await scripted.close();
  }
}

if (require.main === module) {
  measureChatView()
    .then((rows) => console.log(`\nChat view in the workbench (code-server, Claude via the scripted Messages API)\n${formatBenchTable(rows)}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exit(1);
    });
}
