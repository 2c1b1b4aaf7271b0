import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ChangeProposal } from '../../../src/core/contracts';
import { commandIds } from '../../../src/extension/contributions';
import type { NovaApi } from '../../../src/extension/main';
import type { ResolveOutcome } from '../../../src/extension/proposals/view';
import { fromLegacyProposal, type LegacyProposal } from '../../../src/core/edits/legacyProposal';

// Runs inside the real extension host, on a copy of sample/ (a git repository). Proposals are planted
// on disk in the format an earlier Nova wrote (it still loads), as a cloned repository could leave them.
const manifest = require('../../../../package.json') as { publisher: string; name: string };
const extensionId = `${manifest.publisher}.${manifest.name}`;
const secret = 'TOP-SECRET outside the workspace\n';

async function nova(): Promise<NovaApi> {
  const extension = vscode.extensions.getExtension<NovaApi>(extensionId);
  assert.ok(extension, `${extensionId} is not loaded`);
  return extension.activate();
}

function planted(id: string, file: string, before: string): LegacyProposal {
  const proposal: ChangeProposal = { summary: `Tidy ${file}`, rationale: 'untidy', files: [{ path: file, hunks: [{ startLine: 1, before, after: 'pwned', rationale: 'tidier' }] }], risks: [] };
  return { id, createdAt: Date.now(), source: { kind: 'run', runId: 'run-planted', agent: 'refactorer' }, status: 'pending', proposal };
}

describe('Accepting a stored proposal that names a file Nova must not change, in a real VS Code', () => {
  const root = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath ?? '';
  const proposalsDir = path.join(root, '.nova', 'proposals');
  const outsideDir = fs.mkdtempSync(path.join(os.tmpdir(), 'nova-outside-'));
  const outsideFile = path.join(outsideDir, 'secret.txt');
  const hook = path.join(root, '.git', 'hooks', 'pre-commit');
  const link = path.join(root, 'nova-link');
  const records = [
    planted('p-planted-outside', path.relative(root, outsideFile).split(path.sep).join('/'), secret.trimEnd()),
    planted('p-planted-hook', '.git/hooks/pre-commit', ''),
    planted('p-planted-link', 'nova-link/secret.txt', secret.trimEnd()),
  ];
  const expected: Record<string, RegExp> = {
    'p-planted-outside': /"\.\.\/[^"]*secret\.txt" has a "\.\." segment/,
    'p-planted-hook': /"\.git\/hooks\/pre-commit" is protected: "\.git\/" is git's own data/,
    'p-planted-link': /"nova-link\/secret\.txt" is outside the workspace/,
  };

  before(() => {
    assert.ok(root, 'no workspace folder is open');
    fs.writeFileSync(outsideFile, secret);
    fs.symlinkSync(outsideDir, link);
    fs.mkdirSync(proposalsDir, { recursive: true });
    for (const record of records) fs.writeFileSync(path.join(proposalsDir, `${record.id}.json`), JSON.stringify(record, null, 2));
  });
  after(() => {
    for (const record of records) fs.rmSync(path.join(proposalsDir, `${record.id}.json`), { force: true });
    fs.rmSync(link, { force: true });
    fs.rmSync(outsideDir, { recursive: true, force: true });
  });

  it('does not list the planted proposals as pending', async () => {
    const pending = await (await nova()).pendingProposals();
    const offered = pending.filter((stored) => stored.id.startsWith('p-planted-')).map((stored) => stored.id);
    assert.deepEqual(offered, [], 'the server offered planted proposals whose paths leave the workspace or are protected');
  });

  for (const record of records) {
    it(`refuses to accept ${record.proposal.files[0]?.path}, with a message naming the path and why, and writes nothing`, async () => {
      await nova();
      const stored = fs.readFileSync(path.join(proposalsDir, `${record.id}.json`), 'utf8');
      // The command as the Proposals view runs it, with the planted record as its node.
      const outcome = await vscode.commands.executeCommand<ResolveOutcome | undefined>(commandIds.acceptProposal, { kind: 'changeSet', set: fromLegacyProposal(record) });
      assert.ok(outcome, 'the accept command returned nothing');
      assert.equal(outcome.resolved, false, outcome.message);
      assert.match(outcome.message, expected[record.id] as RegExp);
      assert.match(outcome.message, /Nothing was applied\.$/);

      assert.equal(fs.readFileSync(outsideFile, 'utf8'), secret, 'the outside file changed');
      assert.equal(fs.existsSync(hook), false, 'a pre-commit hook was created');
      const touched = vscode.workspace.textDocuments.filter((document) => document.isDirty && /secret\.txt$|pre-commit$/.test(document.uri.path));
      assert.deepEqual(touched.map((document) => document.uri.toString()), [], 'an editor buffer was edited');
      assert.equal(fs.readFileSync(path.join(proposalsDir, `${record.id}.json`), 'utf8'), stored, 'the refused proposal was recorded as resolved');
    });
  }
});
