/**
 * What an improve run may not write (core/improve/protection.ts): each category with the reason a
 * person reads, the goal naming a test, the person's globs, the scope, and the spelling tricks
 * (case, trailing dots, ignorable characters) the built-in rules already defeat.
 */
import * as assert from 'node:assert/strict';
import { classifyWorktreeChanges, ImproveProtection, type ImproveProtectionOptions } from '../../../src/core/improve/protection';
import { defaultImproveSettings } from '../../../src/core/improve/settings';

function protection(options: Partial<ImproveProtectionOptions> = {}): ImproveProtection {
  return ImproveProtection.create({ settings: defaultImproveSettings, goal: 'remove dead code', scope: ['src/**'], target: 'code', ...options });
}

describe('improve protection', () => {
  it('keeps every built-in protected path protected, the constitution and the evals in an agents run too', () => {
    for (const target of ['code', 'agents'] as const) {
      const rules = protection({ target, scope: ['**'] });
      assert.match(rules.reason('.git/config') ?? '', /"\.git\/" is git's own data/);
      assert.match(rules.reason('.nova/constitution.md') ?? '', /the team's constitution/);
      assert.match(rules.reason('.nova/evals/rename.json') ?? '', /the evaluation tasks/);
      assert.match(rules.reason('.nova/gates.json') ?? '', /gate configuration/);
      assert.match(rules.reason('.github/workflows/ci.yml') ?? '', /CI configuration/);
      assert.match(rules.reason('.vscode/settings.json') ?? '', /editor settings/);
    }
  });

  it("protects the gates' configuration wherever a package keeps it", () => {
    const rules = protection({ scope: ['**'] });
    const cases: [string, RegExp][] = [
      ['package.json', /"package\.json" is the gates' configuration \(its scripts define the test command\)/],
      ['packages/api/package.json', /gates' configuration/],
      ['tsconfig.json', /type-check gate's configuration/],
      ['tsconfig.build.json', /type-check gate's configuration/],
      ['src/webview/tsconfig.json', /type-check gate's configuration/],
      ['test/unit/.mocharc.json', /test runner's configuration/],
      ['.mocharc.yml', /test runner's configuration/],
      ['jest.config.ts', /test runner's configuration/],
      ['vitest.config.mts', /test runner's configuration/],
      ['karma.conf.js', /test runner's configuration/],
      ['.nycrc', /test runner's configuration/],
      ['playwright.config.ts', /test runner's configuration/],
      ['eslint.config.mjs', /linter's configuration/],
    ];
    for (const [file, reason] of cases) assert.match(rules.reason(file) ?? '(writable)', reason, file);
  });

  it('protects the files the test command names, and only those beyond the conventions', () => {
    const rules = protection({ scope: ['**'], testCommand: 'node ./scripts/run-tests.mjs --reporter=dot && bash tools/check' });
    assert.match(rules.reason('scripts/run-tests.mjs') ?? '', /"scripts\/run-tests\.mjs" is run by the test command \(node \.\/scripts\/run-tests\.mjs/);
    assert.match(rules.reason('tools/check/lib.sh') ?? '', /run by the test command/, 'a folder the command names is protected with what is in it');
    assert.equal(rules.reason('scripts/build.mjs'), undefined);
    const fromSettings = protection({ scope: ['**'], settings: { ...defaultImproveSettings, testCommand: 'sh ci-tests.sh' } });
    assert.match(fromSettings.reason('ci-tests.sh') ?? '', /run by the test command \(sh ci-tests\.sh\)/);
  });

  it('protects the tests by their conventions, at any depth', () => {
    const rules = protection({ scope: ['**'] });
    for (const file of ['src/board.test.ts', 'src/board.spec.tsx', 'test/unit/board.test.ts', 'test/helpers.ts', 'tests/x.js', 'src/__tests__/board.ts', 'spec/board_spec.rb', 'pkg/test/fixture.json', 'src/__snapshots__/board.ts.snap', 'cmd/main_test.go', 'tools/test_paths.py']) {
      assert.match(rules.reason(file) ?? '(writable)', /is a test the test gate runs \(tests are protected unless the goal names them\)/, file);
    }
    for (const file of ['src/board.ts', 'src/testing.ts', 'src/contest/x.ts', 'docs/tests.md', 'src/latest.ts']) assert.equal(rules.reason(file), undefined, file);
  });

  it('lets a goal name a test by its path, exactly and as a whole word', () => {
    const named = protection({ scope: ['**'], goal: 'Fix the flaky assertion in ./test/board.test.ts.' });
    assert.equal(named.reason('test/board.test.ts'), undefined);
    assert.match(named.reason('test/other.test.ts') ?? '', /a test the test gate runs/, 'another test stays protected');
    assert.match(named.reason('test/board.test.tsx') ?? '', /a test/, 'a longer name is not the one named');
    assert.match(protection({ scope: ['**'], goal: 'fix unit/test/board.test.ts' }).reason('test/board.test.ts') ?? '', /a test/, 'a longer path that ends in it names another file');
    assert.match(protection({ scope: ['**'], goal: 'fix board.test.ts' }).reason('test/board.test.ts') ?? '', /a test/, 'a bare file name names no path');
    assert.match(protection({ scope: ['**'], goal: 'fix TEST/Board.test.ts' }).reason('test/board.test.ts') ?? '', /a test/, 'case-sensitive');
  });

  it('lets a scope entry shaped like tests name them, but not a wide glob that happens to reach them', () => {
    assert.equal(protection({ scope: ['test/**'] }).reason('test/unit/board.test.ts'), undefined);
    assert.equal(protection({ scope: ['src/**/*.spec.ts'] }).reason('src/a/board.spec.ts'), undefined);
    assert.equal(protection({ scope: ['tests'] }).reason('tests/board.js'), undefined, 'a plain folder of tests');
    assert.equal(protection({ scope: ['src/board.test.ts'] }).reason('src/board.test.ts'), undefined, 'a plain test file');
    assert.match(protection({ scope: ['src/board.test.ts'] }).reason('src/other.test.ts') ?? '', /a test/);
    for (const scope of [['src/**'], ['**'], ['**/*.ts'], ['{src,test}/**']]) {
      assert.match(protection({ scope }).reason('test/board.test.ts') ?? '(writable)', /a test the test gate runs/, scope.join(','));
    }
  });

  it("protects the team's definitions except in a run that improves the agents", () => {
    const code = protection({ scope: ['**'] });
    assert.match(code.reason('.nova/agents/reviewer.md') ?? '', /the team's own agent definitions/);
    assert.match(code.reason('.claude/agents/helper.md') ?? '', /the team's own agent definitions/);
    const agents = protection({ scope: ['.nova/agents/**'], target: 'agents' });
    assert.equal(agents.reason('.nova/agents/reviewer.md'), undefined);
    assert.equal(agents.refusal('.nova/agents/reviewer.md'), undefined);
    assert.match(agents.reason('.nova/constitution.md') ?? '', /constitution/);
    assert.match(agents.reason('test/evals.test.ts') ?? '', /a test/);
  });

  it("protects other editors' settings", () => {
    const rules = protection({ scope: ['**'] });
    for (const file of ['.idea/workspace.xml', 'app/.idea/runConfigurations/x.xml', 'nova.code-workspace', '.editorconfig', '.devcontainer/devcontainer.json', '.zed/settings.json']) {
      assert.match(rules.reason(file) ?? '(writable)', /editor|development container/, file);
    }
  });

  it("protects the person's globs, and plain paths as files or folders", () => {
    const rules = protection({ scope: ['**'], settings: { ...defaultImproveSettings, protectedPaths: ['src/generated/**', 'LICENSE', 'docs/legal'] } });
    assert.match(rules.reason('src/generated/api.ts') ?? '', /"src\/generated\/api\.ts" matches "src\/generated\/\*\*" in your protected paths \(nova\.improve\.protectedPaths\)/);
    assert.match(rules.reason('LICENSE') ?? '', /matches "LICENSE"/);
    assert.match(rules.reason('docs/legal/terms.md') ?? '', /matches "docs\/legal"/);
    assert.equal(rules.reason('docs/legalese.md'), undefined);
    assert.equal(rules.reason('src/board.ts'), undefined);
  });

  it('sees through case, trailing dots and spaces and ignorable characters, as the built-in rules do', () => {
    const rules = protection({ scope: ['**'], settings: { ...defaultImproveSettings, protectedPaths: ['secrets/**'] } });
    const tricks = ['TEST/Board.test.ts', 'test./board.ts', 'te\u200cst/board.ts', 'src/board.TEST.ts', 'Package.JSON', 'package.json.', 'package.json ', 'ts\u00adconfig.json', 'SECRETS/key', 'se\u200bcrets/key', '.Nova/Constitution.md', '.ID\u200dEA/x.xml'];
    for (const file of tricks) assert.notEqual(rules.reason(file), undefined, JSON.stringify(file));
  });

  it('says what is in scope: globs, plain files and plain folders', () => {
    const rules = protection({ scope: ['src/**/*.ts', 'lib', './docs/guide.md'] });
    assert.equal(rules.inScope('src/a/b.ts'), true);
    assert.equal(rules.inScope('src/a/b.js'), false);
    assert.equal(rules.inScope('lib/x/y.js'), true);
    assert.equal(rules.inScope('library/x.js'), false);
    assert.equal(rules.inScope('docs/guide.md'), true);
    assert.equal(rules.inScope('docs/other.md'), false);
    assert.match(rules.refusal('README.md') ?? '', /"README\.md" is outside the run's scope \(src\/\*\*\/\*\.ts, lib, \.\/docs\/guide\.md\)/);
    assert.match(rules.refusal('src/a.test.ts') ?? '', /a test/, 'protection comes before scope');
    assert.equal(rules.refusal('src/a.ts'), undefined);
  });

  it("sorts what a command changed in the worktree into what stays and what is restored, each refusal the command's", () => {
    const rules = protection({ scope: ['src/**'] });
    const sorted = classifyWorktreeChanges(['src/board.ts', 'package.json', 'README.md', 'src/board.test.ts', 'src/util.ts'], rules);
    assert.deepEqual(sorted.allowed, ['src/board.ts', 'src/util.ts']);
    assert.deepEqual(sorted.refused.map((attempt) => [attempt.path, attempt.agent, attempt.via]), [
      ['package.json', 'command', 'command'], ['README.md', 'command', 'command'], ['src/board.test.ts', 'command', 'command'],
    ]);
    assert.match(sorted.refused[1]?.reason ?? '', /outside the run's scope/);
  });
});
