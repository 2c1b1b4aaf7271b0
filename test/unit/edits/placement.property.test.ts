/**
 * Properties of placing a proposal's hunks after the person edited the file, for random texts,
 * random hunks (a diff of a random agent's version, or hunks written as an agent writes them) and
 * random edits by the person (lines typed, deleted, replaced — or the hunk's own change):
 *
 * - STRICT, every line distinct (what the person meant is never in doubt): each hunk whose lines
 *   the person left alone applies, each one they touched conflicts (or is already applied when they
 *   made its change), and the file is exactly the base with their edits and the placed hunks made
 *   at once (./corpus/oracle.ts) — every line they typed kept, in order.
 * - WEAK, few distinct lines (many equal ones: no algorithm can tell which copy was meant): a
 *   conflict, or the file with exactly one occurrence of the hunk's lines and context replaced by its
 *   result, or the file untouched because that result is already there — never part of a hunk,
 *   never a typed line lost.
 *
 * fast-check prints the seed and the shrunk case of a failure.
 */
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Hunk } from '../../../src/core/edits/changeSet';
import { hunksBetween } from '../../../src/core/edits/lineDiff';
import { fileChange } from '../../../src/core/edits/newChangeSet';
import { applyHunks } from '../../../src/core/edits/placement';
import { editProblems } from './corpus/editCase';
import { applyRegions, endsWithBreak, parseLines, typedEol, type ModelLine } from './corpus/lineModel';
import { expectedAccept, hunkWindow, type PersonEdit, type Verdict } from './corpus/oracle';

/** An edit drawn at random: at a line (taken modulo the file's length), `del` lines deleted, `add` added. */
const anEdit = fc.record({ at: fc.nat(), del: fc.nat({ max: 3 }), add: fc.nat({ max: 3 }) });
type DrawnEdit = { at: number; del: number; add: number };

/** The drawn edits as regions of `size` lines that never share or touch a line, in order. */
function regions(drawn: readonly DrawnEdit[], size: number, fresh: () => string, gap: number): PersonEdit[] {
  const result: PersonEdit[] = [];
  for (const { at, del, add } of [...drawn].sort((a, b) => (a.at % (size + 1)) - (b.at % (size + 1)))) {
    const start = at % (size + 1);
    const count = Math.min(del, size - start);
    const lines = Array.from({ length: count === 0 && add === 0 ? 1 : add }, fresh);
    const previous = result[result.length - 1];
    if (previous && start < previous.start + previous.count + gap) continue;
    result.push({ start, count, lines });
  }
  return result;
}

/** The base's lines with their breaks (the last without one when the file has no final newline). */
function modelOf(texts: readonly string[], crlf: boolean, finalNewline: boolean): ModelLine[] {
  return texts.map((text, at) => ({ text, eol: at === texts.length - 1 && !finalNewline ? '' : crlf ? '\r\n' : '\n' }));
}

const render = (lines: readonly ModelLine[]) => lines.map((line) => line.text + line.eol).join('');

/**
 * The hunks proposed: a diff of the agent's version (`drawn` made in turn; `version` is its lines),
 * or the regions as an agent's hunks.
 */
function proposed(base: readonly ModelLine[], agentStyle: boolean, drawn: readonly DrawnEdit[], fresh: () => string): { hunks: { startLine: number; before: string; after: string }[]; version?: string[] } {
  // Agent hunks may touch each other (not overlap): their context then stops at the neighbour's lines.
  if (agentStyle) return { hunks: regions(drawn, base.length, fresh, 0).map((edit) => ({ startLine: edit.start + 1, before: base.slice(edit.start, edit.start + edit.count).map((line) => line.text).join('\n'), after: edit.lines.join('\n') })) };
  const lines = base.map((line) => line.text);
  for (const { at, del, add } of drawn) lines.splice(at % (lines.length + 1), del, ...Array.from({ length: add }, fresh));
  return { hunks: hunksBetween(render(base), lines.map((line) => `${line}\n`).join('')), version: lines };
}

/** Where each typed line is in `text`, in order: all there, in the order typed. */
function keepsTyped(text: string, typed: readonly string[]): boolean {
  const lines = parseLines(text).map((line) => line.text);
  let from = 0;
  for (const line of typed) {
    const at = lines.indexOf(line, from);
    if (at < 0) return false;
    from = at + 1;
  }
  return true;
}

const record = (base: string, hunks: readonly { startLine: number; before: string; after: string }[]) =>
  fileChange('file.txt', { text: base }, hunks.map((hunk) => ({ ...hunk, rationale: 'r' })), 'agent');

