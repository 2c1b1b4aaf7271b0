/** Nova's hunk keys against the VS Code defaults on the same keys (as VS Code 1.139 lists them). */
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../../../tools/paths';
import { excludedBy } from '../../support/keybindingClash';

const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as { contributes: { keybindings: { command: string; key: string; when: string }[] } };
const when = (command: string) => manifest.contributes.keybindings.find((binding) => binding.command === command)?.when ?? '';

describe('extension: hunk keybindings', () => {
  it('give way where a VS Code default on the same key is active', () => {
    assert.equal(excludedBy(when('nova.nextHunk'), 'inlineSuggestionVisible && !editorReadonly'), true);
    assert.equal(excludedBy(when('nova.nextHunk'), 'accessibleViewIsShown && accessibleViewSupportsNavigation'), true);
    assert.equal(excludedBy(when('nova.previousHunk'), 'accessibleViewIsShown && accessibleViewSupportsNavigation'), true);
    assert.equal(excludedBy(when('nova.acceptHunk'), 'chatEdits.hasEditorModifications && editorFocus && !chatEdits.isCurrentlyBeingModified || chatEdits.hasEditorModifications && notebookEditorFocused && !chatEdits.isCurrentlyBeingModified'), true);
  });

  it('count a default as a clash unless every alternative of its when-clause is ruled out', () => {
    assert.equal(excludedBy('editorTextFocus && !a', 'a || b'), false);
    assert.equal(excludedBy('editorTextFocus && !a', ''), false, 'a default without a when-clause is always active');
    assert.equal(excludedBy('editorTextFocus && !a && !b', 'a && x || b'), true);
  });
});
