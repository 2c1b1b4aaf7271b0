import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { sarifErrors } from '../../support/sarifSchema';
import { cliBundle, nova } from '../../support/novaCli';
import { tempWorkspace } from '../../support/team';

/** A workspace with known findings: two files with some, one suppressed, one malformed suppression, one clean file. */
const fixture = {
  'src/a.ts': ['export function same(a: unknown, b: unknown): boolean {', '  return a == b;', '}', "export const n: number = 'x';", ''].join('\n'),
  'src/b.ts': [
    'export function f(x: number): number {',
    '  // nova-ignore loose-equality: legacy comparison kept on purpose',
    '  if (x == 1) return 1;',
    '  if (x == 2) return 2; // nova-ignore loose-equality',
    '  return 0;',
    '}',
    '',
  ].join('\n'),
  'src/clean.ts': 'export const ok = 1;\n',
};

const findingLines = [
  'src/a.ts:2:12 warning loose-equality `a == b` compares with type coercion.',
  "src/a.ts:4:14 error ts-2322 Type 'string' is not assignable to type 'number'.",
  '',
  'src/b.ts:4:9 warning loose-equality `x == 2` compares with type coercion.',
  'src/b.ts:4:25 warning nova-ignore This nova-ignore comment gives no reason, so it suppresses nothing (loose-equality is still reported).',
];
const summaryLine = '4 findings in 2 files (3 files reviewed); 1 suppressed by nova-ignore comment.';

