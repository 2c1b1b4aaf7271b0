import * as assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { writeBaseline } from '../../../src/core/review/baseline';
import { reviewWithSuppressions } from '../../../src/core/review/filteredReview';
import { runAnalyzers } from '../../../src/core/review/run';
import { TypeScriptProject } from '../../../src/core/typescript/project';
import { readJsonBlock } from '../../../src/core/tools/structuredOutput';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import type { FindingList } from '../../../src/core/contracts';
import { covered } from './coveredText';
import { copySample, plantedFindings, sampleSources } from './plantedFindings';

const key = (finding: { path: string; line: number; rule: string }) => `${finding.path}:${finding.line} ${finding.rule}`;


describe('review analyzers on the sample project', () => {
  it('find every planted review finding at its README line, and nothing else in sample/src', () => {
    const findings = runAnalyzers(sampleSources());
    assert.deepEqual(findings.map(key).sort(), plantedFindings());
    const secret = findings.find((finding) => finding.rule === 'hardcoded-secret');
    assert.equal(secret?.severity, 'error');
    assert.ok(!secret?.message.includes('FAKE-nova'), 'the credential itself is not repeated in the finding');
  });

  it('give every finding a range that starts on its line, and evidence inside the sample', () => {
    const sources = sampleSources();
    const findings = runAnalyzers(sources);
    for (const found of findings) {
      assert.equal(found.line, found.range.startLine, key(found));
      const text = sources.find((source) => source.path === found.path)?.text ?? '';
      assert.notEqual(covered(text, found.range).trim(), '', `${key(found)} covers some code`);
      for (const item of found.evidence ?? []) assert.ok(sources.some((source) => source.path === item.path), `${key(found)}: evidence in ${item.path}`);
    }
    const dropped = findings.find((found) => found.rule === 'floating-promise');
    assert.match(dropped?.evidence?.[0]?.message ?? '', /^`\w+` returns `Promise<.*>` here$/, 'the dropped promise points at the declaration of what returned it');
  });

  it('review_analyzers returns the same set over a copy of the project, with its tsconfig, as a FindingList', async () => {
    const sample = copySample();
    try {
      const sandbox = await WorkspaceSandbox.create([sample.folder], nodeWorkspaceFiles);
      const outcome = await createWorkspaceTools().invoke('review_analyzers', { paths: ['src'] }, { agent: 'tester', sandbox, commands: { allowlist: [] }, trusted: false, signal: new AbortController().signal });
      assert.equal(outcome.status, 'ok', outcome.output);
      const list = readJsonBlock(outcome.output) as FindingList;
      assert.deepEqual(list.scope, ['src']);
      assert.ok(list.analyzers.includes('floating-promise') && list.analyzers.includes('typescript'));
      assert.deepEqual(list.findings.map(key).sort(), plantedFindings());
      for (const found of list.findings) assert.deepEqual(Object.keys(found).filter((name) => !['path', 'line', 'severity', 'rule', 'message', 'suggestion'].includes(name)), [], 'models see contract findings only');
      assert.match(outcome.output, /^src\/board\.ts:42: warning loose-equality: /m);
    } finally {
      sample.cleanup();
    }
  });

  it('review_analyzers leaves out what a nova-ignore comment suppresses and what the baseline holds, and counts them', async () => {
    const sample = copySample();
    try {
      const board = join(sample.folder, 'src', 'board.ts');
      const lines = readFileSync(board, 'utf8').split('\n');
      assert.match(lines[41] ?? '', /==/, 'the planted loose equality of board.ts:42');
      lines.splice(41, 0, '    // nova-ignore loose-equality: ids arrive as strings from the command line');
      writeFileSync(board, lines.join('\n'));
      const sandbox = await WorkspaceSandbox.create([sample.folder], nodeWorkspaceFiles);
      const signal = new AbortController().signal;
      const before = await reviewWithSuppressions(sandbox, ['src'], signal, false);
      const accepted = before.findings.find((found) => found.rule === 'hardcoded-secret');
      assert.ok(accepted, 'the planted secret is found');
      await writeBaseline(sample.folder, { entries: [{ fingerprint: accepted.fingerprint, rule: accepted.rule, path: accepted.path }] });

      const outcome = await createWorkspaceTools().invoke('review_analyzers', { paths: ['src'] }, { agent: 'tester', sandbox, commands: { allowlist: [] }, trusted: false, signal });
      assert.equal(outcome.status, 'ok', outcome.output);
      const listed = (readJsonBlock(outcome.output) as FindingList).findings.map((found) => `${found.path} ${found.rule}`);
      const planted = plantedFindings().map((entry) => entry.replace(/:\d+ /, ' '));
      const expected = planted.filter((entry) => entry !== 'src/board.ts loose-equality' && entry !== `${accepted.path} hardcoded-secret`);
      assert.equal(expected.length, planted.length - 2, 'one loose equality in board.ts and one secret among the planted findings');
      assert.deepEqual(listed.sort(), expected.sort());
      assert.match(outcome.output, /Not listed, as the person accepted them: 1 suppressed by nova-ignore comments, 1 held by the review baseline\./);
    } finally {
      sample.cleanup();
    }
  });
});

