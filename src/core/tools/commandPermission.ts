/**
 * Whether a shell command may run in a folder: the allowlist lets it run there without asking, or
 * the person approves it, seeing the exact command made visible and the folder. One decision for
 * run_command and the improve loop's test gate, so a command runs on the same terms whoever asks.
 */
import * as path from 'node:path';
import type { SandboxResolution, WorkspaceSandbox } from '../workspace/sandbox';
import { commandApproval, tooLongToShow } from './commandApproval';
import { allowedFolders } from './commandPolicy';
import type { ToolContext } from './tool';

type Resolved = Extract<SandboxResolution, { ok: true }>;

/** Who asks to run what, where: `where` already resolved by the sandbox, `shownCwd` as tools show it. */
export interface CommandAsk {
  readonly context: Pick<ToolContext, 'agent' | 'sandbox' | 'commands' | 'signal'>;
  readonly command: string;
  readonly where: Resolved;
  readonly shownCwd: string;
}

/** Why the command may not run there (for the model or the record), or undefined when it may. */
export async function commandRefusal({ context, command, where, shownCwd }: CommandAsk): Promise<string | undefined> {
  const folders = allowedFolders(context.commands, command);
  if (await allowedIn(context.sandbox, folders, where)) return undefined;
  return askPerson(context, command, where, shownCwd, folders.length > 0);
}

/**
 * Whether one of the allowlist's folders for the command is where it would run. `'.'` is the root of
 * any workspace folder; a named folder is resolved like any tool path, so `./pkg/`, `pkg` and a
 * symbolic link to it are the same place — and a model-chosen `node_modules/dep` is none of them.
 */
async function allowedIn(sandbox: WorkspaceSandbox, folders: readonly string[], where: Resolved): Promise<boolean> {
  for (const folder of folders) {
    if (folder === '.') {
      if (where.relative === '.') return true;
      continue;
    }
    const named = await sandbox.resolve(folder);
    if (named.ok && named.path === where.path) return true;
  }
  return false;
}

/** Asks the person; returns why the command did not run, or undefined when they approved it. */
async function askPerson(context: CommandAsk['context'], command: string, where: Resolved, shownCwd: string, allowlistedElsewhere: boolean): Promise<string | undefined> {
  const quoted = JSON.stringify(command);
  const notHere = allowlistedElsewhere
    ? `The command ${quoted} is on the allowlist only for a workspace folder's root or the folder its entry names, not for ${shownCwd}`
    : `The command ${quoted} is not on the allowlist`;
  if (!context.commands.approve) return `${notHere} and not approved, so it did not run.`;
  const request = commandApproval({ agent: context.agent, command, cwd: where.relative, toolCwd: shownCwd, folder: path.basename(where.folder), allowlistedElsewhere });
  const tooLong = tooLongToShow(request);
  if (tooLong !== undefined) return `${notHere}, and it did not run: the person was not asked: ${tooLong}.`;
  const outcome = await context.commands.approve(request, context.signal);
  if (outcome.answer === 'run') return undefined;
  if (outcome.answer === 'always') {
    // Only what was shown exactly is remembered; otherwise "always" is a yes for this once.
    if (request.allowlistEntry) context.commands.remember?.(request.allowlistEntry);
    return undefined;
  }
  if (outcome.answer === 'not-asked') return `${notHere}, and it did not run: the person was not asked: ${outcome.reason}.`;
  return `${notHere} and not approved: the person declined to run it in ${shownCwd}, so it did not run.`;
}