describe('nova review', function () {
  this.timeout(120_000);
  before(function () {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
  });
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace(fixture);
  });
  afterEach(() => workspace.cleanup());
  const review = (args: readonly string[]) => nova(['review', ...args], {}, workspace.folder);

  it('text: one line per finding, grouped by file, then the summary table; exit 1 for an error finding', async () => {
    const ran = await review([]);
    assert.equal(ran.code, 1, ran.stderr);
    assert.equal(ran.stderr, '');
    const expected = [
      ...findingLines,
      '',
      summaryLine,
      '',
      '  severity  findings',
      '  error     1',
      '  warning   3',
      '',
      '  rule            findings',
      '  loose-equality  2',
      '  nova-ignore     1',
      '  ts-2322         1',
      '',
    ].join('\n');
    assert.equal(ran.stdout, expected);
  });

  it('reviews only the paths named, relative to --workspace, from anywhere', async () => {
    const ran = await nova(['review', '--workspace', workspace.folder, 'src/b.ts'], {}, path.dirname(workspace.folder));
    assert.equal(ran.code, 0, ran.stderr);
    assert.deepEqual(ran.stdout.split('\n').slice(0, 3), [...findingLines.slice(3), '']);
    assert.match(ran.stdout, /^2 findings in 1 file \(1 file reviewed\); 1 suppressed by nova-ignore comment\.$/m);
  });

  it('json: the documented shape, with fingerprints, 1-based ranges and the suppressed finding with its reason', async () => {
    const ran = await review(['--format', 'json']);
    assert.equal(ran.code, 1, ran.stderr);
    const report = JSON.parse(ran.stdout) as { version: number; summary: Record<string, unknown>; findings: Record<string, unknown>[]; suppressed: Record<string, unknown>[]; problems: string[] };
    assert.equal(report.version, 1);
    assert.deepEqual(report.summary, { files: 3, findings: 4, suppressed: 1, baselined: 0, bySeverity: { error: 1, warning: 3, info: 0, hint: 0 }, byRule: { 'loose-equality': 2, 'nova-ignore': 1, 'ts-2322': 1 } });
    const [{ fixes, ...first } = {}] = report.findings;
    const equalsAt = fixture['src/a.ts'].indexOf('==');
    assert.deepEqual((fixes as { edits: unknown[] }[] | undefined)?.map((fix) => fix.edits), [[{ start: equalsAt, end: equalsAt + 2, newText: '===' }]], 'the loose equality carries its fix');
    assert.deepEqual(
      { ...first, fingerprint: undefined },
      { fingerprint: undefined, path: 'src/a.ts', line: 2, column: 12, severity: 'warning', rule: 'loose-equality', message: '`a == b` compares with type coercion.', suggestion: 'Use `===`.', range: { startLine: 2, startColumn: 12, endLine: 2, endColumn: 14 }, confidence: 'high', analyzer: 'loose-equality' },
    );
    for (const found of report.findings) assert.match(String(found.fingerprint), /^[0-9a-f]{32}$/);
    assert.equal(new Set(report.findings.map((found) => found.fingerprint)).size, 4);
    assert.deepEqual(report.suppressed.map(({ path: at, line, rule, reason }) => ({ at, line, rule, reason })), [{ at: 'src/b.ts', line: 3, rule: 'loose-equality', reason: 'legacy comparison kept on purpose' }]);
    assert.deepEqual(report.problems, []);
  });

  it('sarif: a SARIF 2.1.0 log that validates against the official schema, with rules, levels, regions and fingerprints', async () => {
    const ran = await review(['--format', 'sarif']);
    assert.equal(ran.code, 1, ran.stderr);
    const log = JSON.parse(ran.stdout) as SarifLog;
    assert.deepEqual(sarifErrors(log), []);
    const [run] = log.runs;
    assert.ok(run);
    const ruleIds = run.tool.driver.rules.map((rule) => rule.id);
    for (const id of ['loose-equality', 'hardcoded-secret', 'nova-ignore', 'ts-2322']) assert.ok(ruleIds.includes(id), `rule ${id} in ${ruleIds.join(', ')}`);
    for (const rule of run.tool.driver.rules) assert.ok(rule.shortDescription.text && rule.help.text, rule.id);
    const reported = run.results.filter((result) => !result.suppressions);
    assert.deepEqual(
      reported.map((result) => [result.ruleId, result.level, result.locations[0]?.physicalLocation.artifactLocation.uri, result.locations[0]?.physicalLocation.region]),
      [
        ['loose-equality', 'warning', 'src/a.ts', { startLine: 2, startColumn: 12, endLine: 2, endColumn: 14 }],
        ['ts-2322', 'error', 'src/a.ts', { startLine: 4, startColumn: 14, endLine: 4, endColumn: 15 }],
        ['loose-equality', 'warning', 'src/b.ts', { startLine: 4, startColumn: 9, endLine: 4, endColumn: 11 }],
        ['nova-ignore', 'warning', 'src/b.ts', { startLine: 4, startColumn: 25, endLine: 4, endColumn: 54 }],
      ],
    );
    for (const result of run.results) {
      assert.equal(run.tool.driver.rules[result.ruleIndex]?.id, result.ruleId);
      assert.equal(result.locations[0]?.physicalLocation.artifactLocation.uriBaseId, 'WORKSPACE');
      assert.match(result.partialFingerprints['novaFingerprint/v1'] ?? '', /^[0-9a-f]{32}$/);
    }
    assert.deepEqual(run.results.filter((result) => result.suppressions).map((result) => result.suppressions), [[{ kind: 'inSource', justification: 'legacy comparison kept on purpose' }]]);
    const equalsAt = fixture['src/a.ts'].indexOf('==');
    const fixed = (reported as (SarifLog['runs'][number]['results'][number] & { fixes?: { artifactChanges: unknown[] }[] })[]).map((result) => result.fixes?.map((fix) => fix.artifactChanges));
    assert.deepEqual(fixed[0], [[{ artifactLocation: { uri: 'src/a.ts', uriBaseId: 'WORKSPACE' }, replacements: [{ deletedRegion: { charOffset: equalsAt, charLength: 2 }, insertedContent: { text: '===' } }] }]]);
    assert.equal(fixed[1], undefined, 'a type error has no mechanical fix');
    assert.equal(run.originalUriBaseIds.WORKSPACE?.uri, `file://${workspace.folder}/`);
  });

  it('the schema check is live: a log with a wrong level, a 0 line or no driver name fails validation', async () => {
    const log = JSON.parse((await review(['--format', 'sarif'])).stdout) as SarifLog;
    assert.deepEqual(sarifErrors(log), []);
    const broken = structuredClone(log) as unknown as { runs: { tool: { driver: { name?: string } }; results: { level: string; locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[] };
    const run = broken.runs[0];
    assert.ok(run?.results[0]?.locations[0]);
    run.results[0].level = 'fatal';
    run.results[0].locations[0].physicalLocation.region.startLine = 0;
    delete run.tool.driver.name;
    const errors = sarifErrors(broken);
    assert.ok(errors.some((error) => /level must be equal to one of the allowed values/.test(error)), errors.join('\n'));
    assert.ok(errors.some((error) => /startLine must be >= 1/.test(error)), errors.join('\n'));
    assert.ok(errors.some((error) => /must have required property 'name'/.test(error)), errors.join('\n'));
    assert.notDeepEqual(sarifErrors({ version: '2.0.0', runs: [] }), []);
  });

  it('markdown: a table per file for a pull-request comment', async () => {
    const ran = await review(['--format', 'markdown']);
    assert.equal(ran.code, 1, ran.stderr);
    assert.equal(
      ran.stdout,
      [
        '## Nova review: 4 findings (1 error, 3 warnings)',
        '',
        summaryLine,
        '',
        '### `src/a.ts`',
        '',
        '| Line | Severity | Rule | Message |',
        '| --- | --- | --- | --- |',
        '| 2:12 | warning | `loose-equality` | \\`a == b\\` compares with type coercion. — Use \\`===\\`. |',
        "| 4:14 | error | `ts-2322` | Type 'string' is not assignable to type 'number'. |",
        '',
        '### `src/b.ts`',
        '',
        '| Line | Severity | Rule | Message |',
        '| --- | --- | --- | --- |',
        '| 4:9 | warning | `loose-equality` | \\`x == 2\\` compares with type coercion. — Use \\`===\\`. |',
        '| 4:25 | warning | `nova-ignore` | This nova-ignore comment gives no reason, so it suppresses nothing (loose-equality is still reported). — Write it as // nova-ignore loose-equality: \\<why this finding is accepted\\> |',
        '',
      ].join('\n'),
    );
  });

  it('--output writes the report there (parent folders made) and prints the summary', async () => {
    const target = path.join(workspace.folder, 'reports', 'deep', 'nova.sarif');
    const ran = await review(['--format', 'sarif', '--output', 'reports/deep/nova.sarif']);
    assert.equal(ran.code, 1, ran.stderr);
    assert.deepEqual(sarifErrors(JSON.parse(await fs.readFile(target, 'utf8'))), []);
    assert.equal(ran.stdout.split('\n')[0], summaryLine);
    assert.ok(ran.stdout.split('\n').includes('  error     1'), ran.stdout);
    assert.equal(ran.stdout.trimEnd().split('\n').at(-1), `Report (sarif): ${target}`);
  });

  it('is in the usage', async () => {
    const help = await nova(['--help']);
    assert.match(help.stdout, /^ {2}nova review \[PATH\]\.\.\. \[--workspace DIR\] \[--changed\] \[--format text\|json\|sarif\|markdown\] \[--output FILE\]$/m);
  });

  it('exit codes follow --fail-on', async () => {
    assert.equal((await review(['--fail-on', 'error'])).code, 1);
    assert.equal((await review(['--fail-on', 'never'])).code, 0);
    // src/b.ts has warnings only.
    assert.equal((await review(['src/b.ts'])).code, 0);
    assert.equal((await review(['src/b.ts', '--fail-on', 'warning'])).code, 1);
    assert.equal((await review(['src/clean.ts', '--fail-on', 'warning'])).code, 0);
  });

  it('a path that does not exist, a bad flag or value: exit 2 with one line on stderr', async () => {
    for (const [args, expected] of [
      [['src/nosuch.ts'], /^nova: src\/nosuch\.ts: no such file or folder in /],
      [['src', 'nosuchdir'], /^nova: nosuchdir: no such file or folder in /],
      [['../outside'], /^nova: \.\.\/outside: /],
      [['--format', 'xml'], /^nova: --format xml: use one of text, json, sarif, markdown\n$/],
      [['--fail-on', 'info'], /^nova: --fail-on info: use one of error, warning, never\n$/],
      [['--bogus'], /^nova: Unknown option '--bogus'/],
      [['--workspace', path.join(workspace.folder, 'nope')], /^nova: No such folder: /],
    ] as const) {
      const ran = await review(args);
      assert.equal(ran.code, 2, `${args.join(' ')}: ${ran.stderr}`);
      assert.match(ran.stderr, expected);
      assert.equal(ran.stderr.trim().split('\n').length, 1, `one line: ${ran.stderr}`);
      assert.equal(ran.stdout, '');
    }
  });

  it('--changed outside a git repository: a clear error, exit 2', async () => {
    const ran = await review(['--changed']);
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^nova: --changed: .* is not in a git repository/);
    assert.equal(ran.stderr.trim().split('\n').length, 1);
  });

  it('--changed reviews only the files changed against HEAD: unstaged, staged and untracked', async () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace.folder, env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', HOME: workspace.folder, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
    await fs.writeFile(path.join(workspace.folder, 'src/c.ts'), 'export const c = (a: number, b: number) => a == b;\n');
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'start');
    const clean = await review(['--changed']);
    assert.equal(clean.code, 0, clean.stderr);
    assert.equal(clean.stdout, '0 findings in 0 files (0 files reviewed).\n');

    await fs.appendFile(path.join(workspace.folder, 'src/a.ts'), 'export const later = 1;\n'); // modified, not staged
    await fs.appendFile(path.join(workspace.folder, 'src/b.ts'), 'export const staged = 2;\n');
    git('add', 'src/b.ts'); // staged
    const ran = await review(['--changed', '--format', 'json']);
    const report = JSON.parse(ran.stdout) as { summary: { files: number }; findings: { path: string }[] };
    assert.equal(report.summary.files, 2);
    assert.deepEqual([...new Set(report.findings.map((found) => found.path))], ['src/a.ts', 'src/b.ts']);

    await fs.writeFile(path.join(workspace.folder, 'src/new.ts'), 'export const n = (a: string, b: string) => a == b;\n'); // untracked
    const withNew = JSON.parse((await review(['--changed', '--format', 'json'])).stdout) as typeof report;
    assert.equal(withNew.summary.files, 3);
    assert.deepEqual([...new Set(withNew.findings.map((found) => found.path))], ['src/a.ts', 'src/b.ts', 'src/new.ts']);
    // Paths narrow the changed files; src/c.ts (unchanged) is never reviewed.
    const narrowed = JSON.parse((await review(['--changed', '--format', 'json', 'src/new.ts', 'src/c.ts'])).stdout) as typeof report;
    assert.equal(narrowed.summary.files, 1);
    assert.deepEqual([...new Set(narrowed.findings.map((found) => found.path))], ['src/new.ts']);
  });

  it('baseline round trip: --update-baseline accepts every finding; then 0 reported; a new defect alone is reported', async () => {
    const updated = await review(['--update-baseline']);
    assert.equal(updated.code, 0, updated.stderr);
    assert.match(updated.stdout, /^Baseline: 4 findings accepted in \.nova\/review-baseline\.json\.$/m);
    const baseline = JSON.parse(await fs.readFile(path.join(workspace.folder, '.nova', 'review-baseline.json'), 'utf8')) as { version: number; findings: { fingerprint: string; rule: string; path: string }[] };
    assert.equal(baseline.version, 1);
    assert.deepEqual(baseline.findings.map((entry) => `${entry.path} ${entry.rule}`), ['src/a.ts loose-equality', 'src/a.ts ts-2322', 'src/b.ts loose-equality', 'src/b.ts nova-ignore']);
    assert.deepEqual((await fs.readdir(path.join(workspace.folder, '.nova'))).filter((name) => name.includes('.tmp-')), []);

    const again = await review([]);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(again.stdout, '0 findings in 0 files (3 files reviewed); 1 suppressed by nova-ignore comment; 4 in the baseline.\n');

    // Lines added above the old findings move them; their fingerprints do not change. The new defect is reported alone.
    const a = path.join(workspace.folder, 'src/a.ts');
    await fs.writeFile(a, `export const isZero = (x: number) => x == 0;\n${await fs.readFile(a, 'utf8')}`);
    const fresh = await review([]);
    assert.equal(fresh.code, 0, fresh.stderr);
    assert.equal(fresh.stdout.split('\n')[0], 'src/a.ts:1:40 warning loose-equality `x == 0` compares with type coercion.');
    assert.match(fresh.stdout, /^1 finding in 1 file \(3 files reviewed\); 1 suppressed by nova-ignore comment; 4 in the baseline\.$/m);
  });

  it('--update-baseline on one path keeps the other files’ entries; a damaged baseline is one line, exit 2', async () => {
    await review(['--update-baseline']);
    await fs.writeFile(path.join(workspace.folder, 'src/b.ts'), 'export const fixed = 1;\n');
    const partial = await review(['--update-baseline', 'src/b.ts']);
    assert.equal(partial.code, 0, partial.stderr);
    const file = path.join(workspace.folder, '.nova', 'review-baseline.json');
    const baseline = JSON.parse(await fs.readFile(file, 'utf8')) as { findings: { rule: string; path: string }[] };
    assert.deepEqual(baseline.findings.map((entry) => `${entry.path} ${entry.rule}`), ['src/a.ts loose-equality', 'src/a.ts ts-2322']);

    await fs.writeFile(file, '{"version": 1, "findings": [{"fingerprint": "nope", "rule": "x", "path": "y"}]}');
    const damaged = await review([]);
    assert.equal(damaged.code, 2);
    assert.equal(damaged.stderr, 'nova: .nova/review-baseline.json is not a review baseline: findings.0.fingerprint: a 32-digit hex fingerprint\n');
  });
});

