import * as assert from 'node:assert/strict';
import { readInputMessage, renderInputMessage } from '../../../src/core/orchestrator/inputMessage';

describe('input messages', () => {
  it('read back what they render, whoever sent them, even with fences inside the payload', () => {
    for (const from of ['person', 'nova', 'planner']) {
      const payload = { summary: 'has ```json\nfences``` inside', n: [1, 2] };
      const text = renderInputMessage({ from, contract: 'RoutedTask', payload, reason: 'because (really)', submitTool: 'submit_Plan', canHandOff: true });
      assert.deepEqual(readInputMessage(text), { from, contract: 'RoutedTask', payload });
    }
    assert.equal(readInputMessage('hello'), undefined);
  });
});
