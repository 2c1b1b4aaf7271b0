/**
 * What "Nova: Improve…" offers and reads (src/extension/client/improve/scopeChoices.ts,
 * goalChoices.ts): the scope narrowest first from where the person is, the globs they type (and
 * why some cannot be a scope), and a goal typed as a preset's name being that preset.
 */
import * as assert from 'node:assert/strict';
import { goalOf, presetGoals } from '../../../src/extension/client/improve/goalChoices';
import { parseGlobs, scopeChoices } from '../../../src/extension/client/improve/scopeChoices';
import { improvePresets } from '../../../src/core/improve/record';

describe('Improve… scope and goal', () => {
  it('offers the current file first, then its folder, the workspace and typed globs', () => {
    const choices = scopeChoices({ relative: 'src/game/board.ts', isFolder: false });
    assert.deepEqual(
      choices.map((choice) => choice.scope),
      [['src/game/board.ts'], ['src/game/**'], ['**'], undefined],
    );
    assert.match(choices[0]?.label ?? '', /This file/);
  });

  it('offers a clicked folder itself first, and a file at the root without a folder of its own', () => {
    assert.deepEqual(scopeChoices({ relative: 'src', isFolder: true }).map((choice) => choice.scope), [['src/**'], ['**'], undefined]);
    assert.deepEqual(scopeChoices({ relative: 'index.ts', isFolder: false }).map((choice) => choice.scope), [['index.ts'], ['**'], undefined]);
    assert.deepEqual(scopeChoices({ relative: '', isFolder: true }).map((choice) => choice.scope), [['**'], undefined]);
    assert.deepEqual(scopeChoices(undefined).map((choice) => choice.scope), [['**'], undefined]);
  });

  it('reads typed globs separated by commas or spaces, and refuses ones outside the workspace folder', () => {
    assert.deepEqual(parseGlobs(' src/**/*.ts, test/board.test.ts  ./lib\\util.ts'), { globs: ['src/**/*.ts', 'test/board.test.ts', 'lib/util.ts'] });
    assert.match((parseGlobs('  , ') as { problem: string }).problem, /at least one glob/);
    assert.match((parseGlobs('src/** /etc/passwd') as { problem: string }).problem, /\/etc\/passwd is not inside the workspace folder/);
    assert.match((parseGlobs('../other/**') as { problem: string }).problem, /not inside/);
    assert.match((parseGlobs('C:/Users/x') as { problem: string }).problem, /not inside/);
  });

  it('has words for every preset of the loop, and reads a preset typed by its name or label', () => {
    assert.deepEqual(Object.keys(presetGoals).sort(), [...improvePresets].sort());
    assert.deepEqual(goalOf('Simplify'), { goal: presetGoals.simplify.goal, preset: 'simplify' });
    assert.deepEqual(goalOf('remove-dead-code'), { goal: presetGoals['remove-dead-code'].goal, preset: 'remove-dead-code' });
    assert.deepEqual(goalOf('  make board.ts shorter  '), { goal: 'make board.ts shorter' });
    assert.deepEqual(goalOf('   '), { goal: '' });
  });
});