describe('nova run "/review …"', function () {
  this.timeout(120_000);
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace(fixture);
  });
  afterEach(() => workspace.cleanup());

  it('prints the verdict’s findings as path:line:col lines, and a path that does not exist is said, not reviewed', async () => {
    const ran = await nova(['run', '--workspace', workspace.folder, '/review src']);
    assert.equal(ran.code, 0, ran.stderr);
    assert.match(ran.stdout, /\nVerdict from reviewer: request changes \(confidence 0\.7\), \d+ findings:\n/);
    assert.ok(ran.stdout.includes('\nsrc/a.ts:2:1 warning loose-equality `a == b` compares with type coercion.\n'), ran.stdout);
    assert.ok(ran.stdout.includes("\nsrc/a.ts:4:1 error ts-2322 Type 'string' is not assignable to type 'number'.\n"), ran.stdout);

    const missing = await nova(['run', '--workspace', workspace.folder, '/review nosuchdir']);
    assert.match(missing.stdout, /\nAnswer from concierge:\n\[offline\] Nothing was done: "nosuchdir" is not a file or folder in the workspace\./);
    assert.doesNotMatch(missing.stdout, /review_analyzers/);
  });
});

interface SarifLog {
  runs: {
    tool: { driver: { name: string; rules: { id: string; shortDescription: { text: string }; help: { text: string } }[] } };
    originalUriBaseIds: Record<string, { uri: string } | undefined>;
    results: {
      ruleId: string;
      ruleIndex: number;
      level: string;
      locations: { physicalLocation: { artifactLocation: { uri: string; uriBaseId: string }; region: Record<string, number> } }[];
      partialFingerprints: Record<string, string | undefined>;
      suppressions?: { kind: string; justification: string }[];
    }[];
  }[];
}
