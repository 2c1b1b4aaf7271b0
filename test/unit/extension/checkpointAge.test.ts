import * as assert from 'node:assert/strict';
import { relativeTime } from '../../../src/extension/checkpoints/relativeTime';

describe('how long ago a checkpoint was taken', () => {
  const now = Date.UTC(2026, 11, 1, 12);
  it('reads as a person says it', () => {
    assert.equal(relativeTime(now - 5_000, now), 'just now');
    assert.equal(relativeTime(now + 60_000, now), 'just now');
    assert.equal(relativeTime(now - 60_000, now), '1 minute ago');
    assert.equal(relativeTime(now - 59 * 60_000, now), '59 minutes ago');
    assert.equal(relativeTime(now - 3 * 3_600_000, now), '3 hours ago');
    assert.equal(relativeTime(now - 30 * 3_600_000, now), 'yesterday');
    assert.equal(relativeTime(now - 9 * 86_400_000, now), '9 days ago');
    assert.equal(relativeTime(now - 400 * 86_400_000, now), '1 year ago');
  });
});
