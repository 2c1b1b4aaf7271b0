/**
 * Making a ChangeSet from what a source proposed, against the files as they are when it is stored:
 * each file's hash is recorded, each hunk is checked against the text (an agent's `startLine` that
 * is off, with `before` found exactly once elsewhere, is corrected; a `before` found nowhere makes
 * the hunk a conflict from the start, visible rather than waiting to fail), and each hunk keeps the
 * unchanged lines around it so it can be found again after the person edits the file.
 */
import { createHash } from 'node:crypto';
import type { ChangeProposal } from '../contracts';
import type { ChangeSet, ChangeSource, FileChange, Hunk } from './changeSet';
import { hunkLines, splitText } from './lines';
import { mismatchAt, placeHunks } from './placement';
import { textHash } from './textHash';

/** Context lines kept on each side of a hunk (as many as a unified diff shows). */
const contextLines = 3;

/** Who wrote a source's hunks, as each hunk records it. */
export function authorOf(source: ChangeSource): string {
  if (source.kind === 'agent') return source.agent;
  return source.kind === 'fix' ? 'quick fix' : 'person';
}

/**
 * A new change set with every hunk `pending` (or `conflict`, saying why). `texts` holds each
 * proposed file's current text (`undefined`: it does not exist); a path it lacks was not looked at.
 */
export function newChangeSet(id: string, createdAt: number, source: ChangeSource, proposal: ChangeProposal, texts: ReadonlyMap<string, string | undefined>): ChangeSet {
  const files: FileChange[] = [];
  // An agent may name one file twice; its hunks are one file's hunks.
  for (const path of [...new Set(proposal.files.map((file) => file.path))]) {
    const hunks = proposal.files.filter((file) => file.path === path).flatMap((file) => file.hunks);
    files.push(fileChange(path, texts.has(path) ? { text: texts.get(path) } : undefined, hunks, authorOf(source)));
  }
  return { id, source, summary: proposal.summary, rationale: proposal.rationale, risks: proposal.risks, createdAt, files };
}

type ProposedHunk = ChangeProposal['files'][number]['hunks'][number];

/**
 * One file's change against its current text. `known` is the file's text (`text: undefined`: it
 * does not exist), or undefined when it could not be looked at.
 */
export function fileChange(path: string, known: { readonly text: string | undefined } | undefined, proposed: readonly ProposedHunk[], author: string): FileChange {
  const current = known?.text;
  const { lines } = splitText(current ?? '');
  // The same hunk twice is one hunk; where each is: checked against the text, unless not looked at
  // (then taken at its word, to be checked when it is applied).
  const seen = new Set<string>();
  const unique: { readonly hunk: ProposedHunk; readonly at: Located; readonly id: string; readonly lines: { start: number; end: number } }[] = [];
  for (const hunk of proposed) {
    const at = known ? located(lines, hunk) : { start: hunk.startLine - 1 };
    const id = hunkId(path, at.start + 1, hunk.before, hunk.after);
    if (seen.has(id)) continue;
    seen.add(id);
    unique.push({ hunk, at, id, lines: { start: at.start, end: at.start + hunkLines(hunk.before).length } });
  }
  const hunks = unique.map(({ hunk, at, id, lines: own }, index): Hunk => ({
    id,
    startLine: at.start + 1,
    before: hunk.before,
    after: hunk.after,
    context: at.conflict ? { above: [], below: [] } : context(lines, own, unique.filter((_, other) => other !== index).map((other) => other.lines)),
    rationale: hunk.rationale,
    author,
    status: at.conflict ? 'conflict' : 'pending',
    ...(at.conflict ? { reason: at.conflict } : {}),
  }));
  if (!known) return { path, hunks };
  // Hunks that overlap one before them conflict: accepting both could not be exact.
  const pending = hunks.filter((hunk) => hunk.status === 'pending');
  for (const conflict of placeHunks(current, { path, hunks: pending }).conflicts) {
    const hunk = pending[conflict.hunk];
    if (hunk) Object.assign(hunk, { status: 'conflict', reason: conflict.reason });
  }
  return { path, baseHash: current === undefined ? null : textHash(current), hunks };
}

interface Located {
  readonly start: number;
  readonly conflict?: string;
}

/** Where a proposed hunk is: at its `startLine`, else where `before` is found exactly once; else a conflict at `startLine`. */
function located(lines: readonly string[], hunk: ProposedHunk): Located {
  const before = hunkLines(hunk.before);
  const mismatch = mismatchAt(lines, hunk.startLine, before);
  if (mismatch === undefined) return { start: hunk.startLine - 1 };
  const starts: number[] = [];
  if (before.length > 0) {
    for (let start = 0; start + before.length <= lines.length; start++) {
      if (before.every((line, offset) => lines[start + offset] === line)) starts.push(start);
    }
  }
  if (starts.length === 1) return { start: starts[0] as number };
  return { start: hunk.startLine - 1, conflict: mismatch };
}

/**
 * Up to three unchanged lines each side of `own`, stopping at another hunk's lines (so accepting
 * that one leaves this one's context intact); and whether `own` ends the file, so that the hunk is
 * found only at the end again. Two insertions at one place do not cut each other's context: neither
 * has lines, and without context neither could be found again.
 */
function context(lines: readonly string[], own: { start: number; end: number }, all: readonly { start: number; end: number }[]): Hunk['context'] {
  const others = own.start === own.end ? all.filter((other) => other.start !== other.end || other.start !== own.start) : all;
  const lowest = Math.max(0, own.start - contextLines, ...others.filter((other) => other.end <= own.start).map((other) => other.end));
  const highest = Math.min(lines.length, own.end + contextLines, ...others.filter((other) => other.start >= own.end).map((other) => other.start));
  const below = lines.slice(own.end, Math.max(own.end, highest));
  return { above: lines.slice(lowest, own.start), below, ...(below.length === 0 && own.end === lines.length ? { endOfFile: true as const } : {}) };
}

/** A hunk's id: from its file, place and content, so the same hunk proposed twice has the same id. */
export function hunkId(path: string, startLine: number, before: string, after: string): string {
  return `h-${createHash('sha256').update(JSON.stringify([path, startLine, before, after])).digest('hex').slice(0, 12)}`;
}

/** What makes two change sets the same proposal: the same hunks in the same files. */
export function changeSetIdentity(set: Pick<ChangeSet, 'files'>): string {
  return createHash('sha256')
    .update(JSON.stringify(set.files.map((file) => [file.path, file.hunks.map((hunk) => [hunk.startLine, hunk.before, hunk.after])])))
    .digest('hex');
}
