/**
 * The files a change set names, as they are on disk — for showing and accepting it without an
 * editor (the command line). Every path is resolved through the workspace sandbox (symbolic links
 * followed, protected paths refused) before it is read, and read with open-then-verify, so what is
 * shown and what is changed is the file the path really names inside the workspace.
 */
import { readLimits } from '../tools/readFile';
import { resolveProposablePath } from '../workspace/proposablePath';
import type { WorkspaceSandbox } from '../workspace/sandbox';

/** A proposed file on disk: its real path and text (`undefined`: it does not exist), or why it cannot be used. */
export type ProposedFile =
  | { readonly ok: true; readonly path: string; readonly realPath: string; readonly text: string | undefined }
  | { readonly ok: false; readonly path: string; readonly reason: string };

/** Each path's file, in order; a refused or unreadable one says why (nothing is thrown for one bad path). */
export async function readProposedFiles(sandbox: WorkspaceSandbox, paths: readonly string[]): Promise<ProposedFile[]> {
  const files: ProposedFile[] = [];
  for (const path of paths) {
    const resolved = await resolveProposablePath(sandbox, path);
    if (!resolved.ok) {
      files.push({ ok: false, path, reason: resolved.reason });
      continue;
    }
    const read = await sandbox.readResolved(resolved.path, readLimits.maxFileBytes);
    if (read.ok) files.push({ ok: true, path, realPath: resolved.path, text: read.text });
    else if (read.problem === 'missing') files.push({ ok: true, path, realPath: resolved.path, text: undefined });
    else files.push({ ok: false, path, reason: read.reason });
  }
  return files;
}
