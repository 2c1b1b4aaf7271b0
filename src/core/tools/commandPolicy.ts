/**
 * Which shell commands agents may run. A command runs only when it is on the allowlist exactly, or
 * when the person approves it; instructions an agent read in the workspace never widen this.
 */

/** The command policy of a run. */
export interface CommandPolicy {
  /** Commands that run without asking, matched exactly (see `normalizeCommand`). */
  readonly allowlist: readonly string[];
  /** Asks the person about a command not on the allowlist; absent means "refuse". */
  approve?(command: string, cwd: string): Promise<boolean>;
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
 * Whether the command is on the allowlist. Exact match only — no prefixes, no globs — because a
 * shell line can chain anything after an allowed start (`npm test && rm -rf /`).
 */
export function isAllowed(policy: Pick<CommandPolicy, 'allowlist'>, command: string): boolean {
  const wanted = normalizeCommand(command);
  if (wanted === '' || /[\r\n]/.test(wanted)) return false;
  return policy.allowlist.some((entry) => normalizeCommand(entry) === wanted);
}
