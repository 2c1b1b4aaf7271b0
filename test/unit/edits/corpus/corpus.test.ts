/**
 * The edit corpus: hundreds of cases, hand-written and generated, each played through Nova's change
 * model (record a proposal with `fileChange`, accept with `applyHunks`). Every accept must leave
 * exactly the expected text or report the conflict the case expects: 0 silent misapplies.
 */
import * as assert from 'node:assert/strict';
import { runCase, type EditCase, type Outcome } from './editCase';
import { generatedCases } from './generated';
import { handWrittenCases } from './handWritten';

const cases: EditCase[] = [...handWrittenCases, ...generatedCases(240)];

describe('edits: the corpus of edit cases', () => {
  const results = cases.map((testCase) => ({ testCase, result: runCase(testCase) }));

  after(() => {
    // What the corpus covered, for whoever reads the test log.
    const table = new Map<string, Map<Outcome, number>>();
    for (const { testCase, result } of results) {
      const row = table.get(testCase.category) ?? new Map<Outcome, number>();
      for (const outcome of result.outcomes) row.set(outcome, (row.get(outcome) ?? 0) + 1);
      table.set(testCase.category, row);
    }
    const counted = (category: string) => results.filter((entry) => entry.testCase.category === category).length;
    console.log(`\n      ${cases.length} edit cases (${handWrittenCases.length} hand-written), ${results.reduce((sum, entry) => sum + entry.result.misapplies.length, 0)} silent misapplies`);
    for (const [category, row] of [...table].sort(([a], [b]) => a.localeCompare(b))) {
      console.log(`      ${String(counted(category)).padStart(4)}  ${category}: ${[...row].map(([outcome, count]) => `${count} ${outcome}`).join(', ')}`);
    }
  });

  it('has at least 200 cases, and covers every category the issue names', () => {
    assert.ok(cases.length >= 200, `${cases.length} cases`);
    const categories = new Set(cases.map((testCase) => testCase.category));
    for (const category of ['line endings', 'whitespace', 'unicode', 'bom', 'final newline', 'empty and missing', 'overlap and adjacency', 'top and bottom', 'changed under a proposal', 'deleted or renamed', 'two change sets', 'ambiguous', 'legacy']) {
      assert.ok(categories.has(category), category);
    }
    for (const outcome of ['exact', 'rebased', 'superseded', 'conflict', 'partial'] as const) {
      assert.ok(results.some((entry) => entry.result.outcomes.includes(outcome)), `no case comes out ${outcome}`);
    }
  });

  it('0 silent misapplies: every accept leaves exactly the expected text', () => {
    const misapplied = results.filter((entry) => entry.result.misapplies.length > 0);
    assert.deepEqual(misapplied.map((entry) => `${entry.testCase.category} — ${entry.testCase.name}: ${entry.result.misapplies.join('; ')}`), []);
  });

  it('every conflict, already-applied hunk and rebase is the one expected; edits stay within their hunks', () => {
    const wrong = results.filter((entry) => entry.result.problems.length > 0);
    assert.deepEqual(wrong.map((entry) => `${entry.testCase.category} — ${entry.testCase.name}: ${entry.result.problems.join('; ')}`), []);
  });
});
