import * as assert from 'node:assert/strict';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { runAnalyzers } from '../../../src/core/review/run';
import { readJsonBlock } from '../../../src/core/tools/structuredOutput';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { WorkspaceSandbox } from '../../../src/core/tools/sandbox';
import type { FindingList } from '../../../src/core/contracts';
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
      assert.match(outcome.output, /^src\/board\.ts:42: warning loose-equality: /m);
    } finally {
      sample.cleanup();
    }
  });
});

describe('review analyzers: each rule', () => {
  const rules = (text: string, path = 'src/a.ts') => runAnalyzers([{ path, text }]).map((finding) => `${finding.line} ${finding.rule}`);

  it('loose-equality: == and != but not == null or ===', () => {
    const text = ['export function f(a: number | undefined, b: number, c: string): boolean {', '  if (a == null || c != "x") return a === b;', '  return a != b;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['2 loose-equality', '3 loose-equality']);
  });

  it('explicit-any and non-null-assertion', () => {
    const text = ['export function f(raw: any, xs: string[]): string {', '  return xs.find((x) => x === raw)!;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['1 explicit-any', '2 non-null-assertion']);
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
    assert.deepEqual(rules(text), ['3 floating-promise', '8 floating-promise']);
  });

  it('empty-catch: an empty block, but not one that explains itself in a comment', () => {
    const text = ['export function f(s: string): unknown {', '  try { return JSON.parse(s); } catch {', '  }', '  try { return JSON.parse(s); } catch { /* not JSON: fall through */ }', '  return undefined;', '}', ''].join('\n');
    assert.deepEqual(rules(text), ['2 empty-catch']);
  });

  it('hardcoded-secret: credential-looking literals under credential names only', () => {
    const text = [
      'export const apiKey = "AKIAIOSFODNN7EXAMPLE";',
      'declare const env: Record<string, string | undefined>;',
      'export const config = { password: "hunter2hunter2x9Q", token: env.TOKEN ?? "", secret: "changeme" };',
      'export const TOKEN_ENV = "GITHUB_TOKEN";',
      'export const greeting = "sk-not-a-secret-name-0000000000";',
      'export class Client { readonly clientSecret = "x".repeat(3); accessToken = "ghp_abcdefghijklmnopqrstuvwxyz0123456789"; }',
      '',
    ].join('\n');
    assert.deepEqual(rules(text), ['1 hardcoded-secret', '3 hardcoded-secret', '6 hardcoded-secret']);
  });

  it('hidden-unicode: a bidirectional override is an error on its line', () => {
    const text = ['export const ok = 1;', 'export const isAdmin = "user\u202E \u2066// admin\u2069";', ''].join('\n');
    const findings = runAnalyzers([{ path: 'src/a.ts', text }]);
    assert.deepEqual(findings.map((finding) => `${finding.line} ${finding.rule} ${finding.severity}`), ['2 hidden-unicode error']);
    assert.match(findings[0]?.message ?? '', /U\+202E RIGHT-TO-LEFT OVERRIDE/);
  });

  it('typescript: compiler errors as ts-<code> errors, unused code as warnings', () => {
    const text = ['import { helper } from "./b";', 'export const n: number = "one";', ''].join('\n');
    const findings = runAnalyzers([{ path: 'src/a.ts', text }, { path: 'src/b.ts', text: 'export const helper = 1;\n' }]);
    assert.deepEqual(findings.map((finding) => `${finding.path}:${finding.line} ${finding.rule} ${finding.severity}`), ['src/a.ts:1 ts-6133 warning', 'src/a.ts:2 ts-2322 error']);
  });

  it('analyzes several files together, so imports between them resolve', () => {
    const findings = runAnalyzers([
      { path: 'src/a.ts', text: 'export async function load(): Promise<string> { return "x"; }\n' },
      { path: 'src/b.ts', text: 'import { load } from "./a";\nexport function go(): void {\n  load();\n}\n' },
    ]);
    assert.deepEqual(findings.map(key), ['src/b.ts:3 floating-promise']);
  });
});
