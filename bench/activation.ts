/**
 * Nova's activation time as VS Code itself reports it ("Developer: Show Running Extensions"), beside
 * the built-in extensions in the same run, over several cold starts of a real VS Code (code-server):
 * each start has a fresh user-data folder and a fresh copy of the sample project.
 */
import { rmSync } from 'node:fs';
import { vsixPath } from '../tools/paths';
import { installExtension } from '../tools/code-server';
import { provisionCodeServer } from '../tools/provision';
import { scratchDir } from '../tools/sample-workspace';
import { startVSCodeSession } from '../tools/vscode-session';
import { openWorkbench, runCommand } from '../tools/workbench';

/** One extension's activation in one cold start, as the Running Extensions editor shows it. */
export interface Activation {
  readonly name: string;
  readonly startup: boolean;
  readonly ms: number;
}

/** Parses the Running Extensions editor's text: name, version, host, "(Startup )Activation: N ms". */
export function parseRunningExtensions(text: string): Activation[] {
  const lines = text.split('\n').map((line) => line.trim()).filter(Boolean);
  const activations: Activation[] = [];
  lines.forEach((line, index) => {
    const match = /^(Startup )?Activation: (\d+)\s*ms$/.exec(line);
    const name = lines[index - 3];
    if (match && name) activations.push({ name, startup: Boolean(match[1]), ms: Number(match[2]) });
  });
  return activations;
}

/** Waits until the extension host has been quiet (no new log lines) for `quietMs`. */
export async function settle(log: () => string, quietMs = 10_000, maxMs = 90_000): Promise<void> {
  let last = log().length;
  let quietSince = Date.now();
  for (const start = Date.now(); Date.now() - start < maxMs; ) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = log().length;
    if (now !== last) [last, quietSince] = [now, Date.now()];
    else if (Date.now() - quietSince >= quietMs) return;
  }
}

/**
 * When, in a cold start, the person opens Nova: once the extension host has been quiet for 10 s
 * (how Nova is normally opened), or as soon as the explorer shows (while the built-ins and the
 * TypeScript server are still starting, so every activation then competes for the 2 cores).
 */
export type OpenNova = 'after startup' | 'during startup';

/** One cold start: open the workbench, open Nova, read the activation times. */
async function coldStart(extensionsDir: string, openNova: OpenNova): Promise<Activation[]> {
  const session = await startVSCodeSession({ nova: { vsix: vsixPath }, extensionsDir });
  try {
    // Tall enough that the Running Extensions list renders every row (it is virtualised).
    const workbench = await openWorkbench(session.workbenchUrl(), { viewport: { width: 1400, height: 2400 } });
    try {
      const page = workbench.page;
      await page.getByRole('treeitem', { name: 'package.json' }).waitFor({ timeout: 60_000 });
      if (openNova === 'after startup') await settle(() => session.extensionHostLog());
      await page.getByRole('tab', { name: 'Nova' }).click();
      // The Chat view's header: the container is open (its webview fills in after, in its own frame).
      await page.locator('#workbench\\.parts\\.sidebar').getByRole('button', { name: /^Chat/ }).first().waitFor();
      await runCommand(page, 'Developer: Show Running Extensions');
      const editor = page.locator('.runtime-extensions-editor');
      await editor.getByText(/Activation: \d+/).first().waitFor({ timeout: 30_000 });
      return parseRunningExtensions(await editor.innerText());
    } finally {
      await workbench.close();
    }
  } finally {
    await session.dispose();
  }
}

/** How the Running Extensions editor names Nova (package.json displayName). */
const novaName: string = (require('../../package.json') as { displayName: string }).displayName;

export interface ActivationRow {
  readonly name: string;
  readonly startup: boolean;
  readonly samples: readonly number[];
  readonly median: number;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/**
 * Runs `starts` cold starts for each way of opening Nova and returns one row per extension (Nova
 * once per way), slowest median first.
 */
export async function measureActivation(starts: number, progress: (line: string) => void): Promise<ActivationRow[]> {
  const install = await provisionCodeServer();
  const extensionsDir = scratchDir('bench-extensions');
  await installExtension(install, vsixPath, extensionsDir);
  const byName = new Map<string, { startup: boolean; samples: number[] }>();
  try {
    for (const openNova of ['after startup', 'during startup'] as const) {
      for (let run = 1; run <= starts; run++) {
        const activations = await coldStart(extensionsDir, openNova);
        const nova = activations.find((a) => a.name === novaName);
        if (!nova) throw new Error(`cold start ${run}: Nova is not among the running extensions`);
        for (const { name, startup, ms } of activations) {
          const key = name === novaName ? `Nova, opened ${openNova}` : name;
          const row = byName.get(key) ?? { startup, samples: [] };
          row.samples.push(ms);
          byName.set(key, row);
        }
        progress(`  cold start ${run}/${starts}, Nova opened ${openNova}: ${nova.ms} ms`);
      }
    }
  } finally {
    rmSync(extensionsDir, { recursive: true, force: true });
  }
  return [...byName]
    .map(([name, { startup, samples }]) => ({ name, startup, samples, median: median(samples) }))
    .sort((a, b) => b.median - a.median);
}
