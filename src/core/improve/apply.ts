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
import type { ProtectedAttempt } from './record';
import type { ImproveWorktree } from './worktree';

/** What the loop needs of the protection rules (ImproveProtection): why a path is protected, and whether it is in the scope. */
export interface PathRules {
  /** Why `path` (workspace-relative) may not be written, or undefined when it may. */
  reason(path: string): string | undefined;
  inScope(path: string): boolean;
}

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
  rules: PathRules,
  proposal: { readonly agent: string; readonly value: ChangeProposal } | undefined,
  trace: ApplyTrace,
): Promise<ApplyOutcome> {
  const attempts: ProtectedAttempt[] = [];
  const refuse = (attempt: ProtectedAttempt) => {
    attempts.push(attempt);
    trace.recorder.record('protected_write', trace.parentSpanId, { agent: attempt.agent, attempt });
  };
  const prefix = worktree.place.folderPrefix === '' ? '' : `${worktree.place.folderPrefix}/`;
  for (const topPath of await worktree.changedSinceCommit()) {
    const path = topPath.startsWith(prefix) ? topPath.slice(prefix.length) : undefined;
    const reason = path === undefined ? 'outside the workspace folder' : refusalOf(rules, path);
    if (reason === undefined) continue;
    await worktree.restoreFromBase(topPath);
    refuse({ agent: 'command', path: path ?? topPath, reason, via: 'command' });
  }

  const problems: string[] = [];
  const written: string[] = [];
  if (proposal) {
    const sandbox = await WorkspaceSandbox.create([worktree.root], nodeWorkspaceFiles);
    for (const file of proposal.value.files) {
      const reason = refusalOf(rules, file.path);
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

/** Why the run may not change `path`: protected (the rules' reason), or outside the scope. */
function refusalOf(rules: PathRules, path: string): string | undefined {
  return rules.reason(path) ?? (rules.inScope(path) ? undefined : 'outside the improve scope');
}
