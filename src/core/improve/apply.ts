/**
 * The apply phase: the team's change goes into the worktree's files, and only where it may. A
 * proposal's file outside the scope or on a protected path is refused (a `protected_write` span and
 * a ProtectedAttempt), whatever else the proposal says; so is a file a command changed in the
 * worktree (run_command in the agents phase), which is put back as it is at the base. Every path is
 * resolved through a sandbox on the worktree, so a link (the node_modules links among them) never
 * carries a write out of it.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeProposal } from '../contracts';
import { applyHunks } from '../edits/placement';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import type { TraceRecorder } from '../trace/recorder';
import { WorkspaceSandbox } from '../workspace/sandbox';
import { classifyWorktreeChanges, type ImproveProtection } from './protection';
import type { ProtectedAttempt } from './record';
import type { ImproveWorktree } from './worktree';

/** What applying did: the attempts refused, and the hunks that could not be placed (one line each). */
export interface ApplyOutcome {
  readonly attempts: readonly ProtectedAttempt[];
  readonly problems: readonly string[];
  /** Workspace-relative paths written from the proposal. */
  readonly written: readonly string[];
}

/** Where refusals are traced: the apply phase's span in the run's recorder. */
export interface ApplyTrace {
  readonly recorder: TraceRecorder;
  readonly parentSpanId: string;
}

/**
 * Checks what commands changed in the worktree (restoring what they may not change), then writes
 * `proposal` (by `agent`) into it. Nothing is committed here.
 */
export async function applyToWorktree(
  worktree: ImproveWorktree,
  rules: ImproveProtection,
  proposal: { readonly agent: string; readonly value: ChangeProposal } | undefined,
  trace: ApplyTrace,
): Promise<ApplyOutcome> {
  const attempts: ProtectedAttempt[] = [];
  const refuse = (attempt: ProtectedAttempt) => {
    attempts.push(attempt);
    trace.recorder.record('protected_write', trace.parentSpanId, { agent: attempt.agent, attempt });
  };
  const prefix = worktree.place.folderPrefix === '' ? '' : `${worktree.place.folderPrefix}/`;
  const changed = await worktree.changedSinceCommit();
  for (const topPath of changed.filter((path) => !path.startsWith(prefix))) {
    await worktree.restoreFromBase(topPath);
    refuse({ agent: 'command', path: topPath, reason: `${JSON.stringify(topPath)} is outside the workspace folder`, via: 'command' });
  }
  const inFolder = changed.filter((path) => path.startsWith(prefix)).map((path) => path.slice(prefix.length));
  for (const attempt of classifyWorktreeChanges(inFolder, rules).refused) {
    await worktree.restoreFromBase(`${prefix}${attempt.path}`);
    refuse(attempt);
  }

  const problems: string[] = [];
  const written: string[] = [];
  if (proposal) {
    const sandbox = await WorkspaceSandbox.create([worktree.root], nodeWorkspaceFiles);
    for (const file of proposal.value.files) {
      const reason = rules.refusal(file.path);
      if (reason !== undefined) {
        refuse({ agent: proposal.agent, path: file.path, reason, via: 'proposal' });
        continue;
      }
      const resolved = await sandbox.resolve(file.path);
      if (!resolved.ok) {
        refuse({ agent: proposal.agent, path: file.path, reason: resolved.reason, via: 'proposal' });
        continue;
      }
      const current = await sandbox.readResolved(resolved.path, Number.MAX_SAFE_INTEGER);
      if (!current.ok && current.problem !== 'missing') {
        problems.push(`${file.path} was not changed: ${current.reason}`);
        continue;
      }
      const applied = applyHunks(current.ok ? current.text : undefined, file);
      for (const conflict of applied.conflicts) problems.push(`${file.path}: hunk ${conflict.hunk + 1} (line ${conflict.startLine}) was not applied: ${conflict.reason}`);
      if (applied.placed.length === 0) continue;
      await mkdir(dirname(resolved.path), { recursive: true });
      await writeFile(resolved.path, applied.text);
      written.push(file.path);
    }
  }
  return { attempts, problems, written };
}
