import * as assert from 'node:assert/strict';
import { chipFiles, keptChips, maxSelectionChars, taskText } from '../../../src/extension/client/chat/chatContext';
import type { ContextChip } from '../../../src/protocol/webview/transcript';

const offered: ContextChip[] = [
  { id: 'file:src/board.ts', kind: 'file', label: 'board.ts', path: 'src/board.ts' },
  { id: 'selection:src/board.ts:12-18', kind: 'selection', label: 'board.ts:12-18', path: 'src/board.ts', startLine: 12, endLine: 18 },
  { id: 'problems:src/board.ts', kind: 'problems', label: '3 problems', path: 'src/board.ts' },
];

describe('context chips kept for a message', () => {
  it('resolves the ids the page kept against the chips offered, never a path the page names', () => {
    const { chips, stale } = keptChips(offered, ['selection:src/board.ts:12-18', 'file:/etc/passwd', 'file:src/board.ts', 'file:src/board.ts']);
    assert.deepEqual(chips.map((chip) => chip.id), ['selection:src/board.ts:12-18', 'file:src/board.ts']);
    assert.deepEqual(stale, ['file:/etc/passwd']);
    assert.deepEqual(chipFiles(chips), ['src/board.ts']);
  });

  it('writes the selection and the problems into the task, after the words', () => {
    const task = taskText(' tidy this ', {
      selection: { path: 'src/board.ts', startLine: 12, endLine: 13, text: 'const a = 1;\nconst b = ```;' },
      problems: { path: 'src/board.ts', items: [{ line: 4, severity: 'error', message: "Cannot find\n name 'x'." }] },
    });
    assert.equal(task, "tidy this\n\nSelected in src/board.ts, lines 12-13:\n````\nconst a = 1;\nconst b = ```;\n````\n\nOpen problems in src/board.ts:\n- line 4 (error): Cannot find name 'x'.");
  });

  it('clips a huge selection and says how much was left out', () => {
    const task = taskText('x', { selection: { path: 'a.ts', startLine: 1, endLine: 1, text: 'y'.repeat(maxSelectionChars + 5) } });
    assert.match(task, /… \(5 more characters not included\)/);
  });
});
