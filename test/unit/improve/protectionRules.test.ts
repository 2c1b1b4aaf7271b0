/**
 * Every rule of an improve run's protection on its own (issue 18's mutation testing found rules no
 * test would miss): each test runner's and linter's configuration, each test and editor convention,
 * which words of a test command are paths, how scope entries and the person's globs are spelled
 * (`./`, trailing slashes, `.`, case, dotfiles), and a goal whose scope names tests among others.
 */
import * as assert from 'node:assert/strict';
import { ImproveProtection, testCommandPaths, type ImproveProtectionOptions } from '../../../src/core/improve/protection';
import { defaultImproveSettings } from '../../../src/core/improve/settings';

function protection(options: Partial<ImproveProtectionOptions> = {}): ImproveProtection {
  return ImproveProtection.create({ settings: defaultImproveSettings, goal: 'remove dead code', scope: ['**'], target: 'code', ...options });
}

describe('improve protection: every rule', () => {
  it("protects each test runner's, type checker's and linter's configuration by name", () => {
    const rules = protection();
    const cases: [string, string][] = [
      ['jsconfig.json', "the type-check gate's configuration"],
      ['vitest.workspace.ts', "the test runner's configuration"],
      ['nyc.config.js', "the test runner's configuration"],
      ['.c8rc.json', "the test runner's configuration"],
      ['cypress.config.ts', "the test runner's configuration"],
      ['ava.config.mjs', "the test runner's configuration"],
      ['.taprc', "the test runner's configuration"],
      ['pytest.ini', "the test runner's configuration"],
      ['tox.ini', "the test runner's configuration"],
      ['tests/conftest.py', "the test runner's configuration"],
      ['.eslintrc.json', "the linter's configuration"],
    ];
    for (const [file, reason] of cases) assert.match(rules.reason(file) ?? '(writable)', new RegExp(`is ${reason.replace(/[.()]/g, '\\$&')}`), file);
  });

  it('protects snapshots by their folder and by their extension, each on its own', () => {
    const rules = protection();
    for (const file of ['src/__snapshots__/board.js', 'src/board.snap']) assert.match(rules.reason(file) ?? '(writable)', /a test the test gate runs/, file);
  });

  it("protects each other editor's settings, saying which", () => {
    const rules = protection();
    for (const file of ['.fleet/settings.json', '.vs/slnx.sqlite']) assert.match(rules.reason(file) ?? '(writable)', /an editor's settings \(they can run code\)/, file);
    assert.equal(rules.reason('.editorconfig'), '".editorconfig" is editor settings (how every editor formats the code)');
  });
});

describe('improve protection: the paths of a test command', () => {
  const cases: [string, string[]][] = [
    ['npm test', []],
    ['npm run test:unit -- --grep "a b"', []],
    ['node ./scripts/run-tests.mjs --reporter=dot', ['scripts/run-tests.mjs']],
    ['mocha --require=tools/setup.js --config=test/.mocharc.json', ['tools/setup.js', 'test/.mocharc.json']],
    ["node 'scripts/o\"neil.js' \"tools/x.js\"", ['scripts/o"neil.js', 'tools/x.js']],
    ['bash tools/check/ && (cd sub;make check)|tee out.log', ['tools/check', 'out.log']],
    ['node tools/opt-a=b.js', ['tools/opt-a=b.js']],
    ['jest --rootDir=/abs/path https://example.com/x.js C:tests', []],
    ['node ../outside/x.js lib/../../y.js ./ ./. .', []],
    ['python -m pytest', []],
    ['jest -c./jest.json', []],
    ['npm test -- --tag=v1.x-beta', []],
  ];
  for (const [command, paths] of cases) {
    it(`${JSON.stringify(command)} names ${paths.length === 0 ? 'no path' : paths.join(', ')}`, () => {
      assert.deepEqual(testCommandPaths(command), paths);
    });
  }

  it('protects a named path whatever its case or a trailing dot, and nothing the command only mentions as a word', () => {
    const rules = protection({ testCommand: 'node Scripts/Run.mjs' });
    assert.match(rules.reason('scripts/run.mjs') ?? '(writable)', /run by the test command \(node Scripts\/Run\.mjs\)/);
    assert.match(rules.reason('Scripts/Run.mjs.') ?? '(writable)', /run by the test command/);
    assert.equal(rules.reason('node'), undefined);
  });
});

describe('improve protection: how scope entries and globs are spelled', () => {
  it('takes "." and "./" as the whole workspace', () => {
    for (const scope of [['.'], ['./']]) assert.equal(protection({ scope }).inScope('src/deep/a.ts'), true, scope[0]);
  });

  it('takes a folder with trailing slashes, and keeps a "./" that is part of a name', () => {
    assert.equal(protection({ scope: ['lib//'] }).inScope('lib/x.js'), true);
    assert.equal(protection({ scope: ['release./'] }).inScope('release./notes.md'), true);
    assert.equal(protection({ scope: ['release./'] }).inScope('release/notes.md'), false);
  });

  it('matches scope globs case-sensitively and dotfiles too', () => {
    const rules = protection({ scope: ['src/**'] });
    assert.equal(rules.inScope('src/.config/x.ts'), true);
    assert.equal(rules.inScope('SRC/a.ts'), false);
  });

  it("matches the person's globs and plain paths whatever the case", () => {
    const rules = protection({ settings: { ...defaultImproveSettings, protectedPaths: ['Generated/**', 'LICENSE'] } });
    assert.match(rules.reason('generated/api.ts') ?? '(writable)', /matches "Generated\/\*\*" in your protected paths/);
    assert.match(rules.reason('License') ?? '(writable)', /matches "LICENSE"/);
  });

  it('lets a scope of source and tests name the tests it lists', () => {
    const rules = protection({ scope: ['src/**', 'test/**'] });
    assert.equal(rules.reason('test/unit/board.test.ts'), undefined);
    assert.match(protection({ scope: ['src/**', 'docs/**'] }).reason('test/unit/board.test.ts') ?? '(writable)', /a test/);
  });
});
