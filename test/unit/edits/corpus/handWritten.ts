/**
 * The corpus's hand-written cases: each is a situation a person meets (a CRLF file, a BOM, a file
 * without a final newline, a file they edited, deleted or renamed while a proposal waited, two
 * proposals on the same lines...) with the exact text an accept must leave, written out by hand.
 */
import type { AgentHunk, EditCase, Expected, Step } from './editCase';

/** A text of whole lines, each ending with `\n` (or `eol`). */
const lf = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');
const crlf = (...lines: string[]) => lines.map((line) => `${line}\r\n`).join('');
const hunk = (startLine: number, before: string, after: string): AgentHunk => ({ startLine, before, after });

/**
 * One proposal of `hunks` against `base` (`made`: how many of its hunks conflict from the start),
 * the person's file then (`person`, when they edited it), one accept.
 */
function single(category: string, name: string, base: string | undefined, hunks: AgentHunk[] | { after: string }, expectation: Expected & { made?: number }, person?: { edit: string | undefined }): EditCase {
  const { made, ...expect } = expectation;
  const conflictsWhenMade = made ?? 0;
  const propose: Step = Array.isArray(hunks) ? { propose: 'p', hunks, conflictsWhenMade } : { propose: 'p', after: hunks.after, conflictsWhenMade };
  return { category, name, base, steps: [propose, ...(person ? [person] : []), { accept: 'p', expect }] };
}

const lines10 = Array.from({ length: 10 }, (_, index) => `line ${index + 1}`);
const ten = lf(...lines10);
const tenWith = (changes: Record<number, string | null>, extra: { top?: string[]; bottom?: string[] } = {}) =>
  lf(...(extra.top ?? []), ...lines10.flatMap((line, index) => (changes[index + 1] === null ? [] : [changes[index + 1] ?? line])), ...(extra.bottom ?? []));

/** A function body repeated: the same lines twice, so only the line number tells the copies apart. */
const block = ['  if (!value) {', '    return;', '  }', '  total += value;', '  count += 1;', '  log(total);', '  log(count);', '  return total;'];
const twice = lf('function first(value) {', ...block, '}', '', 'function second(value) {', ...block, '}');

