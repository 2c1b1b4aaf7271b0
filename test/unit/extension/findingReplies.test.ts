/** The replies kept on review findings' threads: what a reloaded window shows, and the bounds. */
import * as assert from 'node:assert/strict';
import type { StateStore } from '../../../src/extension/client/workspaceCommands';
import { FindingReplies, maxRepliedFindings, maxRepliesPerFinding, maxReplyChars } from '../../../src/extension/review/findingReplies';

/** A workspaceState stand-in that stores what it is given as VS Code does (JSON). */
function memoryState(initial: Record<string, unknown> = {}): StateStore & { readonly values: Record<string, unknown> } {
  const values: Record<string, unknown> = { ...initial };
  return {
    values,
    get: (key) => values[key],
    update: async (key, value) => void (values[key] = JSON.parse(JSON.stringify(value)) as unknown),
  };
}

describe('finding replies', () => {
  it('keeps each reply by fingerprint, in order, for the next window to show', async () => {
    const state = memoryState();
    const replies = new FindingReplies(state);
    await replies.add('fp-a', 'A test key.');
    await replies.add('fp-b', 'Fixing it later.');
    await replies.add('fp-a', 'Moved to the environment now.');
    await replies.add('fp-a', '   ');
    const reloaded = new FindingReplies(state);
    assert.deepEqual(reloaded.of('fp-a'), ['A test key.', 'Moved to the environment now.']);
    assert.deepEqual(reloaded.of('fp-b'), ['Fixing it later.']);
    assert.deepEqual(reloaded.of('fp-c'), []);
  });

  it('drops the finding replied to longest ago past the bound, and keeps the latest replies of one', async () => {
    const state = memoryState();
    const replies = new FindingReplies(state);
    for (let index = 0; index <= maxRepliedFindings; index++) await replies.add(`fp-${index}`, `reply ${index}`);
    await replies.add('fp-1', 'replied again, so kept');
    await replies.add('fp-new', 'one more');
    const reloaded = new FindingReplies(state);
    assert.deepEqual(reloaded.of('fp-0'), [], 'the oldest went first');
    assert.deepEqual(reloaded.of('fp-2'), [], 'then the next oldest');
    assert.deepEqual(reloaded.of('fp-1'), ['reply 1', 'replied again, so kept']);
    assert.deepEqual(reloaded.of('fp-new'), ['one more']);
    for (let index = 0; index < maxRepliesPerFinding + 3; index++) await replies.add('fp-many', `reply ${index}`);
    assert.equal(replies.of('fp-many').length, maxRepliesPerFinding);
    assert.equal(replies.of('fp-many')[0], 'reply 3');
  });

  it('keeps a very long reply cut, saying so, and reads a state of another shape as none', async () => {
    const replies = new FindingReplies(memoryState());
    await replies.add('fp-long', 'x'.repeat(maxReplyChars + 50));
    const kept = replies.of('fp-long')[0] ?? '';
    assert.ok(kept.startsWith('x'.repeat(maxReplyChars)) && !kept.startsWith('x'.repeat(maxReplyChars + 1)));
    assert.match(kept, /cut: Nova keeps the first 10,000 characters/);
    const broken = new FindingReplies(memoryState({ 'nova.review.replies': { 'fp-a': 'not a list' } }));
    assert.deepEqual(broken.of('fp-a'), []);
  });
});
