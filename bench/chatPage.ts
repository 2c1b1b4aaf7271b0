/**
 * The chat page in the system Chromium (test/support/chatPage.ts): how long a 500-turn history takes
 * from chat/state arriving to painted, and how long a streamed text delta takes from arriving to
 * painted, both as the page itself measures them (the `nova.chat.state` / `nova.chat.delta`
 * performance measures of src/webview/chat/frames.ts); and the bundle's size.
 *
 * `node out/bench/chatPage.js` prints the table; `--screenshots <dir>` also saves the page in the
 * light, dark and high-contrast variables (the showcase chat: every entry, result and card).
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from '../tools/paths';
import { openChatHarness, themes, type ChatHarness, type InPage, type ThemeName } from '../test/support/chatPage';
import { longChat, showcaseChat, stateMessage, update } from '../test/support/chatSamples';
import { formatBenchTable, median, type BenchRow } from './table';

const HISTORY = 500;
const RENDERS = 7;
const DELTAS = 300;


async function painted(harness: ChatHarness, attribute: 'paintedStates' | 'paintedDeltas', count: number): Promise<void> {
  await harness.page.waitForFunction(([name, at]) => Number((globalThis as unknown as InPage).document.getElementById('nova-chat')?.dataset[name] ?? 0) >= at, [attribute, count] as const);
}

const durations = (harness: ChatHarness, name: string) => harness.page.evaluate((measure) => (globalThis as unknown as InPage).performance.getEntriesByName(measure).map((entry) => entry.duration), name);
const round = (ms: number) => Math.round(ms * 10) / 10;

async function checkedClean(harness: ChatHarness): Promise<void> {
  const violations = await harness.page.evaluate(() => (globalThis as unknown as InPage).__nova.violations);
  if (violations.length > 0) throw new Error(`The chat page broke its CSP: ${violations.join('; ')}`);
}

export async function measureChatPage(): Promise<BenchRow[]> {
  const bundle = readFileSync(join(repoRoot, 'dist', 'webview', 'chat.js'));
  const harness = await openChatHarness();
  try {
    const chat = longChat(HISTORY);
    for (let index = 1; index <= RENDERS; index++) {
      await harness.post(stateMessage(chat));
      await painted(harness, 'paintedStates', index);
    }
    const renders = (await durations(harness, 'nova.chat.state')).map(round);
    const drawn = await harness.page.evaluate(() => (globalThis as unknown as InPage).document.querySelectorAll('.turn-body:not(.pending)').length);

    // A reply streaming into the end of that history.
    const turn = { id: 'live', prompt: { text: 'Explain the loader', chips: [] }, startedAt: 0, status: 'running', entries: [], results: [], proposalIds: [], usage: { steps: 0, tokens: 0, costUsd: 0 } };
    await harness.post(update(chat.id, { type: 'turnStarted', turn }));
    await harness.post(update(chat.id, { type: 'agentStarted', turnId: 'live', agent: 'typescript-specialist', provenance: { origin: 'shipped', file: 'agents/typescript-specialist.md' }, contract: 'RoutedTask', from: 'concierge', payload: {} }));
    // Streamed from inside the page, so the figures hold no round trips of the driver.
    const deltas = await harness.page.evaluate(async ([count, chatId]) => {
      const page = globalThis as unknown as InPage;
      const words = ['The ', 'loader ', 'reads ', '`src/config/load.ts:12` ', 'and **merges** ', 'defaults.\n\n', '- one\n', '```ts\nconst a = 1;\n```\n'];
      for (let index = 0; index < count; index++) {
        page.postMessage({ kind: 'notification', method: 'chat/update', params: { chatId, update: { type: 'text', turnId: 'live', agent: 'typescript-specialist', kind: 'text', text: words[index % words.length] } } }, '*');
        // Deltas arrive at every phase of the frame, as tokens do.
        await new Promise<void>((done) => page.setTimeout(done, 4 + ((index * 7) % 23)));
      }
      await new Promise<void>((done) => page.setTimeout(done, 200));
      return page.performance.getEntriesByName('nova.chat.delta').map((entry) => entry.duration);
    }, [DELTAS, chat.id] as const);
    const text = await harness.page.evaluate(() => (globalThis as unknown as InPage).document.querySelector('.agent-message.streaming .reply')?.textContent?.length ?? 0);
    if (text === 0) throw new Error('The streamed reply was not painted.');
    await checkedClean(harness);
    const sorted = [...deltas].sort((a, b) => a - b);
    const p95 = sorted[Math.floor(sorted.length * 0.95)] ?? NaN;
    return [
      { what: `${HISTORY}-turn history: chat/state → painted (median of ${RENDERS})`, value: round(median(renders)), unit: 'ms', target: 150, samples: renders },
      { what: `  turns drawn in full at first paint (the rest as they scroll near)`, value: drawn, unit: 'turns' },
      { what: `text delta → painted, p50 (${deltas.length} frames for ${DELTAS} deltas, into that history)`, value: round(median(deltas)), unit: 'ms', target: 16 },
      { what: 'text delta → painted, p95', value: round(p95), unit: 'ms' },
      { what: 'chat page bundle (dist/webview/chat.js), raw', value: round(bundle.length / 1024), unit: 'KB', target: 150 },
      { what: 'chat page bundle, gzip', value: round(gzipSync(bundle).length / 1024), unit: 'KB' },
    ];
  } finally {
    await harness.close();
  }
}

/** Saves the showcase chat in each theme, with the @ completion open. */
export async function saveScreenshots(directory: string): Promise<string[]> {
  mkdirSync(directory, { recursive: true });
  const saved: string[] = [];
  for (const theme of Object.keys(themes) as ThemeName[]) {
    const harness = await openChatHarness({ theme, viewport: { width: 440, height: 1400 } });
    try {
      await harness.post(stateMessage(showcaseChat()));
      await painted(harness, 'paintedStates', 1);
      await harness.page.getByRole('textbox', { name: 'Message the team' }).fill('Check this @re');
      await harness.page.getByRole('textbox', { name: 'Message the team' }).press('End');
      await harness.page.keyboard.type('f');
      await checkedClean(harness);
      const bottom = join(directory, `chat-${theme}.png`);
      await harness.page.screenshot({ path: bottom });
      await harness.page.locator('.scroller').evaluate((scroller) => (scroller.scrollTop = 0));
      const top = join(directory, `chat-${theme}-top.png`);
      await harness.page.screenshot({ path: top });
      saved.push(bottom, top);
    } finally {
      await harness.close();
    }
  }
  return saved;
}

if (require.main === module) {
  (async () => {
    const at = process.argv.indexOf('--screenshots');
    if (at >= 0) console.log((await saveScreenshots(resolve(process.argv[at + 1] ?? 'test-results/chat-page'))).join('\n'));
    console.log(`\nChat page (dist/webview/chat.js in the system Chromium, the view's CSP, a stub VS Code API)\n${formatBenchTable(await measureChatPage())}`);
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  });
}
