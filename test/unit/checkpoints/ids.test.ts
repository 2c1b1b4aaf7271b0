import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { assertCheckpointId, checkpointIdPattern, newCheckpointId } from '../../../src/core/checkpoints/checkpointId';

describe('checkpoint ids', () => {
  it('are valid git ref names and plain file names, and later ones sort after earlier ones', () => {
    const ids = [0, 1, 1_700_000_000_000, 1_700_000_000_001, 99_999_999_999_999].map(newCheckpointId);
    for (const id of ids) {
      assert.match(id, checkpointIdPattern);
      execFileSync('git', ['check-ref-format', `refs/nova/checkpoints/${id}`]);
      assert.doesNotThrow(() => assertCheckpointId(id));
    }
    assert.deepEqual([...ids].sort(), ids);
    assert.notEqual(newCheckpointId(5), newCheckpointId(5), 'two ids in the same millisecond collided');
  });

  it('refuse anything else with a message that shows what an id looks like', () => {
    assert.throws(() => assertCheckpointId('main'), /"main" is not a checkpoint id \(they look like "c-/);
  });
});
