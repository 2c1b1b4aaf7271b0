/**
 * Quick fixes for Nova's findings: a fixable finding offers one action that stores a proposal
 * through `nova.proposeFix` — never an edit — and the person resolves it later.
 */
import { textHash } from '../../../src/core/edits/textHash';
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { CodeActionKind, ShowMessageNotification, type CodeAction, type Diagnostic } from 'vscode-languageserver-protocol/node';
import { novaErrorCodes } from '../../../src/protocol/message';
import { proposalsChanged, proposalsList, proposalsDecide } from '../../../src/protocol/proposals';
import { byRule, rejection, startOnSample, type SampleSession } from './sampleServer';

describe('Nova server: quick fixes store proposals', function () {
  this.timeout(60_000);
  let session: SampleSession;
  let unused: Diagnostic;
  // As Nova's own extension: it tells the person about proposals itself.
  before(async () => {
    session = await startOnSample({ initializationOptions: { novaClient: true } });
    unused = byRule(await session.open('src/report.ts'), 'ts-6133');
  });
  after(() => session?.close());

  it('offers one quick fix for an unused import: a nova.proposeFix command, with no edit', async () => {
    const actions = (await session.codeActions('src/report.ts', [unused])) as CodeAction[];
    assert.equal(actions.length, 1);
    const [action] = actions;
    assert.equal(action!.kind, CodeActionKind.QuickFix);
    assert.match(action!.title, /^Nova: propose .*slugify/);
    assert.equal(action!.edit, undefined, 'the server never hands the editor an edit');
    assert.deepEqual(action!.diagnostics, [unused]);
    assert.equal(action!.command?.command, 'nova.proposeFix');
  });

  it('stores the fix as a pending proposal when the command runs, and leaves the file alone', async () => {
    const diskBefore = await session.disk('src/report.ts');
    const [action] = (await session.codeActions('src/report.ts', [unused])) as CodeAction[];
    const result = (await session.execute(action!.command!)) as { proposalId: string };
    assert.match(result.proposalId, /^p-[a-z0-9]+-[a-z0-9]+$/);
    await session.server.waitFor(proposalsChanged.method, (params) => (params as { id: string }).id === result.proposalId && (params as { change: string }).change === 'added');

    const { changeSets, problems } = await session.server.request(proposalsList, { open: true });
    assert.deepEqual(problems, []);
    const stored = changeSets.find((changeSet) => changeSet.id === result.proposalId);
    assert.ok(stored, 'listed as pending');
    assert.deepEqual(stored.source, { kind: 'fix', rule: 'ts-6133', path: 'src/report.ts', line: 2, title: "Remove unused declaration for: 'slugify'" });
    assert.deepEqual(
      stored.files.map((file) => [file.path, file.baseHash, file.hunks.map((hunk) => [hunk.startLine, hunk.before, hunk.after, hunk.status, hunk.author])]),
      [
        [
          'src/report.ts',
          textHash(diskBefore),
          [[2, 'import { parseDate, daysBetween, formatDate, slugify } from "./util";', 'import { parseDate, daysBetween, formatDate } from "./util";', 'pending', 'quick fix']],
        ],
      ],
    );
    assert.equal(await session.disk('src/report.ts'), diskBefore, 'nothing is written until the person accepts');
    assert.ok(existsSync(path.join(session.folder, '.nova', 'proposals', `${result.proposalId}.json`)), 'kept on disk, so it outlives the server');
    assert.ok(!session.server.received.some((item) => item.method === ShowMessageNotification.method), "Nova's own client says it itself");
    assert.deepEqual(session.server.messageRequests, []);
  });

  it('records the decision once: accepting changes the status, a second decision is a conflict', async () => {
    const [action] = (await session.codeActions('src/report.ts', [unused])) as CodeAction[];
    const { proposalId } = (await session.execute(action!.command!)) as { proposalId: string };
    const { changeSets } = await session.server.request(proposalsList, { open: true });
    const hunk = changeSets.find((changeSet) => changeSet.id === proposalId)?.files[0]?.hunks[0];
    assert.ok(hunk);
    const { changeSet } = await session.server.request(proposalsDecide, { id: proposalId, hunks: [{ id: hunk.id, status: 'accepted' }] });
    assert.equal(changeSet.files[0]?.hunks[0]?.status, 'accepted');
    assert.equal(typeof changeSet.files[0]?.hunks[0]?.resolvedAt, 'number');
    await session.server.waitFor(proposalsChanged.method, (params) => (params as { id: string }).id === proposalId && (params as { change: string }).change === 'decided');
    const again = await rejection(session.server.request(proposalsDecide, { id: proposalId, hunks: [{ id: hunk.id, status: 'rejected' }] }));
    assert.equal(again.code, novaErrorCodes.conflict);
    assert.match(again.message, /is accepted; it cannot become rejected/);
    const listed = await session.server.request(proposalsList, { open: false });
    assert.deepEqual(listed.changeSets.map((stored) => stored.id), [proposalId]);
    assert.match(await session.disk('src/report.ts'), /slugify/, 'the editor applies an accepted proposal, not the server');
  });

  it('offers nothing for a finding without a safe fix, or for another tool’s diagnostic', async () => {
    const sync = await session.open('src/sync.ts');
    const any = byRule(sync, 'explicit-any');
    assert.deepEqual(await session.codeActions('src/sync.ts', [any]), []);
    const foreign: Diagnostic = { ...unused, source: 'eslint' };
    assert.deepEqual(await session.codeActions('src/report.ts', [foreign]), []);
  });

  it("offers Nova's own fix for a rule TypeScript cannot fix, and stores it as a change set without editing the file", async () => {
    const board = await session.open('src/board.ts');
    const loose = byRule(board, 'loose-equality');
    const [action, ...others] = (await session.codeActions('src/board.ts', [loose])) as CodeAction[];
    assert.equal(others.length, 0);
    assert.equal(action?.title, 'Nova: propose “Compare with ===”');
    assert.equal(action?.edit, undefined, 'the server never hands the editor an edit');
    const diskBefore = await session.disk('src/board.ts');
    const { proposalId } = (await session.execute(action!.command!)) as { proposalId: string };
    const stored = (await session.server.request(proposalsList, { open: true })).changeSets.find((changeSet) => changeSet.id === proposalId);
    assert.deepEqual(stored?.source, { kind: 'fix', rule: 'loose-equality', path: 'src/board.ts', line: 42, title: 'Compare with ===' });
    const [hunk] = stored?.files[0]?.hunks ?? [];
    assert.equal(hunk?.startLine, 42);
    assert.match(hunk?.before ?? '', /t\.id == id/);
    assert.match(hunk?.after ?? '', /t\.id === id/);
    assert.equal(await session.disk('src/board.ts'), diskBefore, 'nothing is written until the person accepts');
  });

  it('proposes the hard-coded secret as an environment variable read, void for a promise dropped outside an async function, a comment in an empty catch', async () => {
    const sync = await session.open('src/sync.ts');
    const [secret] = (await session.codeActions('src/sync.ts', [byRule(sync, 'hardcoded-secret')])) as CodeAction[];
    assert.equal(secret?.title, 'Nova: propose “Read the secret from the environment variable API_TOKEN”');
    const { proposalId } = (await session.execute(secret!.command!)) as { proposalId: string };
    const stored = (await session.server.request(proposalsList, { open: true })).changeSets.find((changeSet) => changeSet.id === proposalId);
    const [hunk] = stored?.files[0]?.hunks ?? [];
    assert.match(hunk?.after ?? '', /API_TOKEN = process\.env\.API_TOKEN \?\? ''/);
    assert.doesNotMatch(hunk?.after ?? '', /FAKE/, 'the value leaves the source');
    const floating = (await session.codeActions('src/sync.ts', [byRule(sync, 'floating-promise')])) as CodeAction[];
    assert.deepEqual(floating.map((action) => action.title), ['Nova: propose “Mark the promise as deliberately not awaited (void)”'], 'pushStatus is not async: no await');
    const [emptyCatch] = (await session.codeActions('src/sync.ts', [byRule(sync, 'empty-catch')])) as CodeAction[];
    assert.equal(emptyCatch?.title, 'Nova: propose “Say in a comment that the error is ignored on purpose”');
  });

  it('offers no quick fix in a protected place (CI configuration), where a proposal would only be refused', async () => {
    const relative = '.github/workflows/report.ts';
    await fs.mkdir(path.join(session.folder, '.github', 'workflows'), { recursive: true });
    await fs.writeFile(path.join(session.folder, relative), 'import { slugify } from "../../src/util";\nexport const title = "t";\n');
    const published = await session.open(relative);
    const finding = byRule(published, 'ts-6133');
    assert.deepEqual(await session.codeActions(relative, [finding]), []);
  });

  it('refuses a fix the unsaved text no longer needs, as a conflict that says the file changed', async () => {
    const [action] = (await session.codeActions('src/report.ts', [unused])) as CodeAction[];
    const disk = await session.disk('src/report.ts');
    await session.change('src/report.ts', 2, `${disk}export const slug = slugify("A title");\n`);
    const current = await session.diagnostics('src/report.ts', 2);
    assert.deepEqual(current.diagnostics, [], 'slugify is used now');
    // An editor may still hold the old diagnostic for a moment: it gets no fix...
    assert.deepEqual(await session.codeActions('src/report.ts', [unused]), []);
    // ...and the action it showed before, run now, stores nothing that would remove a used import.
    const before = (await session.server.request(proposalsList, {})).changeSets.length;
    const refused = await rejection(session.execute(action!.command!));
    assert.equal(refused.code, novaErrorCodes.conflict);
    assert.match(refused.message, /no longer has a safe fix for ts-6133 at line 2: the file changed/);
    assert.equal((await session.server.request(proposalsList, {})).changeSets.length, before);
    await session.change('src/report.ts', 3, disk);
    await session.diagnostics('src/report.ts', 3);
  });

  it('keeps every stored proposal as a readable file', async () => {
    const { changeSets } = await session.server.request(proposalsList, {});
    const files = (await fs.readdir(path.join(session.folder, '.nova', 'proposals'))).sort();
    assert.deepEqual(files, changeSets.map((stored) => `${stored.id}.json`).sort());
  });
});
