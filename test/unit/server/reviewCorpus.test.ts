/**
 * The labelled review corpus through the language server, as an editor gets it: `nova/review.run`
 * over the workspace (trusted), then the published diagnostics — code = rule, range start = line —
 * scored like the Node run: at least 90 % recall per class, nothing on clean files or unplanted.
 * The server is dist/server.js: build and bundle before running this.
 */
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PublishDiagnosticsNotification, type PublishDiagnosticsParams } from 'vscode-languageserver-protocol/node';
import { reviewRun } from '../../../src/protocol/review';
import { sessionConfigure } from '../../../src/protocol/session';
import { LspServer } from '../../support/lspServer';
import { classesShortOf, corpusFolder, corpusLabels, scoreCorpus, type ScoredFinding } from '../../support/reviewCorpus';

describe('review corpus: planted defects and clean look-alikes (language server)', function () {
  this.timeout(120_000);
  let server: LspServer;
  before(async () => ({ server } = await LspServer.start({ folders: [corpusFolder] })));
  after(() => server?.stop());

  it('publishes at least 90 % of each class, nothing on clean files, nothing unplanted', async () => {
    await server.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [] });
    const result = await server.request(reviewRun, {});
    const labels = corpusLabels();
    assert.deepEqual(result.problems, []);
    assert.equal(result.files, labels.clean.length + new Set(labels.defects.map((defect) => defect.path)).size);
    // The last notification per file is what the editor shows.
    const latest = new Map<string, PublishDiagnosticsParams>();
    for (const item of server.received.filter((received) => received.method === PublishDiagnosticsNotification.method)) {
      const params = item.params as PublishDiagnosticsParams;
      latest.set(params.uri, params);
    }
    const findings: ScoredFinding[] = [...latest.values()].flatMap((params) => {
      const relative = path.relative(corpusFolder, fileURLToPath(params.uri)).split(path.sep).join('/');
      return params.diagnostics.map((diagnostic) => ({ path: relative, line: diagnostic.range.start.line + 1, rule: String(diagnostic.code) }));
    });
    const score = scoreCorpus(labels, findings);
    console.log(score.table);
    assert.deepEqual(classesShortOf(score, 0.9), [], 'classes below 90 % recall');
    assert.deepEqual(score.inClean, [], 'clean look-alikes');
    assert.deepEqual(score.unplanted.map((found) => `${found.path}:${found.line} ${found.rule}`), [], 'diagnostics that were not planted');
    assert.equal(result.findings, findings.length);
  });
});
