import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { testsGate } from '../../../../src/core/improve/gates/tests';
import type { CommandApproval } from '../../../../src/core/tools/commandApproval';
import { gateContext, gateWorkspace, type GateWorkspace } from './gateWorkspace';

// The test gate runs the person's command in the worktree as a real process, on run_command's terms.
describe('improve gates: tests', () => {
  let workspace: GateWorkspace;
  afterEach(() => workspace?.cleanup());

  const scripts = {
    'pass.js': "console.log('ok 1 - board moves');\nconsole.log('# pass 1');\n",
    // A long run with one failure early on: the evidence must keep the failure and the verdict, not the noise between.
    'fail.js': [
      "for (let i = 0; i < 500; i++) console.log(`ok ${i} - case ${i}`);",
      "console.log('not ok 501 - report totals');",
      "console.log('  AssertionError [ERR_ASSERTION]: Expected values to be strictly equal: 3 !== 4');",
      "for (let i = 0; i < 500; i++) console.log(`ok ${502 + i} - later case ${i}`);",
      "console.log('# fail 1');",
      'process.exitCode = 1;',
    ].join('\n'),
    'slow.js': "console.log('started the slow suite');\nsetTimeout(() => console.log('never printed'), 60000);\n",
  };

  it('passes on exit code 0, quoting the whole (short) output, kept in the log', async () => {
    workspace = gateWorkspace(scripts, { 'pass.js': `${scripts['pass.js']}console.log('# changed');\n` });
    const record = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node pass.js' }, commands: { allowlist: ['node pass.js'] } }));
    assert.equal(record.status, 'passed', record.evidence);
    assert.equal(record.title, 'Tests (node pass.js)');
    assert.equal(record.summary, 'exit code 0');
    assert.equal(record.exitCode, 0);
    assert.equal(record.command, 'node pass.js');
    assert.equal(record.evidence, 'ok 1 - board moves\n# pass 1\n# changed');
    assert.equal(record.trimmed, false);
    assert.match(record.logFile ?? '', /^\.nova\/improve\/run-[\w-]+\/tests\.log$/);
    assert.equal(fs.readFileSync(path.join(workspace.repo, record.logFile ?? ''), 'utf8'), 'ok 1 - board moves\n# pass 1\n# changed\n');
    assert.ok(record.durationMs > 0);
  });

  it('fails on a non-zero exit, with the first failure lines and the tail as evidence and the whole log on disk', async () => {
    workspace = gateWorkspace(scripts, { 'src.js': 'module.exports = 4;\n' });
    const record = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node fail.js' }, commands: { allowlist: ['node fail.js'] } }));
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, 'exit code 1');
    assert.equal(record.exitCode, 1);
    assert.equal(record.trimmed, true);
    assert.match(record.evidence, /^First failure lines \(line numbers in \.nova\/improve\/.*tests\.log\):\n501: not ok 501 - report totals\n502:   AssertionError \[ERR_ASSERTION\]: Expected values to be strictly equal: 3 !== 4\n/);
    assert.match(record.evidence, /The last 60 lines of \d+ characters of output/);
    assert.ok(record.evidence.endsWith('ok 1001 - later case 499\n# fail 1'), record.evidence.slice(-200));
    assert.ok(!record.evidence.includes('ok 250 - case 250'), 'the middle of the log is left out');
    const log = fs.readFileSync(path.join(workspace.repo, record.logFile ?? ''), 'utf8');
    assert.equal(log.split('\n').filter((line) => line !== '').length, 1003, 'the log holds every line');
    assert.ok(log.includes('ok 250 - case 250'));
  });

  it('is an error when the command times out, with the output so far', async () => {
    workspace = gateWorkspace(scripts, { 'src.js': '1;\n' });
    const record = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node slow.js', testTimeoutMs: 1500 }, commands: { allowlist: ['node slow.js'] } }));
    assert.equal(record.status, 'error');
    assert.equal(record.summary, 'timed out after 1500 ms: the tests were stopped (output so far is the evidence)');
    assert.equal(record.evidence, 'started the slow suite');
    assert.equal(record.exitCode, undefined);
    assert.ok(record.durationMs >= 1500 && record.durationMs < 10_000, String(record.durationMs));
  });

  it('asks the person about a command the allowlist does not cover, and runs it once approved', async () => {
    workspace = gateWorkspace(scripts, { 'src.js': '1;\n' });
    const asked: CommandApproval[] = [];
    const record = await testsGate.run(
      gateContext(workspace, {
        settings: { testCommand: 'node pass.js' },
        commands: { allowlist: ['npm test'], approve: async (request) => (asked.push(request), { answer: 'run' }) },
      }),
    );
    assert.equal(record.status, 'passed');
    assert.deepEqual(asked.map((request) => [request.agent, request.command, request.cwd]), [['improve: tests gate', 'node pass.js', '.']]);
  });

  it('is an error with the refusal as evidence when the person declines, or cannot be asked — and nothing runs', async () => {
    workspace = gateWorkspace({ ...scripts, 'mark.js': "require('fs').writeFileSync('ran', '')\n" }, { 'src.js': '1;\n' });
    const declined = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node mark.js' }, commands: { allowlist: [], approve: async () => ({ answer: 'deny' }) } }));
    assert.equal(declined.status, 'error');
    assert.equal(declined.summary, 'the test command did not run: it was not approved');
    assert.equal(declined.evidence, 'The command "node mark.js" is not on the allowlist and not approved: the person declined to run it in ., so it did not run.');
    const unasked = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node mark.js' } }));
    assert.equal(unasked.status, 'error');
    assert.equal(unasked.evidence, 'The command "node mark.js" is not on the allowlist and not approved, so it did not run.');
    assert.equal(fs.existsSync(path.join(workspace.root, 'ran')), false);
  });

  it('is an error in Restricted Mode, and skipped with its reason when no test command is set', async () => {
    workspace = gateWorkspace(scripts, { 'src.js': '1;\n' });
    const restricted = await testsGate.run(gateContext(workspace, { settings: { testCommand: 'node pass.js' }, commands: { allowlist: ['node pass.js'] }, trusted: false }));
    assert.equal(restricted.status, 'error');
    assert.match(restricted.summary, /Restricted Mode/);
    const none = await testsGate.run(gateContext(workspace, { settings: { testCommand: '  ' } }));
    assert.equal(none.status, 'skipped');
    assert.equal(none.summary, 'no test command set: tests were not run');
    assert.equal(none.title, 'Tests');
  });

  it('rejects when cancelled, and the command is stopped', async () => {
    workspace = gateWorkspace(scripts, { 'src.js': '1;\n' });
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('cancelled by the person')), 500);
    await assert.rejects(
      testsGate.run(gateContext(workspace, { settings: { testCommand: 'node slow.js' }, commands: { allowlist: ['node slow.js'] }, signal: controller.signal })),
      /cancelled by the person/,
    );
    assert.ok(Date.now() - started < 10_000);
  });
});
