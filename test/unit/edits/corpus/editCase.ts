/**
 * An edit case of the corpus, as data: a file, proposals made against it, the person's edits, and
 * accepts, each accept with the exact text it must leave and how many hunks must conflict or be found
 * already applied. `runCase` plays a case through Nova's one change model (`fileChange` to record a
 * proposal, `applyHunks` to accept) and reports every way the outcome differs from what the case
 * expects; a wrong text is a silent misapply, the worst outcome there is.
 */
import { hunksBetween } from '../../../../src/core/edits/lineDiff';
import { fileChange } from '../../../../src/core/edits/newChangeSet';
import { applyEdits, applyHunks, type PlaceableHunk } from '../../../../src/core/edits/placement';
import type { FileChange } from '../../../../src/core/edits/changeSet';

/** A hunk as an agent writes it (ChangeProposal's), rationale left out. */
export interface AgentHunk {
  readonly startLine: number;
  readonly before: string;
  readonly after: string;
}

/** What an accept must do: leave exactly `text`, with this many hunks in conflict and found already applied. */
export interface Expected {
  /** The file after the accept; `undefined`: it still does not exist. */
  readonly text: string | undefined;
  readonly conflicts?: number;
  readonly superseded?: number;
  /** How many placed hunks moved from their proposed line (checked only when given). */
  readonly rebased?: number;
}

export type Step =
  /** A proposal recorded against the file as it is now (`hunks` or the file the agent wants: `after`). */
  | { readonly propose: string; readonly hunks: readonly AgentHunk[]; readonly conflictsWhenMade?: number }
  | { readonly propose: string; readonly after: string; readonly conflictsWhenMade?: number }
  /** The proposal as an older Nova stored it: no base hash, no context. */
  | { readonly legacy: string }
  /** The person's file now (unsaved edits included); `undefined`: deleted, or renamed away. */
  | { readonly edit: string | undefined }
  /** Accept the proposal's pending hunks (or only the `only`-th ones, 0-based in the recorded file change). */
  | { readonly accept: string; readonly only?: readonly number[]; readonly expect: Expected };

/** One case: a file (`undefined`: it does not exist yet) and what happens to it. */
export interface EditCase {
  readonly name: string;
  readonly category: string;
  readonly base: string | undefined;
  readonly steps: readonly Step[];
}

/** How an accept came out: the words used for counting. */
export type Outcome = 'exact' | 'rebased' | 'superseded' | 'conflict' | 'partial';

/** What running a case found: the outcome of its accepts, and what went wrong (empty: nothing). */
export interface CaseResult {
  readonly outcomes: Outcome[];
  /** Accepts whose text differs from the expected one. */
  readonly misapplies: string[];
  /** Other differences: a conflict where none was expected, or none where one was, bad edits. */
  readonly problems: string[];
}

const show = (text: string | undefined) => (text === undefined ? '(no file)' : JSON.stringify(text));

