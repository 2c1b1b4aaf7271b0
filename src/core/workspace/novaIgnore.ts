/**
 * Nova's own state — proposals, traces, checkpoint snapshots — lives in the workspace's `.nova`
 * folder, where the command line and the editor both find it, but stays out of the person's Source
 * Control: the first time Nova writes state there it also writes `.nova/.gitignore`, which ignores
 * that state and itself. Agent files (`.nova/agents`) and settings the person writes are not
 * ignored, so they stay versionable. A `.gitignore` the person wrote there is never replaced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

/** Nova's state folders, as `.nova/.gitignore` lists them. */
export const novaStateFolders = ['proposals', 'traces', 'checkpoints', 'improve', 'review'] as const;

export const novaIgnoreText = [
  '# Written by Nova: its own state stays out of your Source Control.',
  '# Agent files (agents/) and settings you write here are not ignored: version them as you like.',
  '/.gitignore',
  ...novaStateFolders.map((folder) => `/${folder}/`),
  '',
].join('\n');

/** Writes `<novaFolder>/.gitignore` unless one exists; a folder not named `.nova` is left alone. */
export function ensureNovaIgnore(novaFolder: string): void {
  if (basename(novaFolder) !== '.nova') return;
  mkdirSync(novaFolder, { recursive: true });
  try {
    writeFileSync(join(novaFolder, '.gitignore'), novaIgnoreText, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}
