/**
 * Applies a proposal's hunks to a file's current text, each checked against its exact `before`
 * text at its line. A hunk whose context no longer matches is a conflict, never a silent misapply.
 */

export interface LineHunk {
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
}

export interface HunkConflict {
  readonly index: number;
  readonly startLine: number;
  readonly reason: string;
}

export interface AppliedHunks {
  readonly text: string;
  readonly applied: number;
  readonly conflicts: readonly HunkConflict[];
}

/** Applies hunks bottom-up (so earlier line numbers stay valid); conflicting hunks are skipped. */
export function applyHunks(text: string, hunks: readonly LineHunk[]): AppliedHunks {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const lines = text.split(/\r?\n/);
  const conflicts: HunkConflict[] = [];
  let applied = 0;
  const order = hunks.map((hunk, index) => ({ hunk, index })).sort((a, b) => b.hunk.startLine - a.hunk.startLine);
  let floor = Number.POSITIVE_INFINITY;
  for (const { hunk, index } of order) {
    const before = hunk.before === '' ? [] : hunk.before.split(/\r?\n/);
    const start = hunk.startLine - 1;
    const end = start + before.length;
    if (start > lines.length || (before.length > 0 && end > lines.length)) {
      conflicts.push({ index, startLine: hunk.startLine, reason: `line ${hunk.startLine} is past the end of the file (${lines.length} lines)` });
      continue;
    }
    if (end > floor) {
      conflicts.push({ index, startLine: hunk.startLine, reason: 'overlaps another hunk' });
      continue;
    }
    const current = lines.slice(start, end);
    if (current.join('\n') !== before.join('\n')) {
      conflicts.push({ index, startLine: hunk.startLine, reason: `the file no longer has the expected text at line ${hunk.startLine}` });
      continue;
    }
    lines.splice(start, before.length, ...(hunk.after === '' ? [] : hunk.after.split(/\r?\n/)));
    floor = start;
    applied += 1;
  }
  return { text: lines.join(eol), applied, conflicts: conflicts.sort((a, b) => a.index - b.index) };
}
