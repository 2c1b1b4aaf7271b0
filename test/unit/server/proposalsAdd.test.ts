/**
 * nova/proposals.add: a proposal the person made in the chat from a run's reply (a code block and
 * the lines they picked) is stored with the same checks as a run's — and never written.
 */
import * as assert from 'node:assert/strict';
import { novaErrorCodes } from '../../../src/protocol/message';
import { proposalsAdd, proposalsChanged, proposalsList } from '../../../src/protocol/proposals';
import { rejection, startOnSample, type SampleSession } from './sampleServer';

describe('Nova server: a person\'s proposal from the chat (nova/proposals.add)', function () {
  this.timeout(60_000);
  let session: SampleSession;
  before(async () => {
    session = await startOnSample({ initializationOptions: { novaClient: true } });
  });
  after(() => session?.close());

  const proposal = (path: string) => ({
    summary: 'Code from the chat into board.ts:1-1',
    rationale: "The person proposed a code block from refactorer's reply.",
    files: [{ path, hunks: [{ startLine: 1, before: 'x', after: 'y', rationale: 'Replaces line 1.' }] }],
    risks: [],
  });

  it('stores it as pending, attributed to the run and the agent whose reply held the code, and leaves the file alone', async () => {
    const before = await session.disk('src/board.ts');
    const firstLine = before.split('\n')[0] ?? '';
    const made = { ...proposal('src/board.ts'), files: [{ path: 'src/board.ts', hunks: [{ startLine: 1, before: firstLine, after: `${firstLine} // the person's`, rationale: 'Replaces line 1.' }] }] };
    const { changeSet: stored, duplicate } = await session.server.request(proposalsAdd, { runId: 'run-chat-1', agent: 'refactorer', proposal: made });
    assert.equal(duplicate, false);
    assert.deepEqual(stored.files[0]?.hunks.map((hunk) => [hunk.status, hunk.author]), [['pending', 'person']]);
    assert.deepEqual(stored.source, { kind: 'person', runId: 'run-chat-1', agent: 'refactorer' });
    await session.server.waitFor(proposalsChanged.method, (params) => (params as { id: string }).id === stored.id);
    const { changeSets } = await session.server.request(proposalsList, { open: true });
    assert.ok(changeSets.some((candidate) => candidate.id === stored.id));
    const again = await session.server.request(proposalsAdd, { runId: 'run-chat-2', agent: 'refactorer', proposal: made });
    assert.deepEqual([again.duplicate, again.changeSet.id], [true, stored.id], 'the same change proposed twice is one proposal');
    assert.equal(await session.disk('src/board.ts'), before);
  });

  it('refuses a path outside the workspace or protected, and an invalid proposal, storing nothing', async () => {
    const count = (await session.server.request(proposalsList, {})).changeSets.length;
    for (const [path, reason] of [
      ['../outside.ts', /may not change|\.\./],
      ['.git/hooks/pre-commit', /protected|\.git/],
      ['.vscode/settings.json', /protected|\.vscode/],
    ] as const) {
      const refused = await rejection(session.server.request(proposalsAdd, { runId: 'run-chat-1', agent: 'refactorer', proposal: proposal(path) }));
      assert.ok(refused.code === novaErrorCodes.invalidParams || refused.code === novaErrorCodes.conflict, `${path}: ${refused.code}`);
      assert.match(refused.message, reason, path);
    }
    const empty = await rejection(session.server.request(proposalsAdd, { runId: 'r', agent: 'a', proposal: { ...proposal('src/board.ts'), files: [] } }));
    assert.equal(empty.code, novaErrorCodes.invalidParams);
    assert.equal((await session.server.request(proposalsList, {})).changeSets.length, count);
  });
});
