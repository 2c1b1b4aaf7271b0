import * as assert from 'node:assert/strict';
import type { ChangeSet, ChangeSource } from '../../../src/core/edits/changeSet';
import { changeSetLabel, clipped, fixSummary, hunkLabel, labelWidth, sourceLabel, timeAgo } from '../../../src/core/edits/changeSetLabels';
import { newChangeSet } from '../../../src/core/edits/newChangeSet';

function changeSet(source: ChangeSource, summary: string, paths: readonly string[]): ChangeSet {
  const files = paths.map((path) => ({ path, hunks: [{ startLine: 1, before: 'let x = 1;', after: '', rationale: 'unused' }] }));
  return newChangeSet('cs-1', 0, source, { summary, rationale: 'why', files, risks: [] }, new Map(paths.map((path) => [path, 'let x = 1;\n'])));
}

const fix = (title: string, path = 'src/board.ts'): ChangeSource => ({ kind: 'fix', rule: 'ts-6133', path, line: 1, title });
const agent: ChangeSource = { kind: 'agent', agent: 'refactorer', runId: 'run-1' };

// The Proposals view at the default sidebar width shows about 40 characters of a label.
describe('change set labels in the Proposals view', () => {
  it('lead with the file name and a quick fix in a few words, not TypeScript’s whole title', () => {
    assert.equal(changeSetLabel(changeSet(fix("Remove unused declaration for: 'x'"), "Remove unused declaration for: 'x'", ['src/board.ts'])), 'board.ts: unused "x"');
    assert.equal(changeSetLabel(changeSet(fix("Remove unused declarations for: 'a', 'b'"), 't', ['src/board.ts'])), 'board.ts: unused "a", "b"');
    assert.equal(changeSetLabel(changeSet(fix("Remove import from './util'"), 't', ['src/report.ts'])), 'report.ts: unused import "./util"');
    assert.equal(changeSetLabel(changeSet(fix('Remove unreachable code'), 't', ['src/a.ts'])), 'a.ts: unreachable code');
    assert.equal(changeSetLabel(changeSet(fix('Add missing semicolon'), 't', ['src/a.ts'])), 'a.ts: add missing semicolon');
  });

  it('tell two fixes in the same file apart within the visible width', () => {
    const labels = ['x', 'y'].map((name) => changeSetLabel(changeSet(fix(`Remove unused declaration for: '${name}'`), 'Remove unused declaration', ['src/board.ts'])));
    assert.notEqual(labels[0], labels[1]);
    for (const label of labels) assert.ok(label.length <= labelWidth, label);
  });

  it('name an agent’s files and its summary, cut to fit, without the [offline] tag', () => {
    assert.equal(changeSetLabel(changeSet(agent, '[offline] Strict equality', ['src/board.ts', 'src/report.ts'])), 'board.ts, report.ts: Strict equality');
    const many = changeSetLabel(changeSet(agent, 'Use strict equality everywhere the ids of tasks are compared', ['src/a.ts', 'src/b.ts', 'src/c.ts']));
    assert.match(many, /^a\.ts \+2: Use strict equality/);
    assert.ok(many.length <= labelWidth && many.endsWith('…'), many);
  });

  it('say who proposed it', () => {
    assert.equal(sourceLabel(changeSet(agent, 's', ['a.ts'])), 'refactorer');
    assert.equal(sourceLabel(changeSet(fix('t', 'a.ts'), 's', ['a.ts'])), 'quick fix');
    assert.equal(sourceLabel(changeSet({ kind: 'person' }, 's', ['a.ts'])), 'you');
  });
});

describe('hunk labels', () => {
  it('show the line and its first added line, else the first removed one', () => {
    assert.equal(hunkLabel({ startLine: 12, before: '  return a == b;', after: '  return a === b;' }), 'line 12: + return a === b;');
    assert.equal(hunkLabel({ startLine: 3, before: 'import { x } from "./x";\n', after: '' }), 'line 3: − import { x } from "./x";');
    assert.equal(hunkLabel({ startLine: 1, before: '', after: '\n' }), 'line 1: (blank lines)');
    assert.ok(hunkLabel({ startLine: 1, before: '', after: 'x'.repeat(200) }).length <= labelWidth);
  });
});

describe('labels’ pieces', () => {
  it('fixSummary keeps a title it does not know, lower-cased at the start', () => {
    assert.equal(fixSummary('Convert to ES module'), 'convert to ES module');
  });
  it('clipped folds whitespace and ends a cut text with an ellipsis', () => {
    assert.equal(clipped('a\n  b', 10), 'a b');
    assert.equal(clipped('abcdefghijk', 5), 'abcd…');
  });
  it('timeAgo says when in words a person uses, then the date', () => {
    const now = Date.UTC(2026, 11, 1, 12);
    assert.equal(timeAgo(now - 5_000, now), 'just now');
    assert.equal(timeAgo(now - 5 * 60_000, now), '5 min ago');
    assert.equal(timeAgo(now - 3 * 3_600_000, now), '3 h ago');
    assert.equal(timeAgo(now - 2 * 86_400_000, now), '2 d ago');
    assert.equal(timeAgo(Date.UTC(2026, 0, 2), now), '2026-01-02');
  });
});
