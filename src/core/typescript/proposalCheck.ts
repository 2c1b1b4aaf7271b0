/**
 * Checks a proposed change before anyone accepts it: its hunks are applied in memory (exactly, or
 * reported as conflicts), and the project is type-checked as it is and as it would be, so the
 * errors the change introduces — in its own files or in the files that import them — are named.
 */
import { formatDiagnostic, sortDiagnostics, type CheckDiagnostic } from './diagnostics';
import { applyHunks, type HunkConflict, type PlaceableHunk } from '../edits/placement';
import type { TypeScriptProject } from './project';

/** One file of a proposal, with its absolute name in the project. */
export interface ProposedFile {
  readonly path: string;
  readonly fileName: string;
  readonly hunks: readonly PlaceableHunk[];
}

/** What a proposal would do to the project's errors. */
export interface ProposalCheck {
  readonly conflicts: readonly HunkConflict[];
  readonly errorsBefore: number;
  readonly errorsAfter: number;
  /** Errors present after the change and not before (line numbers as after the change). */
  readonly introduced: readonly CheckDiagnostic[];
  /** Errors the change removes. */
  readonly resolved: readonly CheckDiagnostic[];
}

/** Applies `files` in memory and compares the project's errors before and after. */
export function checkProposal(project: TypeScriptProject, files: readonly ProposedFile[]): ProposalCheck {
  const conflicts: HunkConflict[] = [];
  const changed = new Map<string, string>();
  for (const file of files) {
    const current = project.text(file.fileName);
    if (current === undefined) {
      conflicts.push({ path: file.path, hunk: 0, startLine: file.hunks[0]?.startLine ?? 1, reason: 'the file does not exist' });
      continue;
    }
    project.include(file.fileName);
    const applied = applyHunks(current, file);
    conflicts.push(...applied.conflicts);
    changed.set(file.fileName, applied.text);
  }
  const errors = () => project.diagnostics().filter((diagnostic) => diagnostic.severity === 'error');
  const before = errors();
  const after = project.withOverlay(changed, errors);
  return {
    conflicts,
    errorsBefore: before.length,
    errorsAfter: after.length,
    introduced: sortDiagnostics(difference(after, before)),
    resolved: sortDiagnostics(difference(before, after)),
  };
}

/**
 * Diagnostics of `a` not matched in `b`, compared by file, code and message (lines shift when a
 * change adds or removes lines above an error, so a line number does not make an error new).
 */
function difference(a: readonly CheckDiagnostic[], b: readonly CheckDiagnostic[]): CheckDiagnostic[] {
  const key = (diagnostic: CheckDiagnostic) => `${diagnostic.path}\0${diagnostic.code}\0${diagnostic.message}`;
  const remaining = new Map<string, number>();
  for (const diagnostic of b) remaining.set(key(diagnostic), (remaining.get(key(diagnostic)) ?? 0) + 1);
  return a.filter((diagnostic) => {
    const count = remaining.get(key(diagnostic)) ?? 0;
    if (count > 0) remaining.set(key(diagnostic), count - 1);
    return count === 0;
  });
}

/** The check in a few lines a model or a person can read. */
export function describeProposalCheck(check: ProposalCheck): string[] {
  const lines = [
    check.conflicts.length === 0
      ? 'Every hunk applies to the files as they are.'
      : `${check.conflicts.length} hunk(s) do not apply (conflicts):`,
    ...check.conflicts.map((conflict) => `  ${conflict.path}:${conflict.startLine}: hunk ${conflict.hunk + 1}: ${conflict.reason}`),
    `Type errors in the project: ${check.errorsBefore} before the change, ${check.errorsAfter} after it.`,
  ];
  if (check.introduced.length > 0) lines.push(`New errors the change introduces (${check.introduced.length}):`, ...check.introduced.map((d) => `  ${formatDiagnostic(d)}`));
  else lines.push('The change introduces no new type errors.');
  if (check.resolved.length > 0) lines.push(`Errors the change resolves (${check.resolved.length}):`, ...check.resolved.map((d) => `  ${formatDiagnostic(d)}`));
  return lines;
}
