/**
 * The labelled corpus through the offline review, as the `review_analyzers` tool and the CLI run
 * it (reviewWorkspace, trusted): every analyzer has planted defects, recall is at least 90 % per
 * class, clean look-alike files get no finding at all, and nothing is reported that was not
 * planted. The corpus's tsconfig reaches @types/node through `typeRoots` outside its folder, as a
 * monorepo's does: trusted, no `Cannot find module`; in Restricted Mode it is not read.
 */
import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { builtinAnalyzers } from '../../../src/core/review/run';
import { reviewWorkspace, type WorkspaceReview } from '../../../src/core/review/workspaceReview';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import { classesShortOf, classOf, corpusFolder, corpusLabels, scoreCorpus } from '../../support/reviewCorpus';

async function review(trusted: boolean): Promise<WorkspaceReview> {
  const sandbox = await WorkspaceSandbox.create([corpusFolder], nodeWorkspaceFiles);
  return reviewWorkspace(sandbox, [], new AbortController().signal, trusted);
}

describe('review corpus: planted defects and clean look-alikes (Node)', function () {
  this.timeout(120_000);
  const labels = corpusLabels();
  let reviewed: WorkspaceReview;
  before(async () => (reviewed = await review(true)));

  it('is a corpus worth the name: 40+ defects in 15+ files, every analyzer, 10+ clean files, labels on the lines they name', () => {
    assert.ok(labels.defects.length >= 40, `${labels.defects.length} defects`);
    assert.ok(new Set(labels.defects.map((defect) => defect.path)).size >= 15);
    assert.ok(labels.clean.length >= 10);
    assert.deepEqual([...new Set(labels.defects.map((defect) => classOf(defect.rule)))].sort(), builtinAnalyzers.map((analyzer) => analyzer.name).sort());
    for (const defect of labels.defects) {
      const line = fs.readFileSync(path.join(corpusFolder, defect.path), 'utf8').split('\n')[defect.line - 1] ?? '';
      assert.ok(line.trim().startsWith(defect.text), `${defect.path}:${defect.line} starts with ${JSON.stringify(defect.text)}: ${JSON.stringify(line)}`);
    }
    for (const clean of labels.clean) assert.ok(fs.existsSync(path.join(corpusFolder, clean)), clean);
  });

  it('finds at least 90 % of each class, nothing in clean files, nothing unplanted', () => {
    const score = scoreCorpus(labels, reviewed.findings);
    console.log(score.table);
    assert.deepEqual(reviewed.problems, []);
    assert.deepEqual(classesShortOf(score, 0.9), [], 'classes below 90 % recall');
    assert.deepEqual(score.inClean, [], 'clean look-alikes');
    assert.deepEqual(score.unplanted.map((found) => `${found.path}:${found.line} ${found.rule}`), [], 'findings that were not planted');
  });

  it('every finding says which analyzer raised it and how sure it is', () => {
    for (const found of reviewed.findings) {
      assert.equal(found.analyzer, classOf(found.rule), `${found.path}:${found.line} ${found.rule}`);
      assert.ok(found.confidence === 'high' || found.confidence === 'medium' || found.confidence === 'low', `${found.path}:${found.line} ${found.confidence}`);
    }
    const byFormat = reviewed.findings.filter((found) => found.rule === 'hardcoded-secret' && found.path.startsWith('src/auth/'));
    assert.deepEqual(byFormat.map((found) => found.confidence), ['high', 'high', 'high', 'high']);
  });

  it("reports exactly the errors real `tsc --noEmit` reports on the corpus, with the project's module resolution", () => {
    const tsc = spawnSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', corpusFolder, '--noEmit', '--pretty', 'false'], { encoding: 'utf8', cwd: corpusFolder });
    const fromTsc = [...tsc.stdout.matchAll(/^(.+?)\((\d+),\d+\): error TS(\d+):/gm)].map(([, file, line, code]) => `${file}:${line} ts-${code}`).sort();
    assert.ok(fromTsc.length >= 3, `tsc found the planted type errors: ${tsc.stdout}${tsc.stderr}`);
    const fromNova = reviewed.findings.filter((found) => found.rule.startsWith('ts-') && found.severity === 'error').map((found) => `${found.path}:${found.line} ${found.rule}`).sort();
    assert.deepEqual(fromNova, fromTsc);
  });

  it('in Restricted Mode the @types outside the folder are not read, so node modules are not found (as before)', async () => {
    const untrusted = await review(false);
    const missing = untrusted.findings.filter((found) => found.rule === 'ts-2307').map((found) => `${found.path}:${found.line}`);
    assert.ok(missing.includes('src/shell/deploy.ts:2'), missing.join(', '));
    assert.ok(!reviewed.findings.some((found) => found.rule === 'ts-2307'), 'trusted: typeRoots are read, as tsc reads them');
  });
});
