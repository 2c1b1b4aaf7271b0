/**
 * What an improve run may not write, and what it may. An agent that improves code must not be able
 * to change what judges it: on top of the paths no agent may ever change (workspace/protectedPaths.ts:
 * `.git`, editor tasks, Nova's state, the constitution, the evals, CI), an improve run may not touch
 * the gates' configuration, the tests the test gate runs (unless the goal names them), the team's own
 * definitions (unless it improves the agents), other editors' settings, or the person's own globs.
 *
 * These rules hold at every place a write could happen, whatever the person approved before: the
 * orchestrator refuses a proposal naming such a path (activation.ts, `protectedPath`), the loop
 * restores any such file a command changed in the worktree (`classifyWorktreeChanges`), and the
 * apply step writes nothing outside `refusal`. No setting an agent can reach widens them.
 *
 * Matching uses the same path key as the built-in rules (case, trailing dots and spaces, characters
 * some file systems ignore), so `Test/A.TEST.ts.` is protected wherever `test/a.test.ts` is.
 *
 * When the goal "names" a test, the test is writable again. It names one when either:
 * - the goal's text mentions the test's workspace-relative path exactly (`fix test/board.test.ts`,
 *   `./test/board.test.ts` too; case-sensitive, as a whole word); or
 * - a scope entry matches the test and is itself shaped like a test path: `test/**`,
 *   `src/**\/*.spec.ts`, `test/board.test.ts`, the folder `tests`. A wide glob (`src/**`, `**`) that
 *   happens to reach tests does not name them; a person who means them lists them.
 */
import picomatch from 'picomatch';
import { protectedPathKey, protectedPathReason } from '../workspace/protectedPaths';
import type { ImproveRequest, ProtectedAttempt } from './record';
import type { ImproveSettings } from './settings';

/** What an improve run's protection is built from: the person's settings and request. */
export interface ImproveProtectionOptions {
  readonly settings: ImproveSettings;
  readonly goal: string;
  /** Workspace-relative globs, or plain file and folder paths. */
  readonly scope: readonly string[];
  /** The test command the test gate runs (default `settings.testCommand`): files it names are protected. */
  readonly testCommand?: string;
  readonly target: ImproveRequest['target'];
}

/** A group of improve-only protected places: why, and whether a path key is one of them. */
interface ImproveRule {
  readonly reason: string;
  readonly matches: (key: string) => boolean;
}

const globOptions = { dot: true } as const;

/** A rule from its globs (lowercase, like path keys), matched at any depth: a nested package has its own `package.json`. */
function rule(globs: readonly string[], reason: string): ImproveRule {
  return { reason, matches: picomatch(globs.map((glob) => `**/${glob}`), globOptions) };
}

/** The type-check and test gates read these: changing them changes the verdict, not the code. */
const gateConfiguration: readonly ImproveRule[] = [
  rule(['package.json'], "the gates' configuration (its scripts define the test command)"),
  rule(['tsconfig*.json', 'jsconfig*.json'], "the type-check gate's configuration"),
  rule(
    ['.mocharc*', 'jest.config*', 'vitest.config*', 'vitest.workspace*', 'karma.conf*', '.nycrc*', 'nyc.config*', '.c8rc*', 'playwright.config*', 'cypress.config*', 'ava.config*', '.taprc*', 'pytest.ini', 'tox.ini', 'conftest.py'],
    "the test runner's configuration (the test gate runs with it)",
  ),
  rule(['.eslintrc*', 'eslint.config*'], "the linter's configuration (a test command may run the linter)"),
];

/** The tests, by the conventions test runners find them by. */
const testFiles = rule(
  ['*.test.*', '*.spec.*', '*_test.*', 'test_*.py', 'test/**', 'tests/**', '__tests__/**', 'spec/**', '__snapshots__/**', '*.snap'],
  'a test the test gate runs (tests are protected unless the goal names them)',
);

/** The team's definitions: only a run that improves the agents changes them, and the eval replay judges it. */
const agentDefinitions = rule(
  ['.nova/agents/**', '.claude/agents/**'],
  "the team's own agent definitions (only an improve run of the agents changes them, behind the evaluation replay)",
);

/** Editors other than VS Code (whose `.vscode` the built-in rules cover). */
const editorSettings: readonly ImproveRule[] = [
  rule(['.idea/**', '.fleet/**', '.zed/**', '.vs/**', '*.code-workspace'], "an editor's settings (they can run code)"),
  rule(['.editorconfig'], 'editor settings (how every editor formats the code)'),
  rule(['.devcontainer/**'], 'the development container (it runs commands when opened)'),
];

