/**
 * What the extension's fallback shows the person for an escalation (the quick pick's text), and the
 * commands it remembers "always" for a workspace — the parts that do not need VS Code itself.
 */
import * as assert from 'node:assert/strict';
import type { DecisionAskParams } from '../../../src/protocol/decision';
import { decisionAsk } from '../../../src/protocol/decision';
import { check } from '../../../src/protocol/message';
import { decisionChoices, decisionPrompt } from '../../../src/extension/client/decisionChoices';
import { rememberCommand, rememberedCommands, type StateStore } from '../../../src/extension/client/workspaceCommands';

const params: DecisionAskParams = {
  runId: '20261201-151400-abcdef',
  escalation: {
    id: 'decision-1',
    question: 'reviewer decided "approve" on change.approval, and security-reviewer still opposes. Which outcome should stand?',
    decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'Behaviour-preserving and type-checks' },
    options: ['approve', 'request_changes', 'reject'],
    opinions: [
      { agent: 'security-reviewer', stance: 'oppose', reason: 'the token in sync.ts is committed in clear $(alert)', suggestedOutcome: 'request_changes' },
      { agent: 'typescript-specialist', stance: 'support', reason: 'the types are unchanged' },
    ],
  },
};

describe('extension: the escalation quick pick', () => {
  it('lists every option with who stands for it and why, and who opposes the owner’s outcome', () => {
    const [approve, changes, reject] = decisionChoices(params);
    assert.equal(approve?.option, 'approve');
    assert.equal(approve?.description, "reviewer's decision");
    assert.equal(
      approve?.detail,
      'reviewer (owner): Behaviour-preserving and type-checks · typescript-specialist supports: the types are unchanged · security-reviewer opposes: the token in sync.ts is committed in clear $ (alert)',
    );
    assert.equal(changes?.description, 'suggested by security-reviewer');
    assert.equal(changes?.detail, 'security-reviewer: the token in sync.ts is committed in clear $ (alert)');
    assert.equal(reject?.detail, 'No agent argued for this option.');
  });

  it('shows agent text inert: control and bidi characters visible, on one line', () => {
    const hostile = { ...params, escalation: { ...params.escalation, options: ['ap\u202Eprove'], decision: { ...params.escalation.decision, outcome: 'ap\u202Eprove', rationale: 'line one\nline two\u001b[2J' } } };
    const [choice] = decisionChoices(hostile);
    assert.equal(choice?.option, 'ap\u202Eprove', 'the answer is the option exactly as the server sent it');
    assert.equal(choice?.label, 'ap<U+202E>prove');
    assert.match(choice?.detail ?? '', /line one line two\\x1b\[2J/);
  });

  it('says why the last answer was refused when the person is asked again', () => {
    assert.doesNotMatch(decisionPrompt(params).placeholder, /refused/);
    const again = decisionPrompt({ ...params, refused: '"ship it" is not an option of this decision' });
    assert.match(again.placeholder, /^Your answer was refused: "ship it" is not an option of this decision\. Choose the outcome/);
    assert.match(again.title, /Which outcome should stand\?$/);
  });

  it('answers only what nova/decision.ask allows: an option with an optional reason, or dismissed', () => {
    assert.equal(check(decisionAsk.result, { option: 'approve' }).ok, true);
    assert.equal(check(decisionAsk.result, { option: 'approve', reason: 'fine' }).ok, true);
    assert.equal(check(decisionAsk.result, { dismissed: true }).ok, true);
    assert.equal(check(decisionAsk.result, { option: '' }).ok, false);
    assert.equal(check(decisionAsk.result, { dismissed: false }).ok, false);
    assert.equal(check(decisionAsk.params, { ...params, extra: 1 }).ok, false);
  });
});

describe('extension: commands allowed "always" in a workspace', () => {
  function memento(initial?: unknown): StateStore & { value: unknown } {
    const store = {
      value: initial,
      get: () => store.value,
      update: (_key: string, value: unknown) => ((store.value = value), Promise.resolve()),
    };
    return store;
  }

  it('remembers each command and folder once, and reads them back', async () => {
    const state = memento();
    assert.deepEqual(rememberedCommands(state), []);
    assert.equal(await rememberCommand(state, { command: 'npm test', cwd: 'packages/api' }), true);
    assert.equal(await rememberCommand(state, { command: 'npm test', cwd: 'packages/api' }), false);
    assert.equal(await rememberCommand(state, { command: 'npm test', cwd: '.' }), true);
    assert.deepEqual(rememberedCommands(state), [{ command: 'npm test', cwd: 'packages/api' }, { command: 'npm test', cwd: '.' }]);
  });

  it('treats storage that does not hold entries as none, and allows nothing from it', () => {
    for (const stored of ['npm test', [{ command: 'npm test' }], [{ command: 'x', cwd: '.', extra: true }], { command: 'npm test', cwd: '.' }]) {
      assert.deepEqual(rememberedCommands(memento(stored)), [], JSON.stringify(stored));
    }
  });
});
