/**
 * The files checkpoints are taken of and restored to. The core never reads or writes them behind
 * the caller's back: the editor implements this over its documents (unsaved text included), and
 * `diskCheckpointFiles` over the disk for the command line and tests. Both resolve every path —
 * untrusted, since it may come from a stored checkpoint — through the workspace sandbox first.
 */
import { mkdir, rm, stat, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import { resolveProposablePath } from '../workspace/proposablePath';
import { WorkspaceSandbox } from '../workspace/sandbox';
import type { CheckpointFile } from './checkpoint';
import { CheckpointRefused } from './errors';

/** Reads the current content of files and writes a checkpoint's content back. */
export interface CheckpointFiles {
  /** Each path's text now, in order; `undefined` for a file that does not exist. */
  read(paths: readonly string[]): Promise<CheckpointFile[]>;
  /** Writes every file's text; a file whose text is `undefined` is deleted. Nothing is written when a path is refused. */
  write(files: readonly CheckpointFile[]): Promise<void>;
}

/** Larger files are not checkpointed: an agent's change never touches one, and a checkpoint is meant to be quick. */
export const maxCheckpointFileBytes = 16 * 1024 * 1024;

/** The files of `folder` on disk, paths relative to it, each resolved through a sandbox of that folder alone. */
export async function diskCheckpointFiles(folder: string): Promise<CheckpointFiles> {
  const sandbox = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  return {
    async read(paths) {
      const resolved = await resolveAll(sandbox, paths, 'read');
      const files: CheckpointFile[] = [];
      for (const [index, path] of paths.entries()) {
        const read = await sandbox.readResolved(resolved[index] as string, maxCheckpointFileBytes);
        if (read.ok) files.push({ path, text: read.text });
        else if (read.problem === 'missing') files.push({ path, text: undefined });
        else throw new CheckpointRefused(`${JSON.stringify(path)} cannot be checkpointed: ${read.reason}.`);
      }
      return files;
    },
    async write(files) {
      const resolved = await resolveAll(sandbox, files.map((file) => file.path), 'restored');
      for (const [index, target] of resolved.entries()) {
        if ((await stat(target).catch(() => undefined))?.isDirectory()) throw new CheckpointRefused(`${JSON.stringify(files[index]?.path)} is a directory now; nothing was restored.`);
      }
      for (const [index, file] of files.entries()) {
        const target = resolved[index] as string;
        if (file.text === undefined) {
          await rm(target, { force: true });
        } else {
          await mkdir(dirname(target), { recursive: true });
          await writeFile(target, file.text, 'utf8');
        }
      }
    },
  };
}

/** The real path of every file, or `CheckpointRefused` naming each path the sandbox refuses (before anything is touched). */
async function resolveAll(sandbox: WorkspaceSandbox, paths: readonly string[], use: 'read' | 'restored'): Promise<string[]> {
  const resolved: string[] = [];
  const refusals: string[] = [];
  for (const path of paths) {
    const outcome = await resolveProposablePath(sandbox, path);
    if (outcome.ok) resolved.push(outcome.path);
    else refusals.push(outcome.reason);
  }
  if (refusals.length > 0) throw new CheckpointRefused(`Nothing was ${use === 'read' ? 'checkpointed' : 'restored'}: ${refusals.join('; ')}.`);
  return resolved;
}