/** A path or glob as a person or a command writes it, without a leading `./` or trailing slashes. */
function plainPath(entry: string): string {
  return entry.replace(/^\.\//, '').replace(/\/+$/, '');
}

/** Tells a path a glob (or a plain file or folder path) covers. */
function entryMatcher(entry: string, nocase: boolean): (path: string) => boolean {
  const plain = plainPath(entry);
  if (picomatch.scan(plain).isGlob) return picomatch(plain, { ...globOptions, nocase });
  const wanted = nocase ? plain.toLowerCase() : plain;
  return (path) => {
    const given = nocase ? path.toLowerCase() : path;
    return plain === '' || plain === '.' || given === wanted || given.startsWith(`${wanted}/`);
  };
}

/**
 * The paths a test command names (`node scripts/test.js`, `mocha --config test/.mocharc.json`),
 * relative, without `./`: words with a `/` or a file extension, unquoted, an option's value after
 * its `=`; not options, URLs and `a:b` specs, absolute paths, or anything with `..`.
 */
export function testCommandPaths(command: string): string[] {
  const words = command.split(/[\s;&|()]+/).map((word) => word.replace(/^['"]|['"]$/g, '').replace(/^-[^=]*=/, ''));
  return words
    .filter((word) => !word.startsWith('-') && !word.includes(':') && !word.startsWith('/') && (word.includes('/') || /\.[a-z0-9]+$/i.test(word)))
    .map(plainPath)
    .filter((word) => word.length > 0 && word !== '.' && !word.split('/').includes('..'));
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The rules of one improve run: what it may not write, and what its scope is. */
export class ImproveProtection {
  private readonly scopeMatchers: readonly { readonly entry: string; readonly matches: (path: string) => boolean; readonly namesTests: boolean }[];
  private readonly personGlobs: readonly { readonly glob: string; readonly matches: (path: string) => boolean }[];
  private readonly commandPaths: readonly { readonly path: string; readonly matches: (path: string) => boolean }[];

  private constructor(
    private readonly options: ImproveProtectionOptions,
    private readonly testCommand: string | undefined,
  ) {
    this.scopeMatchers = options.scope.map((entry) => ({ entry, matches: entryMatcher(entry, false), namesTests: shapedLikeTests(entry) }));
    this.personGlobs = options.settings.protectedPaths.map((glob) => ({ glob, matches: entryMatcher(glob, true) }));
    this.commandPaths = testCommandPaths(testCommand ?? '').map((path) => ({ path, matches: entryMatcher(path, true) }));
  }

  static create(options: ImproveProtectionOptions): ImproveProtection {
    return new ImproveProtection(options, options.testCommand ?? options.settings.testCommand);
  }

  /**
   * Why the run may not write `path` (workspace-relative, `/` separators), as a person reads it
   * (`"test/board.test.ts" is a test the test gate runs (…)`), or `undefined` when it may. The first
   * rule that matches gives the reason: the built-in ones first, the person's globs last.
   */
  reason(path: string): string | undefined {
    const builtIn = protectedPathReason(path);
    if (builtIn) return builtIn;
    const key = protectedPathKey(path);
    const quoted = JSON.stringify(path);
    if (this.options.target === 'code' && agentDefinitions.matches(key)) return `${quoted} is ${agentDefinitions.reason}`;
    for (const gate of gateConfiguration) if (gate.matches(key)) return `${quoted} is ${gate.reason}`;
    const run = this.commandPaths.find((named) => named.matches(key) || named.matches(path));
    if (run) return `${quoted} is run by the test command (${this.testCommand ?? ''})`;
    if (testFiles.matches(key) && !this.goalNames(path)) return `${quoted} is ${testFiles.reason}`;
    for (const editor of editorSettings) if (editor.matches(key)) return `${quoted} is ${editor.reason}`;
    const person = this.personGlobs.find((entry) => entry.matches(key) || entry.matches(path));
    if (person) return `${quoted} matches ${JSON.stringify(person.glob)} in your protected paths (nova.improve.protectedPaths)`;
    return undefined;
  }

  /** Whether `path` is inside the request's scope (a glob matches it, or it is a scope file or under a scope folder). */
  inScope(path: string): boolean {
    return this.scopeMatchers.some((entry) => entry.matches(path));
  }

  /** Why the run may not write `path`: protected (`reason`), or outside the scope; `undefined` when it may. */
  refusal(path: string): string | undefined {
    const reason = this.reason(path);
    if (reason) return reason;
    if (this.inScope(path)) return undefined;
    return `${JSON.stringify(path)} is outside the run's scope (${this.options.scope.join(', ')})`;
  }

  /** Whether the goal names this test: its text mentions the path, or a test-shaped scope entry matches it (see the top of the file). */
  private goalNames(path: string): boolean {
    const mention = new RegExp(`(^|[^\\w./-])(\\./)?${escapeRegExp(path)}(?!\\.?[\\w/-])`);
    return mention.test(this.options.goal) || this.scopeMatchers.some((entry) => entry.namesTests && entry.matches(path));
  }
}

/**
 * Whether a scope entry, read as a path, is itself one of the test conventions (`test/**`,
 * `**\/*.spec.ts`, the folder `tests`: a folder's glob `tests/**` matches the folder itself too).
 */
function shapedLikeTests(entry: string): boolean {
  return testFiles.matches(protectedPathKey(plainPath(entry)));
}

/**
 * Sorts the files a command changed in the worktree (run_command) into those the run may keep and
 * those it must restore from the base: protected or outside the scope, each an attempt to record.
 * A command's effects cannot be refused as it runs; they are undone here, after the agents' phase,
 * whether or not the person approved the command.
 */
export function classifyWorktreeChanges(paths: readonly string[], protection: ImproveProtection): { allowed: string[]; refused: ProtectedAttempt[] } {
  const allowed: string[] = [];
  const refused: ProtectedAttempt[] = [];
  for (const path of paths) {
    const reason = protection.refusal(path);
    if (reason) refused.push({ agent: 'command', path, reason, via: 'command' });
    else allowed.push(path);
  }
  return { allowed, refused };
}
