import * as assert from 'node:assert/strict';
import type { AnalyzedFinding } from '../../../src/core/review/analyzer';
import { applyEdits, environmentName, fixProposal, mechanicalFixes } from '../../../src/core/review/fixes';
import { runAnalyzers } from '../../../src/core/review/run';
import { sampleSources } from './plantedFindings';

/** The findings of `rule` in a one-file project. */
function findingsOf(rule: string, text: string): AnalyzedFinding[] {
  return runAnalyzers([{ path: 'src/a.ts', text }]).filter((found) => found.rule === rule);
}

/** Applies the fix `id` to the first finding of `rule` and returns the new text; the finding must be gone after. */
function fixed(rule: string, text: string, id?: string): string {
  const [found] = findingsOf(rule, text);
  assert.ok(found, `the analyzer finds ${rule}`);
  const fixes = mechanicalFixes(found, text);
  const fix = id === undefined ? fixes[0] : fixes.find((candidate) => candidate.id === id);
  assert.ok(fix, `a ${id ?? 'first'} fix for ${rule}; got ${fixes.map((candidate) => candidate.id).join(', ') || 'none'}`);
  const after = applyEdits(text, fix.edits);
  assert.equal(findingsOf(rule, after).length, findingsOf(rule, text).length - 1, `the fix removes the finding:\n${after}`);
  return after;
}

describe('mechanical fixes for review findings', () => {
  it('loose-equality: == becomes === and != becomes !==', () => {
    assert.equal(fixed('loose-equality', 'export const same = (a: unknown, b: unknown) => a == b;\n'), 'export const same = (a: unknown, b: unknown) => a === b;\n');
    assert.equal(fixed('loose-equality', 'export const differ = (a: number, b: string) => a != (b as unknown);\n'), 'export const differ = (a: number, b: string) => a !== (b as unknown);\n');
  });

  it('hardcoded-secret: the literal becomes a read of an environment variable named after the variable', () => {
    const text = "export const stripeApiKey = 'sk_live_4eC39HqLyjWDarjtT1zdp7dc';\nexport const config = { authToken: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' };\n";
    const after = fixed('hardcoded-secret', text);
    assert.equal(after.split('\n')[0], "export const stripeApiKey = process.env.STRIPE_API_KEY ?? '';");
    assert.ok(!after.includes('sk_live_'), 'the value leaves the source');
    const again = fixed('hardcoded-secret', after);
    assert.match(again, /authToken: process\.env\.AUTH_TOKEN \?\? ''/);
    assert.equal(environmentName('db-password'), 'DB_PASSWORD');
    assert.equal(environmentName('#apiKey'), 'API_KEY');
    assert.equal(environmentName('1'), undefined, 'no variable name starts with a digit');
  });

  it('empty-catch: a comment that says the error is ignored on purpose, at the block\'s indentation', () => {
    const text = 'export function parse(text: string): unknown {\n  try {\n    return JSON.parse(text);\n  } catch {}\n  return undefined;\n}\n';
    const after = fixed('empty-catch', text);
    assert.equal(after, 'export function parse(text: string): unknown {\n  try {\n    return JSON.parse(text);\n  } catch {\n    // The error is ignored on purpose: nothing here depends on it.\n  }\n  return undefined;\n}\n');
  });

  it('floating-promise: await inside an async function, void anywhere', () => {
    const text = 'async function save(): Promise<void> {}\nexport async function run(): Promise<void> {\n  save();\n}\nexport function start(): void {\n  save();\n}\n';
    const [inAsync, inSync] = findingsOf('floating-promise', text);
    assert.ok(inAsync && inSync);
    assert.deepEqual(mechanicalFixes(inAsync, text).map((fix) => fix.id), ['await', 'void']);
    assert.deepEqual(mechanicalFixes(inSync, text).map((fix) => fix.id), ['void'], 'no await outside an async function');
    assert.match(fixed('floating-promise', text, 'await'), /run\(\): Promise<void> \{\n {2}await save\(\);/);
    assert.match(fixed('floating-promise', text, 'void'), /run\(\): Promise<void> \{\n {2}void save\(\);/);
  });

  it('offer nothing when the text at the range changed, or for rules with no safe fix', () => {
    const text = 'export const same = (a: unknown, b: unknown) => a == b;\n';
    const [found] = findingsOf('loose-equality', text);
    assert.ok(found);
    assert.deepEqual(mechanicalFixes(found, text.replace('==', '=== ')), [], 'the operator there is no longer ==');
    assert.deepEqual(mechanicalFixes({ ...found, range: { ...found.range, startLine: 40, endLine: 40 } }, text), [], 'a line the file does not have');
    assert.deepEqual(mechanicalFixes({ ...found, rule: 'explicit-any' }, text), []);
    assert.deepEqual(mechanicalFixes({ ...found, rule: 'constructor' }, text), [], 'an inherited property name is not a rule');
  });

  it('cover every planted finding of the sample whose rule has a safe fix, as a change set of its file', () => {
    const sources = sampleSources();
    const findings = runAnalyzers(sources).filter((found) => ['loose-equality', 'hardcoded-secret', 'empty-catch', 'floating-promise'].includes(found.rule));
    assert.ok(findings.length >= 3, `the sample plants fixable findings (${findings.length})`);
    for (const found of findings) {
      const text = sources.find((source) => source.path === found.path)?.text ?? '';
      const [fix] = mechanicalFixes(found, text);
      assert.ok(fix, `${found.path}:${found.line} ${found.rule} has a fix`);
      const proposal = fixProposal(found.path, found.line, text, fix);
      assert.equal(proposal?.files.length, 1);
      assert.equal(proposal?.files[0]?.path, found.path);
      assert.ok((proposal?.files[0]?.hunks.length ?? 0) >= 1);
    }
  });
});
