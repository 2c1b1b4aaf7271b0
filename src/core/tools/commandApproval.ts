/**
 * The question put to the person before a command the allowlist does not cover runs: one value,
 * built here, sent by the server to the editor as is (`nova/command.approve`) and shown there —
 * the exact command, made visible, with the folder it would run in.
 */
import { z } from 'zod';
import { visibleCommand } from './visibleCommand';

/** What the person is asked to approve. */
export const CommandApproval = z.strictObject({
  /** The agent that wants to run it. */
  agent: z.string().min(1),
  /** The command exactly as the agent gave it (what would run). */
  command: z.string().min(1),
  /** The command with every character that does not print as itself made visible (see visibleCommand.ts). */
  visibleCommand: z.string().min(1),
  /** What had to be made visible, in words (empty for a plain command). */
  hidden: z.array(z.string()),
  /** The working directory relative to its workspace folder (`.` for the root), made visible. */
  cwd: z.string().min(1),
  /** The name of the workspace folder it is in, made visible. */
  folder: z.string(),
  /** The command is on the allowlist, but not for this folder. */
  allowlistedElsewhere: z.boolean(),
  /**
   * What "Always allow in this workspace" adds to the allowlist: this command in this folder (the
   * folder as a tool path names it). Absent when anything had to be made visible or the command
   * spans lines: what is remembered must be exactly what was shown, and an allowlist entry is one line.
   */
  allowlistEntry: z.strictObject({ command: z.string().min(1), cwd: z.string().min(1) }).optional(),
});
export type CommandApproval = z.infer<typeof CommandApproval>;

/** The person's answer: run it this once, don't, or run it and from now on in this folder without asking. */
export const ApprovalAnswer = z.enum(['run', 'deny', 'always']);
export type ApprovalAnswer = z.infer<typeof ApprovalAnswer>;

/** How asking went: answered, or the person could not be asked (and why, for the model). */
export type ApprovalOutcome = { readonly answer: ApprovalAnswer } | { readonly answer: 'not-asked'; readonly reason: string };

/**
 * The most a dialog shows in full. A longer command is refused without asking: a person approves
 * only what they could read to the end, and a dialog taller than the screen would hide the rest.
 */
export const approvalLimits = { chars: 2000, lines: 40 } as const;

/** Why the command is too long to put to the person, or undefined when it fits. */
export function tooLongToShow(approval: CommandApproval): string | undefined {
  const chars = approval.visibleCommand.length;
  const lines = approval.visibleCommand.split('\n').length;
  if (chars <= approvalLimits.chars && lines <= approvalLimits.lines) return undefined;
  return (
    `it is ${chars} characters on ${lines} line${lines === 1 ? '' : 's'} when shown exactly, and Nova asks only about commands up to ` +
    `${approvalLimits.chars} characters and ${approvalLimits.lines} lines (what is approved must be readable to the end); put a long script in a file and run that`
  );
}

/**
 * Builds the question for `command` in `cwd` (relative to the folder named `folder`); `toolCwd` is
 * the same folder as a tool path names it (what an allowlist entry holds).
 */
export function commandApproval(request: { agent: string; command: string; cwd: string; toolCwd: string; folder: string; allowlistedElsewhere: boolean }): CommandApproval {
  const { text, hidden } = visibleCommand(request.command);
  const shownCwd = visibleCommand(request.cwd);
  const shownExactly = hidden.length === 0 && shownCwd.hidden.length === 0 && visibleCommand(request.toolCwd).hidden.length === 0 && !/[\r\n]/.test(request.command);
  return {
    agent: request.agent,
    command: request.command,
    visibleCommand: text,
    hidden: [...hidden],
    cwd: shownCwd.text,
    folder: visibleCommand(request.folder).text,
    allowlistedElsewhere: request.allowlistedElsewhere,
    ...(shownExactly ? { allowlistEntry: { command: request.command, cwd: request.toolCwd } } : {}),
  };
}
