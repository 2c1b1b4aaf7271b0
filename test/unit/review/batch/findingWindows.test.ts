import * as assert from 'node:assert/strict';
import { findingWindows } from '../../../../src/core/review/batch/findingWindows';

const text = Array.from({ length: 30 }, (_, index) => `line ${index + 1}`).join('\n');
const at = (startLine: number, endLine = startLine, startColumn = 0, endColumn = 6) => ({ startLine, startColumn, endLine, endColumn });

describe('findingWindows: the lines around findings, not the whole file', () => {
  it('shows a few lines either side of each finding, merges windows that touch, and marks the gaps', () => {
    const shown = findingWindows(text, [at(5), at(8), at(25)], [], { radius: 2 });
    assert.equal(shown, ['…', ' 3 | line 3', ' 4 | line 4', ' 5 | line 5', ' 6 | line 6', ' 7 | line 7', ' 8 | line 8', ' 9 | line 9', '10 | line 10', '…', '23 | line 23', '24 | line 24', '25 | line 25', '26 | line 26', '27 | line 27', '…'].join('\n'));
  });

  it('masks a flagged credential, on one line or across lines, keeping its first characters', () => {
    const source = ["const key = 'AKIA1234567890ABCDEF';", 'const pem = `-----BEGIN PRIVATE KEY-----', 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASC', '-----END PRIVATE KEY-----`;', 'use(key, pem);'].join('\n');
    const shown = findingWindows(source, [at(1), at(2)], [at(1, 1, 12, 34), at(2, 4, 12, 26)]);
    assert.equal(shown, ["1 | const key = 'AKI⟨masked⟩;", '2 | const pem = `---⟨masked⟩', '3 | ⟨masked⟩', '4 | ⟨masked⟩;', '5 | use(key, pem);'].join('\n'));
  });
});
