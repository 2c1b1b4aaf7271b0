/** list_files: the entries of a workspace directory, optionally recursive. */
import { z } from 'zod';
import type { Tool, ToolOutcome } from './tool';
import { walkWorkspace, type WalkEntry } from '../workspace/walk';

const input = z.strictObject({
  path: z.string().min(1).default('.').describe('The directory, relative to the workspace folder. Default: the folder itself.'),
  recursive: z.boolean().default(false).describe('List everything below the directory, not only its direct entries.'),
  maxEntries: z.number().int().min(1).max(5000).default(500).describe('Stop after this many entries. Default: 500.'),
});

/** Lists a workspace directory through the sandbox. */
export const listFilesTool: Tool<z.infer<typeof input>> = {
  name: 'list_files',
  description:
    'Lists the files and directories under a workspace directory (directories end with "/"), sorted, as paths ' +
    'you can pass to the other tools. .git and node_modules are not listed; symbolic links leading outside the ' +
    'workspace are marked and never followed.',
  effect: 'read',
  input,
  async run({ path, recursive, maxEntries }, { sandbox, signal }): Promise<ToolOutcome> {
    const resolved = await sandbox.resolve(path);
    if (!resolved.ok) return { status: 'refused', output: resolved.reason };
    const shown = sandbox.displayPath(resolved);
    const stat = await sandbox.files.stat(resolved.path);
    if (!stat) return { status: 'error', output: `Directory ${shown} does not exist.` };
    if (stat.kind !== 'directory') return { status: 'error', output: `${shown} is not a directory; use read_file.` };

    const lines: string[] = [];
    const skipped = new Set<string>();
    let full = false;
    for await (const entry of walkWorkspace(sandbox, resolved, { recursive, signal })) {
      if (entry.kind === 'skipped') {
        skipped.add(entry.display.slice(entry.display.lastIndexOf('/') + 1));
        continue;
      }
      if (lines.length === maxEntries) {
        full = true;
        break;
      }
      lines.push(describe(entry));
    }
    if (signal.aborted) return { status: 'error', output: 'cancelled' };

    const where = shown === '.' ? 'the workspace folder' : shown;
    const out = [lines.length === 0 ? `Directory ${where} is empty.` : `Directory ${where} (${lines.length} entries${recursive ? ', recursive' : ''}):`];
    out.push(...lines);
    if (full) out.push(`[Stopped at ${maxEntries} entries; list a subdirectory or raise maxEntries to see more.]`);
    if (skipped.size > 0) out.push(`[Not listed: ${[...skipped].sort().join(', ')}.]`);
    return { status: 'ok', output: out.join('\n') };
  },
};

function describe(entry: WalkEntry): string {
  const link = entry.viaLink ? '  (symbolic link)' : '';
  switch (entry.kind) {
    case 'directory':
      return `${entry.display}/${link}`;
    case 'outside':
      return `${entry.display}  (symbolic link to a place outside the workspace; not followed)`;
    case 'broken':
      return `${entry.display}  (broken symbolic link)`;
    case 'unreadable':
      return `${entry.display}/  (could not be read)`;
    case 'other':
      return `${entry.display}  (not a regular file)`;
    default:
      return `${entry.display}${link}`;
  }
}
