/**
 * Reads a workspace folder's sources through the sandbox (so editor buffers and path checks apply)
 * into a `SourceStore` a language service can use synchronously. Files are read once per refresh;
 * the language service then re-checks only what changed.
 */
import * as path from 'node:path';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { walkWorkspace } from '../workspace/walk';
import { workspacePolicy } from './diskFiles';
import { LayeredStore, MemoryStore, type SourceStore } from './sourceStore';

/** Files a project may need as text: sources, declarations and the JSON that configures them. */
const sourcePattern = /\.(?:[cm]?tsx?|[cm]?jsx?|json)$/i;
/** Larger files are skipped: generated bundles, not code a person reviews. */
const maxSourceBytes = 2 * 1024 * 1024;

/** A folder's sources as read now, plus the folder they came from. */
export interface WorkspaceSources {
  readonly folder: string;
  readonly store: SourceStore;
  /** Number of files read. */
  readonly fileCount: number;
}

/**
 * Reads every TypeScript/JavaScript/JSON file under `folder` (a real path the sandbox resolved),
 * each opened and checked by the sandbox. `.git` and `node_modules` are not walked; what module
 * resolution reaches there (and above the folder) is read on demand under `workspacePolicy`:
 * `trusted` false (Restricted Mode) keeps every read inside the workspace folders.
 */
export async function readWorkspaceSources(sandbox: WorkspaceSandbox, folder: string, signal: AbortSignal, trusted: boolean): Promise<WorkspaceSources> {
  const location = sandbox.locate(folder);
  if (!location) throw new Error(`${sandbox.show(folder)} is outside the workspace.`);
  const texts = new Map<string, string>();
  const directories: string[] = [folder];
  for await (const entry of walkWorkspace(sandbox, { ...location, path: folder }, { recursive: true, signal })) {
    if (entry.kind === 'directory') directories.push(lexical(folder, location.relative, entry.display, sandbox, location.folder));
    if (entry.kind !== 'file' || !sourcePattern.test(entry.display)) continue;
    const read = await sandbox.readResolved(entry.path, maxSourceBytes);
    if (read.ok) texts.set(lexical(folder, location.relative, entry.display, sandbox, location.folder), read.text);
  }
  if (signal.aborted) throw new Error('cancelled');
  return { folder, store: new LayeredStore(new MemoryStore(texts, directories), workspacePolicy(sandbox, trusted)), fileCount: texts.size };
}

/**
 * The path of a walked entry under `folder`, as TypeScript should see it: through the folder, not
 * through the real path of a link target, so module resolution matches what the person wrote.
 */
function lexical(folder: string, relativeRoot: string, display: string, sandbox: WorkspaceSandbox, workspaceFolder: string): string {
  const shownRoot = sandbox.displayPath({ folder: workspaceFolder, relative: relativeRoot });
  const below = shownRoot === '.' ? display : display.slice(shownRoot.length + 1);
  return path.join(folder, ...below.split('/'));
}
