/** The message box's completion: `@agent` anywhere a word starts, `/command` only as the first word. */
import * as assert from 'node:assert/strict';
import { applyCompletion, completionAt, type CompletionItem } from '../../../src/webview/chat/completion';

const agents: CompletionItem[] = ['concierge', 'refactorer', 'reviewer', 'security-reviewer', 'typescript-specialist'].map((label) => ({ label, detail: 'specialist' }));
const labels = (text: string, caret = text.length) => completionAt(text, caret, agents)?.items.map((item) => item.label);

describe('chat page: @ and / completion', () => {
  it('offers agents after @, those that start with the query first', () => {
    assert.deepEqual(labels('ask @re'), ['refactorer', 'reviewer', 'security-reviewer']);
    assert.deepEqual(labels('@'), agents.map((agent) => agent.label));
  });

  it('is case-insensitive and closes when nothing matches', () => {
    assert.deepEqual(labels('@TYPE'), ['typescript-specialist']);
    assert.equal(completionAt('@zzz', 4, agents), undefined);
  });

  it('does not complete an @ inside a word (an e-mail address)', () => {
    assert.equal(completionAt('mail me@re', 10, agents), undefined);
  });

  it('offers slash commands only as the first word of the message', () => {
    assert.deepEqual(labels('/re'), ['review', 'refactor']);
    assert.deepEqual(labels('  /ex'), ['explain']);
    assert.equal(completionAt('please /re', 10, agents), undefined);
  });

  it('completes the word at the caret, not at the end of the text', () => {
    const completion = completionAt('@ref and more', 4, agents);
    assert.equal(completion?.query, 'ref');
    assert.deepEqual([completion?.start, completion?.end], [0, 4]);
  });

  it('replaces the whole word with the pick and a space, and puts the caret after it', () => {
    const text = 'ask @rev now';
    const completion = completionAt(text, 8, agents)!;
    const item = completion.items.find((candidate) => candidate.label === 'reviewer')!;
    assert.deepEqual(applyCompletion(text, completion, item), { text: 'ask @reviewer now', caret: 14 });
    const slash = completionAt('/ex', 3, agents)!;
    assert.deepEqual(applyCompletion('/ex', slash, slash.items[0]!), { text: '/explain ', caret: 9 });
  });

  it('replaces the rest of a word the caret is inside', () => {
    const completion = completionAt('@refxyz', 4, agents)!;
    assert.equal(applyCompletion('@refxyz', completion, completion.items[0]!).text, '@refactorer ');
  });
});
