/**
 * The corpus's generated cases, the same every run (a seeded generator): files in LF, CRLF or mixed
 * line endings, with or without a final newline, whose lines hold tabs, astral characters, combining
 * accents and right-to-left text; a proposal (a diff of the agent's version, or hunks written as an
 * agent writes them); then the person's edits — none, far from the hunks, next to or inside them, the
 * same change as a hunk, or the file deleted. Every line is distinct, so what the person meant is
 * never in doubt, and the expected text is computed by the reference line model (./lineModel.ts):
 * a hunk whose recorded lines (its context and `before`) the person left intact applies, with every
 * other line as the person left it; one whose lines they touched conflicts (or is already applied,
 * when they made the same change).
 */
import { hunksBetween } from '../../../../src/core/edits/lineDiff';
import { fileChange } from '../../../../src/core/edits/newChangeSet';
import { seeded } from '../../../support/seeded';
import type { AgentHunk, EditCase, Expected } from './editCase';
import type { ModelLine } from './lineModel';
import { expectedAccept, hunkWindow, type HunkWindow, type PersonEdit, type Verdict } from './oracle';

/** What lines hold: code, tabs, trailing blanks, astral and combining characters, right-to-left text. */
const contents = ['const value = 1;', '\treturn total;', '\t\tif (a) {', 'text with trailing blanks  ', '// 😀 emoji', 'let 𝒳 = "astral";', 'cafe\u0301 combining', 'שלום right-to-left', 'مرحبا بالعالم', 'tab\tinside', '👩‍👩‍👧 joined', '}'];

type Pick = (below: number) => number;
const choose = <T>(pick: Pick, items: readonly T[]): T => items[pick(items.length)] as T;

const personKinds = ['none', 'far', 'near', 'inside', 'same', 'deleted'] as const;
type PersonKind = (typeof personKinds)[number];

export function generatedCases(count: number): EditCase[] {
  return Array.from({ length: count }, (_, index) => generatedCase(index));
}

function generatedCase(index: number): EditCase {
  const pick = seeded(0x5eed + index * 7919);
  const style = choose(pick, ['LF', 'CRLF', 'mixed'] as const);
  const finalNewline = pick(4) > 0;
  const size = 3 + pick(28);
  let fresh = 0;
  const line = (kind: string) => `${choose(pick, contents)} ${kind}${index}.${fresh++}`;
  const baseLines: ModelLine[] = Array.from({ length: size }, (_, at) => ({
    text: line('b'),
    eol: at === size - 1 && !finalNewline ? '' : style === 'LF' ? '\n' : style === 'CRLF' ? '\r\n' : at % 2 === 0 || pick(2) === 0 ? '\r\n' : '\n',
  }));
  const base = baseLines.map((one) => one.text + one.eol).join('');
  const agentStyle = pick(2) === 0;
  const hunks = agentStyle ? agentHunks(pick, baseLines, line) : hunksBetween(base, diffedVersion(pick, baseLines, line));
  const kind: PersonKind = choose(pick, personKinds);
  const category = `generated: ${agentStyle ? 'agent hunks' : 'diff'}, person ${kind}`;
  const name = `#${index} ${style}${finalNewline ? '' : ' without final newline'}, ${size} lines, ${hunks.length} hunks`;
  if (hunks.length === 0) throw new Error(`generated case ${index} proposes nothing`);

  // The hunks as they are recorded: where each stands and which lines find it again.
  const recorded = fileChange('file.txt', { text: base }, hunks.map((hunk) => ({ ...hunk, rationale: 'r' })), 'agent').hunks.filter((hunk) => hunk.status === 'pending');
  const windows = recorded.map(hunkWindow);
  if (kind === 'deleted') return { category, name, base, steps: [{ propose: 'p', hunks }, { edit: undefined }, { accept: 'p', expect: { text: undefined, conflicts: recorded.length } }] };

  const person = personEdits(pick, kind, size, windows, () => line('typed'));
  const { current, verdicts, text } = expectedAccept(baseLines, finalNewline, windows, person);
  const count = (verdict: Verdict) => verdicts.filter((one) => one === verdict).length;
  const expect: Expected = { text: text(verdicts.flatMap((verdict, at) => (verdict === 'placed' ? [at] : []))), conflicts: count('conflict'), superseded: count('superseded') };
  return { category, name, base, steps: [{ propose: 'p', hunks }, ...(person.length > 0 ? [{ edit: current }] : []), { accept: 'p', expect }] };
}