export const handWrittenCases: EditCase[] = [
  // Line endings: untouched lines keep their own break; new lines get CRLF as soon as the file has one.
  single('line endings', 'CRLF: a line replaced', crlf('a', 'b', 'c'), [hunk(2, 'b', 'B')], { text: crlf('a', 'B', 'c') }),
  single('line endings', 'CRLF: lines added', crlf('a', 'b', 'c'), [hunk(2, 'b', 'b\nx\ny')], { text: crlf('a', 'b', 'x', 'y', 'c') }),
  single('line endings', 'CRLF: a line deleted', crlf('a', 'b', 'c'), [hunk(2, 'b', '')], { text: crlf('a', 'c') }),
  single('line endings', 'CRLF: the agent copied the \\r into before and after', crlf('a', 'b', 'c'), [hunk(2, 'b\r', 'B\r\nC\r')], { text: crlf('a', 'B', 'C', 'c') }),
  single('line endings', 'CRLF: the agent wrote its version with LF', crlf('a', 'b', 'c'), { after: lf('a', 'B', 'c') }, { text: crlf('a', 'B', 'c') }),
  single('line endings', 'CRLF without a final newline: the last line deleted', 'a\r\nb\r\nc', [hunk(3, 'c', '')], { text: 'a\r\nb' }),
  single('line endings', 'CRLF without a final newline: a line appended', 'a\r\nb', [hunk(2, 'b', 'b\nc')], { text: 'a\r\nb\r\nc' }),
  single('line endings', 'mixed: a CRLF line replaced, the LF lines untouched', 'a\r\nb\nc\r\nd\n', [hunk(3, 'c', 'C')], { text: 'a\r\nb\nC\r\nd\n' }),
  single('line endings', 'mixed: an LF line replaced gets the CRLF new lines get', 'a\r\nb\nc\r\nd\n', [hunk(2, 'b', 'B')], { text: 'a\r\nB\r\nc\r\nd\n' }),
  single('line endings', 'mixed: rebased after the person added an LF line on top', 'a\r\nb\nc\r\nd\n', [hunk(3, 'c', 'C')], { text: 'top\na\r\nb\nC\r\nd\n', rebased: 1 }, { edit: 'top\na\r\nb\nc\r\nd\n' }),
  single('line endings', 'a lone \\r inside a line is part of the line', 'a\rb\nc\n', [hunk(2, 'c', 'C')], { text: 'a\rb\nC\n' }),
  single('line endings', 'a line holding a lone \\r replaced', 'a\rb\nc\n', [hunk(1, 'a\rb', 'ab')], { text: 'ab\nc\n' }),
  single('line endings', 'U+2028 inside a line is part of the line', 'a\u2028b\nc\n', [hunk(2, 'c', 'C')], { text: 'a\u2028b\nC\n' }),
  single('line endings', 'CRLF: a deletion next to a kept blank line', crlf('a', '', 'b', 'c'), { after: lf('a', '', 'c') }, { text: crlf('a', '', 'c') }),

  // Whitespace is exact: a tab is not four spaces, trailing blanks count.
  single('whitespace', 'tabs kept', lf('\tif (x) {', '\t\treturn;', '\t}'), [hunk(2, '\t\treturn;', '\t\treturn 1;')], { text: lf('\tif (x) {', '\t\treturn 1;', '\t}') }),
  single('whitespace', 'spaces where the file has a tab: a conflict when proposed', lf('\tif (x) {', '\t\treturn;', '\t}'), [hunk(2, '        return;', 'return 1;')], { text: lf('\tif (x) {', '\t\treturn;', '\t}'), made: 1 }),
  single('whitespace', 'the person re-indented the line: a conflict', lf('a', '\tb', 'c'), [hunk(2, '\tb', '\tB')], { text: lf('a', '  b', 'c'), conflicts: 1 }, { edit: lf('a', '  b', 'c') }),
  single('whitespace', 'trailing blanks are part of the line', lf('a  ', 'b'), [hunk(1, 'a  ', 'a')], { text: lf('a', 'b') }),
  single('whitespace', 'a blank line removed between two lines', lf('a', '', '', 'b'), { after: lf('a', '', 'b') }, { text: lf('a', '', 'b') }),

  // Unicode: offsets are UTF-16 code units, as the editor counts them; nothing is normalized.
  single('unicode', 'astral characters before the hunk', lf('😀 one', '𝒳 two', 'three'), [hunk(3, 'three', '3️⃣ three')], { text: lf('😀 one', '𝒳 two', '3️⃣ three') }),
  single('unicode', 'a line of astral characters replaced', lf('😀 one', '𝒳 two', 'three'), [hunk(2, '𝒳 two', '𝒴 two')], { text: lf('😀 one', '𝒴 two', 'three') }),
  single('unicode', 'astral characters, rebased', lf('😀 one', '𝒳 two', 'three'), [hunk(3, 'three', 'THREE')], { text: lf('👩‍👩‍👧 family', '😀 one', '𝒳 two', 'THREE'), rebased: 1 }, { edit: lf('👩‍👩‍👧 family', '😀 one', '𝒳 two', 'three') }),
  single('unicode', 'a combining accent is not the precomposed letter: a conflict when proposed', lf('cafe\u0301', 'x'), [hunk(1, 'caf\u00e9', 'tea')], { text: lf('cafe\u0301', 'x'), made: 1 }),
  single('unicode', 'a combining accent matched exactly', lf('cafe\u0301', 'x'), [hunk(1, 'cafe\u0301', 'tea')], { text: lf('tea', 'x') }),
  single('unicode', 'right-to-left text and a bidi override', lf('שלום עולם', 'const s = "\u202Eevil";', 'end'), [hunk(2, 'const s = "\u202Eevil";', 'const s = "good";')], { text: lf('שלום עולם', 'const s = "good";', 'end') }),
  single('unicode', 'right-to-left lines added', lf('a', 'b'), [hunk(1, 'a', 'a\nمرحبا\nשלום')], { text: lf('a', 'مرحبا', 'שלום', 'b') }),
  single('unicode', 'the person typed astral characters on another line', lf('a', 'b', 'c', 'd', 'e'), [hunk(5, 'e', 'E')], { text: lf('a 🎉', 'b', 'c', 'd', 'E') }, { edit: lf('a 🎉', 'b', 'c', 'd', 'e') }),

  // A byte order mark belongs to the file, not to its first line.
  single('bom', 'the first line replaced; the BOM stays', '\uFEFFa\nb\n', [hunk(1, 'a', 'A')], { text: '\uFEFFA\nb\n' }),
  single('bom', 'another line replaced', '\uFEFFa\nb\n', [hunk(2, 'b', 'B')], { text: '\uFEFFa\nB\n' }),
  single('bom', 'the agent copied the BOM into before', '\uFEFFa\nb\n', [hunk(1, '\uFEFFa', 'A')], { text: '\uFEFFA\nb\n' }),
  single('bom', "the agent's version has no BOM: one hunk, not a rewrite of line 1", '\uFEFFa\nb\n', { after: 'a\nB\n' }, { text: '\uFEFFa\nB\n' }),
  single('bom', 'a line inserted on top goes after the BOM', '\uFEFFa\nb\n', [hunk(1, '', 'x')], { text: '\uFEFFx\na\nb\n' }),
  single('bom', 'BOM and CRLF, rebased', '\uFEFFa\r\nb\r\nc\r\n', [hunk(3, 'c', 'C')], { text: '\uFEFFnew\r\na\r\nb\r\nC\r\n', rebased: 1 }, { edit: '\uFEFFnew\r\na\r\nb\r\nc\r\n' }),
  single('bom', 'the editor shows the file without its BOM: the same hunk applies', '\uFEFFa\nb\nc\n', [hunk(2, 'b', 'B')], { text: 'a\nB\nc\n' }, { edit: 'a\nb\nc\n' }),

  // No final newline: the file keeps not ending with one, whatever the hunk does at its end.
  single('final newline', 'the last line replaced', 'a\nb', [hunk(2, 'b', 'B')], { text: 'a\nB' }),
  single('final newline', 'a line appended after the last', 'a\nb', [hunk(2, 'b', 'b\nc')], { text: 'a\nb\nc' }),
  single('final newline', 'lines inserted after the last (agent style)', 'a\nb', [hunk(3, '', 'c\nd')], { text: 'a\nb\nc\nd' }),
  single('final newline', 'the last line deleted', 'a\nb', [hunk(2, 'b', '')], { text: 'a' }),
  single('final newline', 'the last two lines deleted', 'a\nb\nc', [hunk(2, 'b\nc', '')], { text: 'a' }),
  single('final newline', 'every line deleted', 'a\nb', [hunk(1, 'a\nb', '')], { text: '' }),
  single('final newline', 'every line deleted, with a final newline', 'a\nb\n', [hunk(1, 'a\nb', '')], { text: '' }),
  single('final newline', 'a one-line file replaced', 'a', [hunk(1, 'a', 'b')], { text: 'b' }),
  single('final newline', 'the line before the last replaced and the last deleted, accepted together', 'p\na', [hunk(1, 'p', 'P'), hunk(2, 'a', '')], { text: 'P' }),
  single('final newline', 'a one-line file: its line deleted and a line added after it', 'a', [hunk(1, 'a', ''), hunk(2, '', 'new')], { text: 'new' }),
  single('final newline', 'a one-line file: a line added before it and it deleted', 'a', [hunk(1, '', 'new'), hunk(1, 'a', '')], { text: 'new' }),
  single('final newline', 'the last line deleted and a line appended, accepted together', 'p\na', [hunk(2, 'a', ''), hunk(3, '', 'new')], { text: 'p\nnew' }),
  single('final newline', 'the last line deleted after the person added a line above', 'a\nb\nc', [hunk(3, 'c', '')], { text: 'top\na\nb', rebased: 1 }, { edit: 'top\na\nb\nc' }),
  single('final newline', 'the last line deleted; the person appended a line meanwhile', 'a\nb\nc\nd', [hunk(4, 'd', '')], { text: 'a\nb\nc\ne' }, { edit: 'a\nb\nc\nd\ne' }),
  single('final newline', 'a line appended; the person appended the same line: already applied', 'a\nb\nc', { after: 'a\nb\nc\nd' }, { text: 'a\nb\nc\nd', superseded: 1 }, { edit: 'a\nb\nc\nd' }),
  single('final newline', 'a line appended; the person appended another: a conflict (which goes first is not certain)', 'a\nb\nc', { after: 'a\nb\nc\nd' }, { text: 'a\nb\nc\nmine', conflicts: 1 }, { edit: 'a\nb\nc\nmine' }),
  single('final newline', 'the last lines deleted; the person changed one of them: a conflict, not "already applied"', 'a\nb\nc\nd\ne', [hunk(4, 'd\ne', '')], { text: 'a\nb\nc\nD\ne', conflicts: 1 }, { edit: 'a\nb\nc\nD\ne' }),
  single('final newline', 'diff: the last line changed', 'x\ny\nz', { after: 'x\ny\nZ' }, { text: 'x\ny\nZ' }),

  // Empty and missing files; files a proposal creates.
  single('empty and missing', 'an empty file gets its first lines', '', [hunk(1, '', 'x\ny')], { text: 'x\ny\n' }),
  single('empty and missing', 'a file created by the proposal', undefined, [hunk(1, '', 'x\ny')], { text: 'x\ny\n' }),
  single('empty and missing', 'a file created by the proposal (diff)', undefined, { after: 'x\ny\n' }, { text: 'x\ny\n' }),
  single('empty and missing', 'the person created the file meanwhile: a conflict', undefined, [hunk(1, '', 'x')], { text: lf('mine'), conflicts: 1 }, { edit: lf('mine') }),
  single('empty and missing', 'the person created the same file meanwhile: already applied', undefined, [hunk(1, '', 'x\ny')], { text: lf('x', 'y'), superseded: 1 }, { edit: lf('x', 'y') }),
  single('empty and missing', 'a change to a file that was deleted since: a conflict', lf('a'), [hunk(1, 'a', 'A')], { text: undefined, conflicts: 1 }, { edit: undefined }),
  single('empty and missing', 'an empty file the person typed into: a conflict', '', [hunk(1, '', 'x')], { text: lf('typed'), conflicts: 1 }, { edit: lf('typed') }),
  single('empty and missing', 'a hunk with lines on a file that does not exist: a conflict when proposed', undefined, [hunk(1, 'a', 'b')], { text: undefined, made: 1 }),
  single('empty and missing', 'a file emptied by the proposal', lf('a', 'b'), { after: '' }, { text: '' }),

  // Hunks of one proposal that overlap, touch, or repeat.
  single('overlap and adjacency', 'overlapping hunks: the second is a conflict from the start', lf('a', 'b', 'c', 'd'), [hunk(2, 'b\nc', 'BC'), hunk(3, 'c', 'C')], { text: lf('a', 'BC', 'd'), made: 1 }),
  single('overlap and adjacency', 'adjacent hunks both apply', lf('a', 'b', 'c', 'd'), [hunk(2, 'b', 'B'), hunk(3, 'c', 'C')], { text: lf('a', 'B', 'C', 'd') }),
  single('overlap and adjacency', 'adjacent hunks, the person inserted a line between them', lf('a', 'b', 'c', 'd'), [hunk(2, 'b', 'B'), hunk(3, 'c', 'C')], { text: lf('a', 'B', 'mine', 'C', 'd') }, { edit: lf('a', 'b', 'mine', 'c', 'd') }),
  single('overlap and adjacency', 'adjacent hunks, the person edited the line one deletes: a conflict, not "already applied"', ten, [hunk(5, 'line 5', ''), hunk(6, 'line 6', 'LINE 6')], { text: tenWith({ 5: 'mine', 6: 'LINE 6' }), conflicts: 1 }, { edit: tenWith({ 5: 'mine' }) }),
  single('overlap and adjacency', 'two insertions at one line keep their order', lf('a', 'b'), [hunk(2, '', 'x'), hunk(2, '', 'y')], { text: lf('a', 'x', 'y', 'b') }),
  single('overlap and adjacency', 'an insertion just before a replaced line', lf('a', 'b', 'c'), [hunk(2, '', 'x'), hunk(2, 'b', 'B')], { text: lf('a', 'x', 'B', 'c') }),
  single('overlap and adjacency', 'a replaced line, then an insertion just before it', lf('a', 'b', 'c'), [hunk(2, 'b', 'B'), hunk(2, '', 'x')], { text: lf('a', 'x', 'B', 'c') }),
  single('overlap and adjacency', 'an insertion inside a replaced range: a conflict from the start', lf('a', 'b', 'c', 'd'), [hunk(2, 'b\nc', 'BC'), hunk(3, '', 'x')], { text: lf('a', 'BC', 'd'), made: 1 }),
  single('overlap and adjacency', 'the same hunk twice in one proposal is one hunk', lf('a', 'b'), [hunk(1, 'a', 'A'), hunk(1, 'a', 'A')], { text: lf('A', 'b') }),
  single('overlap and adjacency', 'the same insertion twice is one insertion, and still found after an edit', lf('a', 'b', 'c', 'd'), [hunk(3, '', 'x'), hunk(3, '', 'x')], { text: lf('top', 'a', 'b', 'x', 'c', 'd'), rebased: 1 }, { edit: lf('top', 'a', 'b', 'c', 'd') }),
  single('overlap and adjacency', 'hunks out of order in the proposal', lf('a', 'b', 'c'), [hunk(3, 'c', 'C'), hunk(1, 'a', 'A')], { text: lf('A', 'b', 'C') }),
  single('overlap and adjacency', "an agent's startLine off by two, before found once: corrected", lf('a', 'b', 'c', 'd'), [hunk(2, 'd', 'D')], { text: lf('a', 'b', 'c', 'D') }),

  // Insertions at the top and bottom.
  single('top and bottom', 'inserted at the top (agent style)', lf('a', 'b'), [hunk(1, '', 'x')], { text: lf('x', 'a', 'b') }),
  single('top and bottom', 'inserted at the top (diff)', lf('a', 'b'), { after: lf('x', 'a', 'b') }, { text: lf('x', 'a', 'b') }),
  single('top and bottom', 'appended at the bottom (agent style)', lf('a', 'b'), [hunk(3, '', 'x')], { text: lf('a', 'b', 'x') }),
  single('top and bottom', 'appended at the bottom (diff)', lf('a', 'b'), { after: lf('a', 'b', 'x') }, { text: lf('a', 'b', 'x') }),
  single('top and bottom', 'inserted at the top, the person edited the bottom', ten, [hunk(1, '', 'x')], { text: tenWith({ 10: 'END' }, { top: ['x'] }) }, { edit: tenWith({ 10: 'END' }) }),
  single('top and bottom', 'appended at the bottom, the person added a line on top', ten, { after: tenWith({}, { bottom: ['x'] }) }, { text: tenWith({}, { top: ['mine'], bottom: ['x'] }), rebased: 1 }, { edit: tenWith({}, { top: ['mine'] }) }),
  single('top and bottom', 'a line added on top; the person added the same line: already applied', lf('a', 'b'), { after: lf('x', 'a', 'b') }, { text: lf('x', 'a', 'b'), superseded: 1 }, { edit: lf('x', 'a', 'b') }),
  single('top and bottom', 'the first lines deleted; the person changed one of them: a conflict', lf('a', 'b', 'c', 'd'), [hunk(1, 'a\nb', '')], { text: lf('A', 'b', 'c', 'd'), conflicts: 1 }, { edit: lf('A', 'b', 'c', 'd') }),
  single('top and bottom', 'the first line deleted; the person added a line on top: still deleted', lf('a', 'b', 'c', 'd'), [hunk(1, 'a', '')], { text: lf('mine', 'b', 'c', 'd'), rebased: 1 }, { edit: lf('mine', 'a', 'b', 'c', 'd') }),
  single('top and bottom', 'the first line deleted', ten, { after: tenWith({ 1: null }) }, { text: tenWith({ 1: null }) }),
  single('top and bottom', 'the last line deleted', ten, { after: tenWith({ 10: null }) }, { text: tenWith({ 10: null }) }),

  // The person edited the file while the proposal waited.
  single('changed under a proposal', 'lines added above: rebased', ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 5: 'LINE 5' }, { top: ['x', 'y', 'z'] }), rebased: 1 }, { edit: tenWith({}, { top: ['x', 'y', 'z'] }) }),
  single('changed under a proposal', 'lines deleted above: rebased', ten, [hunk(8, 'line 8', 'LINE 8')], { text: tenWith({ 1: null, 2: null, 8: 'LINE 8' }), rebased: 1 }, { edit: tenWith({ 1: null, 2: null }) }),
  single('changed under a proposal', 'a line edited far below: placed where it was', ten, [hunk(2, 'line 2', 'LINE 2')], { text: tenWith({ 2: 'LINE 2', 10: 'ten' }), rebased: 0 }, { edit: tenWith({ 10: 'ten' }) }),
  single('changed under a proposal', "the hunk's own line edited: a conflict", ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 5: 'line five' }), conflicts: 1 }, { edit: tenWith({ 5: 'line five' }) }),
  single('changed under a proposal', 'a context line edited: a conflict', ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 3: 'line three' }), conflicts: 1 }, { edit: tenWith({ 3: 'line three' }) }),
  single('changed under a proposal', 'a line typed inside the context: a conflict', ten, [hunk(5, 'line 5', 'LINE 5')], { text: lf(...lines10.slice(0, 5), 'typed', ...lines10.slice(5)), conflicts: 1 }, { edit: lf(...lines10.slice(0, 5), 'typed', ...lines10.slice(5)) }),
  single('changed under a proposal', 'a line edited just outside the context: applies', ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 1: 'one', 5: 'LINE 5', 9: 'nine' }) }, { edit: tenWith({ 1: 'one', 9: 'nine' }) }),
  single('changed under a proposal', 'the person made the same change: already applied', ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 5: 'LINE 5' }), superseded: 1 }, { edit: tenWith({ 5: 'LINE 5' }) }),
  single('changed under a proposal', 'the person made the same deletion: already applied', ten, [hunk(5, 'line 5', '')], { text: tenWith({ 5: null }), superseded: 1 }, { edit: tenWith({ 5: null }) }),
  single('changed under a proposal', 'three hunks, the person edited next to one: that one conflicts, the others apply', lf(...Array.from({ length: 30 }, (_, index) => `l${index + 1}`)),
    [hunk(3, 'l3', 'L3'), hunk(15, 'l15', 'L15'), hunk(27, 'l27', 'L27')],
    { text: lf(...Array.from({ length: 30 }, (_, index) => (index === 2 ? 'L3' : index === 15 ? 'typed' : index === 26 ? 'L27' : `l${index + 1}`))), conflicts: 1 },
    { edit: lf(...Array.from({ length: 30 }, (_, index) => (index === 15 ? 'typed' : `l${index + 1}`))) }),
  single('changed under a proposal', 'the person replaced the whole file: a conflict', ten, [hunk(5, 'line 5', 'LINE 5')], { text: lf('something', 'else'), conflicts: 1 }, { edit: lf('something', 'else') }),
  single('changed under a proposal', 'the person changed the file and changed it back: exact', ten, [hunk(5, 'line 5', 'LINE 5')], { text: tenWith({ 5: 'LINE 5' }), rebased: 0 }, { edit: ten }),

  // A file deleted or renamed (missing at its old path) while the proposal waited.
  single('deleted or renamed', 'deleted: a conflict, nothing recreated', ten, [hunk(5, 'line 5', 'LINE 5')], { text: undefined, conflicts: 1 }, { edit: undefined }),
  single('deleted or renamed', 'renamed away: missing at the old path, a conflict', lf('a'), { after: lf('A') }, { text: undefined, conflicts: 1 }, { edit: undefined }),
  single('deleted or renamed', 'emptied: a conflict', ten, [hunk(5, 'line 5', 'LINE 5')], { text: '', conflicts: 1 }, { edit: '' }),
  {
    category: 'deleted or renamed',
    name: 'deleted, then restored as it was: exact',
    base: ten,
    steps: [{ propose: 'p', hunks: [hunk(5, 'line 5', 'LINE 5')] }, { edit: undefined }, { edit: ten }, { accept: 'p', expect: { text: tenWith({ 5: 'LINE 5' }) } }],
  },

  // Two pending change sets on the same lines.
  {
    category: 'two change sets',
    name: 'the same change twice: accept one, the other is superseded',
    base: ten,
    steps: [
      { propose: 'a', hunks: [hunk(5, 'line 5', 'LINE 5')] },
      { propose: 'b', hunks: [hunk(5, 'line 5', 'LINE 5')] },
      { accept: 'a', expect: { text: tenWith({ 5: 'LINE 5' }) } },
      { accept: 'b', expect: { text: tenWith({ 5: 'LINE 5' }), superseded: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'different changes to the same line: the second conflicts',
    base: ten,
    steps: [
      { propose: 'a', hunks: [hunk(5, 'line 5', 'LINE 5')] },
      { propose: 'b', hunks: [hunk(5, 'line 5', 'line five')] },
      { accept: 'a', expect: { text: tenWith({ 5: 'LINE 5' }) } },
      { accept: 'b', expect: { text: tenWith({ 5: 'LINE 5' }), conflicts: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'the same deletion twice: the second is superseded',
    base: ten,
    steps: [
      { propose: 'a', after: tenWith({ 4: null, 5: null }) },
      { propose: 'b', after: tenWith({ 4: null, 5: null }) },
      { accept: 'b', expect: { text: tenWith({ 4: null, 5: null }) } },
      { accept: 'a', expect: { text: tenWith({ 4: null, 5: null }), superseded: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'one set adds lines above the other: the other is rebased',
    base: ten,
    steps: [
      { propose: 'a', hunks: [hunk(1, 'line 1', 'line 1\nx\ny')] },
      { propose: 'b', hunks: [hunk(8, 'line 8', 'LINE 8')] },
      { accept: 'a', expect: { text: lf('line 1', 'x', 'y', ...lines10.slice(1)) } },
      { accept: 'b', expect: { text: lf('line 1', 'x', 'y', ...lines10.slice(1, 7), 'LINE 8', 'line 9', 'line 10'), rebased: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'one set deletes the lines the other changes: a conflict',
    base: ten,
    steps: [
      { propose: 'a', after: tenWith({ 4: null, 5: null, 6: null }) },
      { propose: 'b', hunks: [hunk(5, 'line 5', 'LINE 5')] },
      { accept: 'a', expect: { text: tenWith({ 4: null, 5: null, 6: null }) } },
      { accept: 'b', expect: { text: tenWith({ 4: null, 5: null, 6: null }), conflicts: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'overlapping sets: one of two hunks already there, the other conflicts',
    base: ten,
    steps: [
      { propose: 'a', hunks: [hunk(2, 'line 2', 'LINE 2'), hunk(9, 'line 9', 'LINE 9')] },
      { propose: 'b', hunks: [hunk(2, 'line 2', 'LINE 2'), hunk(8, 'line 8', 'eight')] },
      { accept: 'a', expect: { text: tenWith({ 2: 'LINE 2', 9: 'LINE 9' }) } },
      { accept: 'b', expect: { text: tenWith({ 2: 'LINE 2', 9: 'LINE 9' }), superseded: 1, conflicts: 1 } },
    ],
  },
  {
    category: 'two change sets',
    name: 'hunks accepted one at a time from one set',
    base: ten,
    steps: [
      { propose: 'a', hunks: [hunk(2, 'line 2', 'LINE 2\nextra'), hunk(6, 'line 6', 'LINE 6'), hunk(9, 'line 9', '')] },
      { accept: 'a', only: [1], expect: { text: tenWith({ 6: 'LINE 6' }) } },
      { accept: 'a', only: [0], expect: { text: tenWith({ 2: 'LINE 2\nextra', 6: 'LINE 6' }) } },
      { accept: 'a', expect: { text: tenWith({ 2: 'LINE 2\nextra', 6: 'LINE 6', 9: null }), rebased: 1 } },
    ],
  },

  // Lines the file holds more than once: which copy is meant is certain only when the file is unchanged.
  single('ambiguous', 'a repeated block, the file unchanged: exact at the line proposed', twice, [hunk(16, '  total += value;', '  total += 2 * value;')], { text: twice.replace(/(second[\s\S]*?)total \+= value;/, '$1total += 2 * value;') }),
  single('ambiguous', 'a repeated block, the file changed: a conflict', twice, [hunk(16, '  total += value;', '  total += 2 * value;')], { text: `// header\n${twice}`, conflicts: 1 }, { edit: `// header\n${twice}` }),
  single('ambiguous', "an agent's startLine off and before found twice: a conflict when proposed", twice, [hunk(1, '  total += value;', '  total += 2 * value;')], { text: twice, made: 1 }),
  single('ambiguous', 'a change at the distinct line of a repeated block, rebased', twice, [hunk(12, 'function second(value) {', 'function second(value = 0) {')], { text: `// header\n${twice.replace('second(value)', 'second(value = 0)')}`, rebased: 1 }, { edit: `// header\n${twice}` }),
  single('ambiguous', 'blank lines: a diff anchors on lines that tell them apart', lf('a', '', 'b', '', 'c'), { after: lf('a', '', 'b', 'c') }, { text: lf('x', 'a', '', 'b', 'c'), rebased: 1 }, { edit: lf('x', 'a', '', 'b', '', 'c') }),
  single('ambiguous', 'a closing brace everywhere, the file changed: a conflict', lf('}', '}', '}', '}', '}', '}', '}', '}', '}'), [hunk(5, '}', '};')], { text: lf('x', '}', '}', '}', '}', '}', '}', '}', '}', '}'), conflicts: 1 }, { edit: lf('x', '}', '}', '}', '}', '}', '}', '}', '}', '}') }),

  // Proposals stored by an older Nova: no base, no context — exactly at startLine, or a conflict.
  ...[
    { name: 'unchanged file: applies', edit: ten, expect: { text: tenWith({ 5: 'LINE 5' }) } },
    { name: 'lines added above: a conflict, not a guess', edit: tenWith({}, { top: ['x'] }), expect: { text: tenWith({}, { top: ['x'] }), conflicts: 1 } },
    { name: 'changed below, the line still there: taken at its word', edit: tenWith({ 9: 'nine' }), expect: { text: tenWith({ 5: 'LINE 5', 9: 'nine' }) } },
    { name: 'the file deleted: a conflict', edit: undefined, expect: { text: undefined, conflicts: 1 } },
  ].map(({ name, edit, expect }): EditCase => ({
    category: 'legacy',
    name: `a legacy record, ${name}`,
    base: ten,
    steps: [{ propose: 'p', hunks: [hunk(5, 'line 5', 'LINE 5')] }, { legacy: 'p' }, { edit }, { accept: 'p', expect }],
  })),
];
