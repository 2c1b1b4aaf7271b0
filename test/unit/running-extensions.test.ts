import * as assert from 'node:assert/strict';
import { parseRunningExtensions } from '../../bench/activation';

describe('reading "Developer: Show Running Extensions"', () => {
  it('reads each extension with its activation kind and time', () => {
    const text = [
      'Git', '10.0.0', ' 127.0.0.1:38945', 'Startup Activation: 168ms',
      'Nova — an agent team in your editor', '0.1.0', ' 127.0.0.1:38945', 'Activation: 12ms',
      'Emmet', '10.0.0', ' 127.0.0.1:38945', 'Activating...',
    ].join('\n');
    assert.deepEqual(parseRunningExtensions(text), [
      { name: 'Git', startup: true, ms: 168 },
      { name: 'Nova — an agent team in your editor', startup: false, ms: 12 },
    ]);
  });
});