/** The agent's version of the file: a few lines replaced, deleted or added. */
function diffedVersion(pick: Pick, base: readonly ModelLine[], line: (kind: string) => string): string {
  const lines = base.map((one) => one.text);
  for (let edits = 1 + pick(4); edits > 0; edits--) {
    const at = pick(lines.length + 1);
    const what = pick(3);
    if (what === 0 && at < lines.length) lines.splice(at, 1 + pick(2), line('new'));
    else if (what === 1 && at < lines.length) lines.splice(at, 1 + pick(3));
    else lines.splice(at, 0, ...Array.from({ length: 1 + pick(3) }, () => line('new')));
  }
  return lines.map((one) => `${one}\n`).join('');
}

/** Hunks as an agent writes them: runs of lines with their new text, insertions with an empty before, apart from each other. */
function agentHunks(pick: Pick, base: readonly ModelLine[], line: (kind: string) => string): AgentHunk[] {
  const hunks: AgentHunk[] = [];
  let at = pick(3);
  for (let wanted = 1 + pick(3); wanted > 0 && at <= base.length; wanted--) {
    const count = Math.min(pick(4), base.length - at);
    const after = Array.from({ length: count === 0 ? 1 + pick(2) : pick(3) }, () => line('new'));
    // An agent copying from a CRLF file sometimes keeps the \r; Nova takes it off.
    const before = base.slice(at, at + count).map((one) => one.text + (one.eol === '\r\n' && pick(3) === 0 ? '\r' : ''));
    hunks.push({ startLine: at + 1, before: before.join('\n'), after: after.join('\n') });
    at += count + 1 + pick(8);
  }
  return hunks;
}

/**
 * The person's edits of a kind: `far` stays out of every hunk's lines and context, `near` touches a
 * line just next to a hunk, `inside` one of its own lines, `same` makes one hunk's change itself.
 */
function personEdits(pick: Pick, kind: PersonKind, size: number, windows: readonly HunkWindow[], typed: () => string): PersonEdit[] {
  if (kind === 'none' || windows.length === 0) return [];
  const window = choose(pick, windows);
  if (kind === 'same') return [{ start: window.start, count: window.count, lines: [...window.after] }];
  if (kind === 'inside') {
    if (window.count === 0) return [{ start: Math.max(window.from, Math.min(window.start, window.to - 1)), count: 1, lines: [typed()] }];
    return [{ start: window.start + pick(window.count), count: 1, lines: pick(3) === 0 ? [] : [typed(), typed()] }];
  }
  if (kind === 'near') {
    const edge = pick(2) === 0 ? window.from : window.to - 1;
    const start = Math.min(Math.max(edge, 0), size - 1);
    return [{ start, count: 1, lines: pick(2) === 0 ? [] : [typed()] }];
  }
  // Far: insertions, deletions and replacements in the gaps no hunk's recorded lines reach.
  const free = (start: number, count: number) =>
    windows.every((other) => (count > 0 ? start + count <= other.from || start >= other.to : (start <= other.from || start >= other.to) && !(other.top && start === 0) && !(other.end && start === size)));
  const edits: PersonEdit[] = [];
  for (let tries = 0; tries < 12 && edits.length < 3; tries++) {
    const start = pick(size + 1);
    const count = start < size ? pick(3) : 0;
    const end = Math.min(start + count, size);
    if (!free(start, end - start) || edits.some((edit) => start <= edit.start + edit.count && edit.start <= end)) continue;
    edits.push({ start, count: end - start, lines: end - start === 0 || pick(2) === 0 ? [typed(), typed()] : [] });
  }
  return edits.sort((a, b) => a.start - b.start);
}
