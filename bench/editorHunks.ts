/**
 * Accepting one proposed hunk from the keyboard in the real workbench (code-server, Nova under
 * development from this repository's dist/, the system Chromium): from the keydown of Ctrl+Alt+Y
 * with the cursor on the hunk to the editor's lines holding the accepted text (a mutation of the
 * editor's DOM, then the next painted frame), both measured by the workbench page's own clock. In
 * between: the keybinding, Nova's command in the extension host, placing the hunk against the
 * document, one WorkspaceEdit, and VS Code rendering it. Then Ctrl+Z, timed until the hunk's lenses
 * are back (Undo recorded the hunk as pending again, and VS Code asked for the lenses anew).
 */
import type { Page } from 'playwright-core';
import { startVSCodeSession } from '../tools/vscode-session';
import { openWorkbench } from '../tools/workbench';
import { openWithProposedHunks, waitForAcceptLenses } from '../test/support/hunksInWorkbench';
import { plantChangeSet } from '../test/support/plantedChangeSet';
import { settle } from './activation';
import { formatBenchTable, median, type BenchRow } from './table';

const ACCEPTS = 7;
/** In the accepted line only: the editor renders spaces as no-break spaces, so a word without any. */
const marker = 'novaBenchAccepted';

interface Timed {
  readonly updated: number;
  readonly painted: number;
}

/** Watches the editor's lines from the next keydown of `code` (with Ctrl+Alt, or Ctrl alone) until `marker` appears in them (or leaves them). */
async function armTimer(page: Page, code: string, withAlt: boolean, until: 'shown' | 'gone'): Promise<void> {
  await page.evaluate(`(() => {
    const state = { pressed: 0, updated: 0, painted: 0 };
    window.__novaBench = state;
    const onKey = (event) => {
      if (event.code === ${JSON.stringify(code)} && event.ctrlKey && event.altKey === ${withAlt} && !state.pressed) state.pressed = performance.now();
    };
    window.addEventListener('keydown', onKey, true);
    const lines = document.querySelector('.part.editor .monaco-editor .view-lines');
    const done = () => (lines.textContent.includes(${JSON.stringify(marker)}) === ${until === 'shown'});
    const observer = new MutationObserver(() => {
      if (!state.pressed || state.updated || !done()) return;
      state.updated = performance.now();
      observer.disconnect();
      window.removeEventListener('keydown', onKey, true);
      requestAnimationFrame(() => setTimeout(() => (state.painted = performance.now()), 0));
    });
    observer.observe(lines, { subtree: true, childList: true, characterData: true });
  })()`);
}

async function readTimer(page: Page): Promise<Timed> {
  await page.waitForFunction('window.__novaBench.painted > 0', undefined, { timeout: 30_000 });
  const state = (await page.evaluate('window.__novaBench')) as { pressed: number; updated: number; painted: number };
  const round = (ms: number) => Math.round(ms * 10) / 10;
  return { updated: round(state.updated - state.pressed), painted: round(state.painted - state.pressed) };
}

export async function measureEditorHunks(): Promise<BenchRow[]> {
  const session = await startVSCodeSession({ nova: { development: true } });
  plantChangeSet(session.workspace, 'p-bench-accept', 'src/board.ts', [
    { startLine: 6, before: '  private tasks: Task[] = [];', after: `  private readonly tasks: Task[] = []; // ${marker}`, rationale: 'The list is never reassigned.' },
  ]);
  const workbench = await openWorkbench(session.workbenchUrl());
  try {
    const { page } = workbench;
    await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
    await settle(() => session.extensionHostLog());
    await openWithProposedHunks(page, 'board.ts', 1);
    const accepts: Timed[] = [];
    const undos: number[] = [];
    for (let index = 0; index <= ACCEPTS; index++) {
      await page.keyboard.press('Control+Home');
      await page.keyboard.press('Alt+BracketRight');
      await page.waitForTimeout(200);
      await armTimer(page, 'KeyY', true, 'shown');
      await page.keyboard.press('Control+Alt+KeyY');
      const accepted = await readTimer(page);
      await waitForAcceptLenses(page, 0, 10_000);
      const undoPressed = Date.now();
      await page.keyboard.press('Control+KeyZ');
      await waitForAcceptLenses(page, 1, 10_000);
      // The first round pays for loading Nova's commands' code paths: not counted.
      if (index === 0) continue;
      accepts.push(accepted);
      undos.push(Date.now() - undoPressed);
    }
    const updated = accepts.map((timed) => timed.updated);
    const painted = accepts.map((timed) => timed.painted);
    return [
      { what: `accept of one hunk (Ctrl+Alt+Y) → the editor's lines hold it, median of ${ACCEPTS}`, value: median(updated), unit: 'ms', target: 50, samples: updated },
      { what: '  → the next frame painted', value: median(painted), unit: 'ms', samples: painted },
      { what: 'Undo (Ctrl+Z) → the hunk pending again and its lenses back (VS Code asks for lenses after its own delay)', value: median(undos), unit: 'ms', samples: undos },
    ];
  } finally {
    await workbench.close();
    await session.dispose();
  }
}

if (require.main === module) {
  measureEditorHunks()
    .then((rows) => console.log(`\nProposed hunks in the editor (code-server, Nova under development)\n${formatBenchTable(rows)}`))
    .catch((error: unknown) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exit(1);
    });
}
