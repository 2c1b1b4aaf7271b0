import * as assert from 'node:assert/strict';
import { runAnalyzers } from '../../../src/core/review/run';
import { TypeScriptProject } from '../../../src/core/typescript/project';
import { inferredOptions } from '../../../src/core/typescript/configFile';
import { ruleFindings } from './coveredText';

const dead = (lines: readonly string[]) => ruleFindings([...lines, ''].join('\n'), 'unreachable-code');

describe('unreachable-code', () => {
  it('statements after return, throw, break and continue, one finding per block with the exit as evidence', () => {
    assert.deepEqual(dead([
      'export function f(xs: number[]): number {',
      '  for (const x of xs) {',
      '    if (x > 1) continue;',
      '    if (x < 0) { break; }',
      '    if (x === 0) {',
      '      throw new Error("zero");',
      '      console.log(x);',
      '    }',
      '  }',
      '  switch (xs.length) {',
      '    case 0: return 0;',
      '    case 1: break; xs.pop();',
      '  }',
      '  return xs.length;',
      '  console.log("done");',
      '  xs.push(1);',
      '}',
    ]), ['7 warning: console.log(x); [throw new Error("zero");]', '12 warning: xs.pop(); [break;]', '15 warning: console.log("done");\n  xs.push(1); [return xs.length;]']);
  });

  it('after process.exit(), a call typed never, a block or an if/else that always leaves', () => {
    assert.deepEqual(dead([
      'declare const process: { exit(code?: number): never };',
      'function fail(message: string): never { throw new Error(message); }',
      'export function f(a: number): number {',
      '  if (a > 2) { process.exit(1); a++; }',
      '  if (a > 1) { fail("big"); a--; }',
      '  if (a > 0) { return 1; } else { throw new Error("no"); }',
      '  return a;',
      '}',
    ]).map((line) => line.replace(/ \[.*\]$/, '')), ['4 warning: a++;', '5 warning: a--;', '7 warning: return a;']);
  });

  it('hoisted declarations after a return are not reported; nested dead code is one finding', () => {
    assert.deepEqual(dead([
      'export function f(): number {',
      '  return helper();',
      '  function helper(): number { return 1; }',
      '  type T = number;',
      '  var unused;',
      '}',
      'export function g(): void {',
      '  return;',
      '  if (Math.random()) { return; console.log(1); }',
      '}',
    ]).map((line) => line.replace(/ \[.*\]$/, '')), ['9 warning: if (Math.random()) { return; console.log(1); }']);
  });

  it('is reported whatever allowUnreachableCode says, and ts-7027 for the same code is dropped', () => {
    const text = 'export function f(): number {\n  return 1;\n  console.log("never");\n}\n';
    for (const allowUnreachableCode of [undefined, false, true]) {
      const options = { ...inferredOptions(), ...(allowUnreachableCode === undefined ? {} : { allowUnreachableCode }) };
      const project = TypeScriptProject.inMemory([{ fileName: '/w/a.ts', text }], options);
      const typescript = project.service.getSemanticDiagnostics('/w/a.ts').concat(project.service.getSuggestionDiagnostics('/w/a.ts')).filter((item) => item.code === 7027);
      assert.equal(typescript.length, allowUnreachableCode === true ? 0 : 1, `TypeScript itself, allowUnreachableCode ${allowUnreachableCode}`);
      const found = runAnalyzers([{ path: 'a.ts', text, fileName: '/w/a.ts' }], { service: project.service });
      assert.deepEqual(found.map((item) => `${item.line} ${item.rule} ${item.tsCode} ${item.analyzer}`), ['3 unreachable-code 7027 unreachable-code'], `allowUnreachableCode ${allowUnreachableCode}`);
    }
  });

  it("TypeScript's remove-unreachable fix applies to the finding's range", () => {
    const text = 'export function f(): number {\n  return 1;\n  console.log("never");\n}\n';
    const project = TypeScriptProject.inMemory([{ fileName: '/w/a.ts', text }], { ...inferredOptions(), allowUnreachableCode: true });
    const [found] = runAnalyzers([{ path: 'a.ts', text, fileName: '/w/a.ts' }], { service: project.service });
    const start = text.indexOf('console');
    assert.equal(found?.range.startLine, 3);
    const fixes = project.service.getCodeFixesAtPosition('/w/a.ts', start, text.indexOf(';', start) + 1, [7027], {}, {});
    assert.deepEqual(fixes.map((fix) => fix.fixName), ['fixUnreachableCode']);
  });
});