describe('edits: placement properties', () => {
  it('STRICT: distinct lines — the unaffected hunks apply, the touched ones conflict, the file is exactly base + person + hunks', () => {
    const flavours = ['', '\t', ' 😀', ' e\u0301', ' שלום', '  '];
    fc.assert(
      fc.property(
        fc.record({
          size: fc.integer({ min: 1, max: 24 }),
          flavour: fc.nat(),
          crlf: fc.boolean(),
          finalNewline: fc.boolean(),
          agentStyle: fc.boolean(),
          proposal: fc.array(anEdit, { minLength: 1, maxLength: 4 }),
          person: fc.array(anEdit, { maxLength: 4 }),
          mimic: fc.oneof({ arbitrary: fc.constant(undefined), weight: 2 }, { arbitrary: fc.nat(), weight: 1 }),
        }),
        ({ size, flavour, crlf, finalNewline, agentStyle, proposal, person, mimic }) => {
          let fresh = 0;
          const base = modelOf(Array.from({ length: size }, (_, at) => `line ${at}${flavours[(flavour + at) % flavours.length]}`), crlf, finalNewline);
          const baseText = render(base);
          const { hunks: drawnHunks, version } = proposed(base, agentStyle, proposal, () => `new ${fresh++}`);
          const change = record(baseText, drawnHunks);
          const hunks = change.hunks.filter((hunk) => hunk.status === 'pending');
          fc.pre(hunks.length > 0);
          const windows = hunks.map(hunkWindow);
          let edits = regions(person, size, () => `typed ${fresh++}`, 1);
          // Sometimes the person makes one hunk's change themselves (and maybe others elsewhere).
          const copied = mimic === undefined ? undefined : windows[mimic % windows.length];
          if (copied) {
            const own = { start: copied.start, count: copied.count, lines: copied.after };
            edits = [own, ...edits.filter((edit) => edit.start + edit.count + 1 <= own.start || edit.start > own.start + own.count)].sort((a, b) => a.start - b.start);
          }
          const expected = expectedAccept(base, finalNewline, windows, edits);
          const applied = applyHunks(expected.current, { path: change.path, baseHash: change.baseHash, hunks });
          const verdicts: Verdict[] = hunks.map((_, at) =>
            applied.placed.some((placed) => placed.hunk === at) ? 'placed' : applied.superseded.includes(at) ? 'superseded' : 'conflict',
          );
          verdicts.forEach((verdict, at) => {
            const wanted = expected.verdicts[at];
            // A conflict is allowed for a hunk the person already applied; nothing else may differ.
            if (!(verdict === 'conflict' && wanted === 'superseded')) assert.equal(verdict, wanted, `hunk ${at + 1} (line ${hunks[at]?.startLine}): ${applied.conflicts.find((conflict) => conflict.hunk === at)?.reason ?? ''}`);
          });
          assert.equal(applied.text, expected.text(verdicts.flatMap((verdict, at) => (verdict === 'placed' ? [at] : []))));
          assert.ok(keepsTyped(applied.text, edits.flatMap((edit) => edit.lines).filter((line) => line.startsWith('typed'))), 'a typed line was lost or moved');
          assert.deepEqual(editProblems(expected.current, applied, hunks), []);
          // Nobody else touched the file: accepting every hunk of a diff gives exactly the agent's version.
          if (version && edits.length === 0) assert.deepEqual(parseLines(applied.text).map((line) => line.text), version);
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('WEAK: few distinct lines — a conflict, or exactly one occurrence of the hunk replaced, or already there; typed lines all kept', () => {
    const alphabet = ['a', 'b', '', '}'];
    fc.assert(
      fc.property(
        fc.record({
          texts: fc.array(fc.constantFrom(...alphabet), { minLength: 1, maxLength: 12 }),
          crlf: fc.boolean(),
          finalNewline: fc.boolean(),
          agentStyle: fc.boolean(),
          proposal: fc.array(anEdit, { minLength: 1, maxLength: 3 }),
          person: fc.array(anEdit, { maxLength: 3 }),
          chosen: fc.nat(),
          newLines: fc.array(fc.constantFrom(...alphabet, 'new'), { minLength: 8, maxLength: 8 }),
        }),
        ({ texts, crlf, finalNewline, agentStyle, proposal, person, chosen, newLines }) => {
          // A last line that is blank cannot go without a final newline: that text is the same as one with it.
          fc.pre(finalNewline || texts[texts.length - 1] !== '');
          let fresh = 0;
          const base = modelOf(texts, crlf, finalNewline);
          const change = record(render(base), proposed(base, agentStyle, proposal, () => newLines[fresh++ % newLines.length] as string).hunks);
          const pending = change.hunks.filter((hunk) => hunk.status === 'pending');
          fc.pre(pending.length > 0);
          const hunk = pending[chosen % pending.length] as Hunk;
          let typed = 0;
          const edits = regions(person, texts.length, () => `typed ${typed++}`, 1);
          const current = edits.length === 0 ? render(base) : applyRegions(base, edits.map((edit) => ({ ...edit, eol: typedEol(render(base)), order: 0 })), finalNewline);
          const applied = applyHunks(current, { path: change.path, baseHash: change.baseHash, hunks: [hunk] });
          assert.deepEqual(editProblems(current, applied, [hunk]), []);
          const typedLines = edits.flatMap((edit) => edit.lines);
          assert.ok(keepsTyped(applied.text, typedLines), 'a typed line was lost or moved');

          const lines = parseLines(current);
          const side = (text: string) => (text === '' ? [] : text.split('\n'));
          const { above, below } = hunk.context;
          const before = side(hunk.before);
          const after = side(hunk.after);
          const at = (pattern: readonly string[]) => lines.map((_, start) => start).concat(lines.length).filter((start) => start + pattern.length <= lines.length && pattern.every((line, offset) => lines[start + offset]?.text === line));
          if (applied.conflicts.length > 0) return assert.equal(applied.text, current);
          if (applied.superseded.length > 0) {
            assert.equal(applied.text, current);
            return assert.ok(at([...above, ...after, ...below]).length > 0, 'already applied, but its result is not in the file');
          }
          // Placed: at the line proposed when the file is unchanged, else at one occurrence of its lines.
          if (edits.length === 0) assert.equal(applied.placed[0]?.startLine, hunk.startLine);
          const candidates = at([...above, ...before, ...below]).map((start) =>
            applyRegions(lines, [{ start: start + above.length, count: before.length, lines: after, eol: typedEol(current), order: 0 }], endsWithBreak(current)),
          );
          assert.ok(candidates.includes(applied.text), `${JSON.stringify(applied.text)} is not ${JSON.stringify(current)} with one occurrence of the hunk replaced`);
        },
      ),
      { numRuns: 1000 },
    );
  });
});