export function runCase(testCase: EditCase): CaseResult {
  let current = testCase.base;
  const changes = new Map<string, { change: FileChange; statuses: string[] }>();
  const outcomes: Outcome[] = [];
  const misapplies: string[] = [];
  const problems: string[] = [];
  testCase.steps.forEach((step, index) => {
    const where = `step ${index + 1}`;
    if ('propose' in step) {
      const hunks = 'hunks' in step ? step.hunks : proposedDiff(current, step.after);
      const change = fileChange('file.txt', { text: current }, hunks.map((hunk) => ({ ...hunk, rationale: 'r' })), 'agent');
      const statuses = change.hunks.map((hunk) => hunk.status);
      const made = statuses.filter((status) => status === 'conflict').length;
      if (made !== (step.conflictsWhenMade ?? 0)) problems.push(`${where}: ${made} hunks conflict when proposed, expected ${step.conflictsWhenMade ?? 0}`);
      changes.set(step.propose, { change, statuses });
    } else if ('legacy' in step) {
      const recorded = changes.get(step.legacy);
      if (!recorded) throw new Error(`${testCase.name}: no proposal ${step.legacy}`);
      const { path, hunks } = recorded.change;
      recorded.change = { path, hunks: hunks.map((hunk) => ({ ...hunk, context: { above: [], below: [] } })) };
    } else if ('edit' in step) {
      current = step.edit;
    } else {
      const recorded = changes.get(step.accept);
      if (!recorded) throw new Error(`${testCase.name}: no proposal ${step.accept}`);
      const chosen = recorded.change.hunks.map((_, hunk) => hunk).filter((hunk) => recorded.statuses[hunk] === 'pending' && (step.only === undefined || step.only.includes(hunk)));
      const hunks = chosen.map((hunk) => recorded.change.hunks[hunk] as PlaceableHunk);
      const applied = applyHunks(current, { path: recorded.change.path, baseHash: recorded.change.baseHash, hunks });
      problems.push(...editProblems(current, applied, hunks).map((problem) => `${where}: ${problem}`));
      const result = applied.placed.length === 0 ? current : applied.text;
      const expect = step.expect;
      if (result !== expect.text) misapplies.push(`${where}: the file is ${show(result)}, expected ${show(expect.text)}`);
      const counted = (actual: number, wanted: number | undefined, what: string) => {
        if (actual !== (wanted ?? 0)) problems.push(`${where}: ${actual} ${what}, expected ${wanted ?? 0}${applied.conflicts.length > 0 ? ` (${applied.conflicts.map((conflict) => conflict.reason).join('; ')})` : ''}`);
      };
      counted(applied.conflicts.length, expect.conflicts, 'conflicts');
      counted(applied.superseded.length, expect.superseded, 'superseded');
      const rebased = applied.placed.filter((placed) => placed.rebased).length;
      if (expect.rebased !== undefined && rebased !== expect.rebased) problems.push(`${where}: ${rebased} hunks rebased, expected ${expect.rebased}`);
      outcomes.push(chosen.length === 0 || (applied.conflicts.length > 0 && applied.placed.length === 0) ? 'conflict' : applied.conflicts.length > 0 ? 'partial' : applied.placed.length === 0 ? 'superseded' : rebased > 0 ? 'rebased' : 'exact');
      for (const placed of applied.placed) recorded.statuses[chosen[placed.hunk] as number] = 'accepted';
      for (const hunk of applied.superseded) recorded.statuses[chosen[hunk] as number] = 'superseded';
      for (const conflict of applied.conflicts) recorded.statuses[chosen[conflict.hunk] as number] = 'conflict';
      current = result;
    }
  });
  return { outcomes, misapplies, problems };
}

/** The hunks a diff of the file now and the agent's version makes (what `nova run` records). */
const proposedDiff = (current: string | undefined, after: string): AgentHunk[] => hunksBetween(current ?? '', after);

/**
 * What the editor needs from the edits: they do not overlap, applied one at a time (as a
 * WorkspaceEdit does) they make the same text, and each stays within its hunk's lines — so every
 * byte outside the hunks, line breaks included, is the file's own.
 */
export function editProblems(current: string | undefined, applied: ReturnType<typeof applyHunks>, hunks: readonly PlaceableHunk[]): string[] {
  const problems: string[] = [];
  const text = current ?? '';
  const edits = applied.placed.map((placed) => placed.edit).sort((a, b) => a.start - b.start || a.end - b.end);
  for (let index = 1; index < edits.length; index++) {
    if ((edits[index] as { start: number }).start < (edits[index - 1] as { end: number }).end) problems.push(`edits overlap: ${JSON.stringify(edits[index - 1])} and ${JSON.stringify(edits[index])}`);
  }
  // Later edits first so earlier offsets stay valid; of two insertions at one place, the one listed
  // first ends up first (as in a WorkspaceEdit).
  let oneByOne = text;
  const byStart = applied.placed.map((placed, order) => ({ edit: placed.edit, order })).sort((a, b) => b.edit.start - a.edit.start || b.edit.end - a.edit.end || b.order - a.order);
  for (const { edit } of byStart) oneByOne = applyEdits(oneByOne, [edit]);
  if (applied.placed.length > 0 && oneByOne !== applied.text) problems.push(`the edits applied one by one make ${JSON.stringify(oneByOne)}, applyHunks made ${JSON.stringify(applied.text)}`);
  const starts = lineStarts(text);
  for (const placed of applied.placed) {
    const first = placed.startLine - 1;
    const from = (starts[first] ?? text.length) - 2;
    const to = starts[first + placed.lineCount] ?? text.length;
    if (placed.edit.start < Math.max(0, from) || placed.edit.end > to) problems.push(`hunk ${placed.hunk + 1}'s edit ${JSON.stringify(placed.edit)} reaches outside its lines ${placed.startLine}–${placed.startLine + placed.lineCount - 1}`);
    const before = (hunks[placed.hunk]?.before ?? '').split('\n').length;
    if ((hunks[placed.hunk]?.before ?? '') !== '' && before !== placed.lineCount) problems.push(`hunk ${placed.hunk + 1} placed over ${placed.lineCount} lines, its before has ${before}`);
  }
  return problems;
}

/** Where each line starts, counted apart from the core: after a byte order mark, and after every `\n`. */
function lineStarts(text: string): number[] {
  const starts = [text.startsWith('\uFEFF') ? 1 : 0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}
