import * as assert from 'node:assert/strict';
import { isChatInputProblem, readChatInput } from '../../../src/extension/client/chat/chatInput';

const team = ['concierge', 'reviewer', 'typescript-specialist', 'security-reviewer'];

describe('reading a chat message: /command and @agent', () => {
  it('reads a leading slash command and the words after it', () => {
    assert.deepEqual(readChatInput('/explain src/board.ts', team), { text: '/explain src/board.ts', rest: 'src/board.ts', command: 'explain' });
    assert.deepEqual(readChatInput('  /REVIEW  ', team), { text: '  /REVIEW  ', rest: '', command: 'review' });
    assert.deepEqual(readChatInput('/agents', team), { text: '/agents', rest: '', command: 'agents' });
  });

  it('refuses an unknown command, naming the ones it knows', () => {
    const read = readChatInput('/deploy now', team);
    assert.ok(isChatInputProblem(read));
    assert.match(read.problem, /There is no \/deploy command\. The chat knows \/review, \/refactor, \/improve, \/explain, \/agents, \/new\./);
  });

  it('leaves a message without a command alone (a path is not a command)', () => {
    assert.deepEqual(readChatInput('what does src/board.ts export?', team), { text: 'what does src/board.ts export?', rest: 'what does src/board.ts export?' });
    assert.deepEqual(readChatInput('/src/board.ts/ is odd', team), { text: '/src/board.ts/ is odd', rest: '/src/board.ts/ is odd' });
  });

  it('addresses an agent of the loaded team by @name, case-insensitively, as the team spells it', () => {
    const read = readChatInput('@TypeScript-Specialist rename Board to GameBoard', team);
    assert.ok(!isChatInputProblem(read));
    assert.equal(read.agent, 'typescript-specialist');
    const withCommand = readChatInput('/review @security-reviewer src/auth.ts.', team);
    assert.ok(!isChatInputProblem(withCommand));
    assert.deepEqual([withCommand.command, withCommand.agent], ['review', 'security-reviewer']);
  });

  it('refuses an @name that is not on the team, and two agents at once', () => {
    const unknown = readChatInput('@deployer ship it', team);
    assert.ok(isChatInputProblem(unknown));
    assert.match(unknown.problem, /No agent named @deployer is on the team\. The team: @concierge, @reviewer/);
    const two = readChatInput('@reviewer and @concierge, agree', team);
    assert.ok(isChatInputProblem(two));
    assert.match(two.problem, /Address one agent at a time/);
  });

  it('does not read an e-mail address as a mention', () => {
    assert.equal((readChatInput('mail ops@example.com about it', team) as { agent?: string }).agent, undefined);
  });
});
