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
import { placeHunks } from './placement';
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
  // Not looked at: every hunk is taken at its word, to be checked when it is applied.
  const located = proposed.map((hunk) => (known ? located1(lines, hunk) : { start: hunk.startLine - 1 }));
  const claimed = located.map((at, index) => ({ start: at.start, end: at.start + hunkLines(proposed[index]?.before ?? '').length }));
  const seen = new Set<string>();
  const hunks: Hunk[] = [];
  proposed.forEach((hunk, index) => {
    const at = located[index] as Located;
    const id = hunkId(path, at.start + 1, hunk.before, hunk.after);
    if (seen.has(id)) return; // the same hunk twice is one hunk
    seen.add(id);
    const own = claimed[index] as { start: number; end: number };
    const others = claimed.filter((_, other) => other !== index);
    hunks.push({
      id,
      startLine: at.start + 1,
      before: hunk.before,
      after: hunk.after,
      context: at.conflict ? { above: [], below: [] } : context(lines, own, others),
      rationale: hunk.rationale,
      author,
      status: at.conflict ? 'conflict' : 'pending',
      ...(at.conflict ? { reason: at.conflict } : {}),
    });
  });
  if (!known) return { path, hunks };
  // Hunks that overlap one before them conflict: accepting both could not be exact.
  const placement = placeHunks(current, { path, hunks: hunks.filter((hunk) => hunk.status === 'pending') });
  const pending = hunks.filter((hunk) => hunk.status === 'pending');
  for (const conflict of placement.conflicts) {
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
function located1(lines: readonly string[], hunk: ProposedHunk): Located {
  const exact = placeHunks(lines.join('\n'), { path: '', hunks: [hunk] });
  if (exact.placed.length === 1) return { start: hunk.startLine - 1 };
  const before = hunkLines(hunk.before);
  const starts: number[] = [];
  if (before.length > 0) {
    for (let start = 0; start + before.length <= lines.length; start++) {
      if (before.every((line, offset) => lines[start + offset] === line)) starts.push(start);
    }
  }
  if (starts.length === 1) return { start: starts[0] as number };
  return { start: hunk.startLine - 1, conflict: exact.conflicts[0]?.reason ?? 'the hunk does not match the file' };
}

/** Up to three unchanged lines each side of `own`, stopping at another hunk's lines. */
function context(lines: readonly string[], own: { start: number; end: number }, others: readonly { start: number; end: number }[]): Hunk['context'] {
  const lowest = Math.max(0, own.start - contextLines, ...others.filter((other) => other.end <= own.start).map((other) => other.end));
  const highest = Math.min(lines.length, own.end + contextLines, ...others.filter((other) => other.start >= own.end).map((other) => other.start));
  return { above: lines.slice(lowest, own.start), below: lines.slice(own.end, Math.max(own.end, highest)) };
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
