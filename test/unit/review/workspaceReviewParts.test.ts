/**
 * A workspace review published in parts (the language server's Review Workspace): every file in
 * exactly one part, in order, the parts together the same review as one pass, and a cancel between
 * parts ends it before the next.
 */
import * as assert from 'node:assert/strict';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { reviewWorkspace, type WorkspaceReview } from '../../../src/core/review/workspaceReview';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import { corpusFolder } from '../../support/reviewCorpus';

type Part = Pick<WorkspaceReview, 'files' | 'findings'>;

const keyOf = (findings: WorkspaceReview['findings']) => findings.map((found) => `${found.path}:${found.line}:${found.rule}`).sort();

describe('A workspace review in parts', function () {
  this.timeout(120_000);
  let sandbox: WorkspaceSandbox;
  let whole: WorkspaceReview;

  before(async () => {
    sandbox = await WorkspaceSandbox.create([corpusFolder], nodeWorkspaceFiles);
    whole = await reviewWorkspace(sandbox, [], new AbortController().signal, true);
  });

  it('hands over each file once, part by part, and the parts add up to the review in one pass', async () => {
    const parts: Part[] = [];
    const review = await reviewWorkspace(sandbox, [], new AbortController().signal, true, { count: 4, onPart: (part) => void parts.push(part) });
    assert.equal(parts.length, 4);
    const handed = parts.flatMap((part) => part.files.map((file) => file.display));
    assert.deepEqual(handed, review.files.map((file) => file.display), 'the parts in the review\'s order');
    assert.equal(new Set(handed).size, handed.length, 'no file in two parts');
    assert.deepEqual([...handed].sort(), whole.files.map((file) => file.display).sort(), 'every file of the one-pass review');
    for (const part of parts) {
      const inPart = new Set(part.files.map((file) => file.display));
      assert.ok(part.findings.every((found) => inPart.has(found.path)), 'a part\'s findings are of its own files');
    }
    assert.deepEqual(keyOf(parts.flatMap((part) => part.findings)), keyOf(whole.findings));
    assert.ok(whole.findings.length > 40, `the corpus has its planted findings (${whole.findings.length})`);
  });

  it('stops before the next part once cancelled', async () => {
    const controller = new AbortController();
    const parts: Part[] = [];
    const cancelled = reviewWorkspace(sandbox, [], controller.signal, true, {
      count: 4,
      onPart: (part) => {
        parts.push(part);
        if (parts.length === 2) controller.abort();
      },
    });
    await assert.rejects(cancelled, (error: Error) => error.name === 'AbortError');
    assert.equal(parts.length, 2);
  });
});