describe('review analyzers: each rule', () => {
  /** `line rule: covered text` for each finding over one file. */
  const rules = (text: string, path = 'src/a.ts') => runAnalyzers([{ path, text }]).map((finding) => `${finding.line} ${finding.rule}: ${covered(text, finding.range)}`);

  it('loose-equality: == and != but not == null or ===', () => {
    const text = ['export function f(a: number | undefined, b: number, c: string): boolean {', '  if (a == null || c != "x") return a === b;', '  return a == b;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['2 loose-equality: !=', '3 loose-equality: ==']);
  });

  it('explicit-any and non-null-assertion', () => {
    const text = ['export function f(raw: any, xs: string[]): string {', '  return xs.find((x) => x === raw)!;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['1 explicit-any: any', '2 non-null-assertion: xs.find((x) => x === raw)!']);
  });

  it('floating-promise: a dropped promise, not an awaited, voided, returned or caught one', () => {
    const text = [
      'async function work(): Promise<number> { return 1; }',
      'export async function f(): Promise<number> {',
      '  work();',
      '  await work();',
      '  void work();',
      '  work().catch(() => 0);',
      '  work().then(() => 0, () => 1);',
      '  work().then(() => 0);',
      '  return work();',
      '}',
      '',
    ].join('\n');
    assert.deepEqual(rules(text), ['3 floating-promise: work()', '8 floating-promise: work().then(() => 0)']);
  });

  it('empty-catch: an empty block, but not one that explains itself in a comment', () => {
    const text = ['export function f(s: string): unknown {', '  try { return JSON.parse(s); } catch {', '  }', '  try { return JSON.parse(s); } catch { /* not JSON: fall through */ }', '  return undefined;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['2 empty-catch: catch {\n  }']);
  });

  it('hardcoded-secret: credential-looking literals under credential names, not the documented example key', () => {
    const text = [
      'export const apiKey = "AKIAIOSFODNN7EXAMPLE";',
      'declare const env: Record<string, string | undefined>;',
      'export const config = { password: "hunter2hunter2x9Q", token: env.TOKEN ?? "", secret: "changeme" };',
      'export const TOKEN_ENV = "GITHUB_TOKEN";',
      'export const greeting = "sk-not-a-secret-name-0000000000";',
      'export class Client { readonly clientSecret = "x".repeat(3); accessToken = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"; }',
      '',
    ].join('\n');
    assert.deepEqual(rules(text), [
      '3 hardcoded-secret: "hunter2hunter2x9Q"',
      '6 hardcoded-secret: "ghp_abcdefghijklmnopqrstuvwxyz0123456789"',
    ]);
  });

  it('hidden-unicode: a bidirectional override is an error on its line', () => {
    const text = ['export const ok = 1;', 'export const isAdmin = "user\u202E \u2066// admin\u2069";', ''].join('\n');
    const findings = runAnalyzers([{ path: 'src/a.ts', text }]);
    assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.rule} ${finding.severity}`), ['2 hidden-unicode error']);
    assert.match(findings[0]?.message ?? '', /U\+202E RIGHT-TO-LEFT OVERRIDE/);
    assert.equal(covered(text, findings[0]!.range), '\u202E \u2066// admin\u2069', 'from the first hidden character to the last');
  });

  it('typescript: compiler errors as ts-<code> errors, unused code as warnings', () => {
    const text = ['import { helper } from "./b";', 'export const n: number = "one";', ''].join('\n');
    const findings = runAnalyzers([{ path: 'src/a.ts', text }, { path: 'src/b.ts', text: 'export const helper = 1;\n' }]);
    assert.deepEqual(findings.map((finding) => `${finding.path}:${finding.line} ${finding.rule} ${finding.severity}`), ['src/a.ts:1 ts-6133 warning', 'src/a.ts:2 ts-2322 error']);
    assert.deepEqual(findings.map((finding) => [covered(text, finding.range), finding.tsCode]), [['import { helper } from "./b";', 6133], ['n', 2322]]);
  });

  it('typescript: related information becomes evidence, in the file it points at', () => {
    const a = 'import { twice } from "./b";\nexport const n = twice();\n';
    const b = 'export function twice(n: number): number { return 2 * n; }\n';
    const [found, ...others] = runAnalyzers([{ path: 'src/a.ts', text: a }, { path: 'src/b.ts', text: b }]);
    assert.deepEqual(others, []);
    assert.equal(`${found?.path}:${found?.line} ${found?.rule} ${found?.tsCode}`, 'src/a.ts:2 ts-2554 2554');
    assert.equal(covered(a, found!.range), 'twice');
    assert.deepEqual(found?.evidence?.map((item) => `${item.path} ${covered(b, item.range)}: ${item.message}`), ["src/b.ts n: number: An argument for 'n' was not provided."]);
  });

  it('analyzes several files together, so imports between them resolve', () => {
    const findings = runAnalyzers([
      { path: 'src/a.ts', text: 'export async function load(): Promise<string> { return "x"; }\n' },
      { path: 'src/b.ts', text: 'import { load } from "./a";\nexport function go(): void {\n  load();\n}\n' },
    ]);
    assert.deepEqual(findings.map(key), ['src/b.ts:3 floating-promise']);
  });

  it('floating-promise: the declaration of the called function is evidence, also for an arrow function', () => {
    const a = 'export async function load(): Promise<string> { return "x"; }\nexport const save = async (): Promise<void> => {};\n';
    const b = 'import { load, save } from "./a";\nexport function go(): void {\n  load();\n  save();\n}\n';
    const findings = runAnalyzers([{ path: 'src/a.ts', text: a }, { path: 'src/b.ts', text: b }]);
    assert.deepEqual(findings.flatMap((found) => (found.evidence ?? []).map((item) => `${found.line} -> ${item.path}:${item.range.startLine} ${covered(a, item.range)}: ${item.message}`)), [
      '3 -> src/a.ts:1 load: `load` returns `Promise<string>` here',
      '4 -> src/a.ts:2 save: `save` returns `Promise<void>` here',
    ]);
  });

  it('evidence in a file that is not analyzed is shown through options.display, and left out without it', () => {
    const project = TypeScriptProject.inMemory([
      { fileName: '/w/src/a.ts', text: 'export async function load(): Promise<string> { return "x"; }\n' },
      { fileName: '/w/src/b.ts', text: 'import { load } from "./a";\nexport function go(): void {\n  load();\n}\n' },
    ]);
    const files = [{ path: 'src/b.ts', text: '', fileName: '/w/src/b.ts' }];
    const evidence = (display?: (fileName: string) => string | undefined) =>
      runAnalyzers(files, { service: project.service, ...(display ? { display } : {}) }).flatMap((found) => (found.evidence ?? []).map((item) => `${found.rule} -> ${item.path}:${item.range.startLine}`));
    assert.deepEqual(evidence(), []);
    assert.deepEqual(evidence((fileName) => (fileName.startsWith('/w/') ? fileName.slice('/w/'.length) : undefined)), ['floating-promise -> src/a.ts:1']);
  });
});
