/**
 * Which shell commands agents may run. A command runs without asking only when it is on the
 * allowlist exactly and runs where its entry allows (a workspace folder's root, or the folder the
 * entry names); anything else needs the person's approval. Instructions an agent read in the
 * workspace never widen this.
 */
import { z } from 'zod';
import type { ApprovalOutcome, CommandApproval } from './commandApproval';

const commandText = z.string().refine((text) => text.trim() !== '', 'an empty command');

/**
 * One allowlist entry: a command that runs without asking in the root of a workspace folder, or
 * `{ command, cwd }`: one that runs without asking in that folder (workspace-relative, like any path
 * a tool takes) and nowhere else.
 */
export const AllowlistEntry = z.union([
  commandText,
  z.strictObject({ command: commandText, cwd: z.string().min(1, 'an empty cwd').optional() }),
]);
export type AllowlistEntry = z.infer<typeof AllowlistEntry>;

/** The command policy of a run. */
export interface CommandPolicy {
  /** Commands that run without asking, matched exactly (see `normalizeCommand`), each where its entry says. */
  readonly allowlist: readonly AllowlistEntry[];
  /** Asks the person about a command the allowlist does not let run here; absent means "refuse". */
  approve?(request: CommandApproval, signal: AbortSignal): Promise<ApprovalOutcome>;
  /**
   * The person answered "always": from now on the entry runs without asking (the server adds it to
   * its session's allowlist, which `allowlist` then includes). Absent: "always" runs it this once.
   */
  remember?(entry: NonNullable<CommandApproval['allowlistEntry']>): void;
  /** Wall-clock limit per command; 120 s when absent. */
  readonly timeoutMs?: number;
}

/** The default per-command time limit. */
export const defaultCommandTimeoutMs = 120_000;

/**
 * A command in the form compared with the allowlist: trimmed, runs of spaces and tabs collapsed.
 * Line breaks are kept: to a shell they separate commands, so `npm test\nrm -rf ~` must never
 * look like `npm test rm -rf ~`.
 */
export function normalizeCommand(command: string): string {
  return command.trim().replace(/[ \t]+/g, ' ');
}

/**
 * Where the allowlist lets `command` run without asking: one entry per match, each the folder its
 * entry names (`'.'` = the root of any workspace folder). Empty when it is not on the allowlist.
 * Exact match only — no prefixes, no globs — because a shell line can chain anything after an
 * allowed start (`npm test && rm -rf /`).
 */
export function allowedFolders(policy: Pick<CommandPolicy, 'allowlist'>, command: string): string[] {
  const wanted = normalizeCommand(command);
  if (wanted === '' || /[\r\n]/.test(wanted)) return [];
  return policy.allowlist
    .map((entry) => (typeof entry === 'string' ? { command: entry, cwd: '.' } : { command: entry.command, cwd: entry.cwd ?? '.' }))
    .filter((entry) => normalizeCommand(entry.command) === wanted)
    .map((entry) => entry.cwd);
}
