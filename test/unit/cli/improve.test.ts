/**
 * `nova improve` as CI runs it: the real CLI bundle on a real git repository (a committed copy of the
 * sample), the offline team. The exit code says whether every gate passed; the report is written as
 * Markdown and JSON; the branch is left for the job; the person's git state does not move.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { ImproveRecord } from '../../../src/core/improve/record';
import { git, gitState } from '../../support/gitState';
import { cliBundle, nova } from '../../support/novaCli';
import { sampleCopy, sampleRepository } from '../../support/sampleRepository';

const removeImports = ['--scope', 'src/report.ts', '--goal', 'remove unused imports'];

describe('nova improve', function () {
  this.timeout(180_000);
  before(function () {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
  });
  let repository: Awaited<ReturnType<typeof sampleRepository>>;
  let out: string;
  beforeEach(async () => {
    repository = await sampleRepository();
    out = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-improve-out-')));
  });
  afterEach(async () => {
    await repository.cleanup();
    await fs.rm(out, { recursive: true, force: true });
  });

  it('exits 0 when every gate passed, prints the phases, writes the report as Markdown and JSON, and leaves the branch', async () => {
    const before = gitState(repository.folder);
    const reportFile = path.join(out, 'report.md');
    const jsonFile = path.join(out, 'record.json');
    const ran = await nova(['improve', '--workspace', repository.folder, ...removeImports, '--test-command', `node -e "console.log('sample tests: 3 passing')"`, '--report', reportFile, '--json', jsonFile]);
    assert.equal(ran.code, 0, `${ran.stdout}\n${ran.stderr}`);
    for (const phase of ['preflight', 'worktree', 'agents', 'apply', 'typecheck', 'tests', 'report']) assert.match(ran.stdout, new RegExp(`^▸ ${phase}$`, 'm'), phase);
    assert.match(ran.stdout, /tests done in [\d.]+ s ✓ passed/);
    assert.match(ran.stdout, /^OFFERED: every gate passed\. The change is on branch nova\/improve\/\S+/m);

    const record = ImproveRecord.parse(JSON.parse(await fs.readFile(jsonFile, 'utf8')));
    assert.equal(record.state, 'ready');
    assert.equal(record.report?.offered, true);
    const branch = record.report?.branch ?? '';
    assert.equal(git(repository.folder, ['branch', '--list', branch]).trim(), branch, 'the branch is left for the CI job');
    assert.match(git(repository.folder, ['diff', `main..${branch}`, '--', 'src/report.ts']), /^-import \{ parseDate, daysBetween, formatDate, slugify \} from "\.\/util";$/m);

    const markdown = await fs.readFile(reportFile, 'utf8');
    assert.match(markdown, /src\/report\.ts/);
    assert.match(markdown, /sample tests: 3 passing/, 'the report quotes the test output');
    assert.match(markdown, new RegExp(branch.replace(/[/.]/g, '\\$&')), 'the report names the branch');
    assert.doesNotMatch(ran.stdout, /sample tests: 3 passing/, 'with --report the Markdown goes to the file, not stdout');
    assert.deepEqual(gitState(repository.folder), before);
  });

  it('exits 1 when the test command fails, with the failing output quoted in the report on stdout', async () => {
    const ran = await nova(['improve', '--workspace', repository.folder, ...removeImports, '--test-command', `node -e "console.error('report.test: expected 2, got 3'); process.exit(1)"`]);
    assert.equal(ran.code, 1, `${ran.stdout}\n${ran.stderr}`);
    assert.match(ran.stdout, /tests done in [\d.]+ s ✗ failed/);
    assert.match(ran.stdout, /report\.test: expected 2, got 3/);
    assert.match(ran.stdout, /^NOT OFFERED: .*did not pass/m);
  });

  it('exits 2 with one line outside a git repository, and for a missing scope or goal', async () => {
    const copy = await sampleCopy();
    try {
      const outside = await nova(['improve', '--workspace', copy.folder, ...removeImports]);
      assert.equal(outside.code, 2, outside.stderr);
      assert.match(outside.stderr, /^nova: .*not .*git repository/i);
      assert.equal(outside.stderr.trim().split('\n').length, 1, outside.stderr);
      assert.equal(existsSync(path.join(copy.folder, '.nova')), false, 'nothing was created');
    } finally {
      await copy.cleanup();
    }
    for (const [args, expected] of [
      [['improve', '--workspace', repository.folder, '--goal', 'x'], /^nova: nova improve needs --scope GLOB/],
      [['improve', '--workspace', repository.folder, '--scope', 'src/**'], /^nova: nova improve needs --goal TEXT/],
      [['improve', '--workspace', repository.folder, '--scope', 'src/**', '--preset', 'rewrite-it-all'], /^nova: --preset rewrite-it-all: not a preset; use one of remove-dead-code, /],
    ] as const) {
      const ran = await nova(args);
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, expected);
    }
  });
});
