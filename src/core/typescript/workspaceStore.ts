/**
 * Reads a workspace folder's sources through the sandbox (so editor buffers and path checks apply)
 * into a `SourceStore` a language service can use synchronously. The folder is walked on every
 * refresh, but a file whose size and modification time are what they were when the same sandbox
 * last read it keeps that text (the same string, so the language service sees it unchanged at
 * once); the language service then re-checks only what changed.
 */
import * as path from 'node:path';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { mapInParallel } from '../mapInParallel';
import { walkWorkspace } from '../workspace/walk';
import { workspacePolicy } from './diskFiles';
import { LayeredStore, MemoryStore, type SourceStore } from './sourceStore';

/** Files a project may need as text: sources, declarations and the JSON that configures them. */
const sourcePattern = /\.(?:[cm]?tsx?|[cm]?jsx?|json)$/i;
/** Larger files are skipped: generated bundles, not code a person reviews. */
const maxSourceBytes = 2 * 1024 * 1024;

/** A text as read through the sandbox, with the stat it had then. */
interface ReadText {
  readonly text: string;
  readonly size: number;
  readonly modifiedMs: number;
}

/** Per sandbox, the texts read last, by real path: one editor session's, or one run's. */
const lastRead = new WeakMap<WorkspaceSandbox, Map<string, ReadText>>();

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
  const directories: string[] = [folder];
  const files: { readonly realPath: string; readonly fileName: string }[] = [];
  for await (const entry of walkWorkspace(sandbox, { ...location, path: folder }, { recursive: true, signal })) {
    if (entry.kind === 'directory') directories.push(lexical(folder, location.relative, entry.display, sandbox, location.folder));
    if (entry.kind === 'file' && sourcePattern.test(entry.display)) files.push({ realPath: entry.path, fileName: lexical(folder, location.relative, entry.display, sandbox, location.folder) });
  }
  const read = await mapInParallel(files, async (file) => (signal.aborted ? undefined : readThroughCache(sandbox, file.realPath)));
  if (signal.aborted) throw new Error('cancelled');
  const texts = new Map<string, string>();
  files.forEach((file, index) => {
    const text = read[index];
    if (text !== undefined) texts.set(file.fileName, text);
  });
  const walked = new Set(files.map((file) => file.realPath));
  forgetUnwalked(sandbox, folder, walked);
  return { folder, store: new LayeredStore(new MemoryStore(texts, directories), workspacePolicy(sandbox, trusted)), fileCount: texts.size };
}

/**
 * Drops what was read under `folder` and is gone now: a deleted file's text is not kept, and a new
 * file at its path with the same size and time is read, not taken for the old one.
 */
function forgetUnwalked(sandbox: WorkspaceSandbox, folder: string, walked: ReadonlySet<string>): void {
  const cache = lastRead.get(sandbox);
  const inside = folder.endsWith(path.sep) ? folder : `${folder}${path.sep}`;
  for (const realPath of cache?.keys() ?? []) if (realPath.startsWith(inside) && !walked.has(realPath)) cache?.delete(realPath);
}

/**
 * A walked file's text: the one read last if the file's size and modification time are unchanged,
 * else read again through the sandbox's checks. Open buffers have no modification time and are
 * always read (from memory). A cached text is only ever one the sandbox's checks let through.
 */
async function readThroughCache(sandbox: WorkspaceSandbox, realPath: string): Promise<string | undefined> {
  let cache = lastRead.get(sandbox);
  if (!cache) lastRead.set(sandbox, (cache = new Map()));
  const stat = await sandbox.files.stat(realPath);
  const cached = cache.get(realPath);
  if (stat?.modifiedMs !== undefined && cached?.modifiedMs === stat.modifiedMs && cached.size === stat.size) return cached.text;
  const read = await sandbox.readResolved(realPath, maxSourceBytes);
  if (!read.ok || stat?.modifiedMs === undefined) {
    cache.delete(realPath);
    return read.ok ? read.text : undefined;
  }
  cache.set(realPath, { text: read.text, size: stat.size, modifiedMs: stat.modifiedMs });
  return read.text;
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
