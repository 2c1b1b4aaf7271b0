import * as assert from 'node:assert/strict';
import { inferredOptions } from '../../../src/core/typescript/configFile';
import { TypeScriptProject } from '../../../src/core/typescript/project';
import { unnecessaryCode } from '../../../src/core/typescript/unnecessaryCode';

const source = [
  "import { readFileSync, writeFileSync } from 'node:fs';",
  "import type { Stats } from 'node:fs';",
  'export function f(unused: number, used: number): number {',
  '  const never = 1;',
  '  let { a, b } = { a: 1, b: 2 };',
  '  outer: for (let i = 0; i < used; i++) { a++; }',
  '  return used + a;',
  '  console.log("after");',
  '}',
  'class Hidden<T> { private secret = 1; }',
  'function alone(): void {}',
  '',
].join('\n');

const described = (diagnostics: readonly { readonly code: number; readonly start: number; readonly length: number }[]) =>
  diagnostics.map((diagnostic) => `${diagnostic.code} ${source.slice(diagnostic.start, diagnostic.start + diagnostic.length).split('\n')[0]}`);

describe('unnecessary code (TypeScript\'s unused and unreachable hints)', () => {
  for (const [label, options] of [['noUnused* and allowUnreachableCode off', {}], ['allowUnreachableCode: false, noUnusedLocals on', { allowUnreachableCode: false, noUnusedLocals: true }]] as const) {
    it(`is what the language service reports, without its style hints (${label})`, () => {
      const fileName = '/project/src/a.ts';
      const project = TypeScriptProject.inMemory([{ fileName, text: source }], { ...inferredOptions(), ...options });
      const program = project.program();
      const sourceFile = program.getSourceFile(fileName);
      assert.ok(sourceFile);
      const fromService = project.service.getSuggestionDiagnostics(fileName).filter((diagnostic) => diagnostic.reportsUnnecessary);
      const read = unnecessaryCode(project.service, program, sourceFile);
      assert.deepEqual(described(read), described(fromService));
      assert.ok(read.length >= (label.startsWith('noUnused') ? 8 : 3), described(read).join('\n'));
    });
  }

  it('finds unused declarations and unreachable statements when the project leaves the checks off', () => {
    const fileName = '/project/src/a.ts';
    const project = TypeScriptProject.inMemory([{ fileName, text: source }], { ...inferredOptions(), noUnusedLocals: false, noUnusedParameters: false });
    const program = project.program();
    const found = described(unnecessaryCode(project.service, program, program.getSourceFile(fileName)!));
    for (const expected of ['6133 unused', '6133 never', '7027 console.log("after");', '7028 outer', '6133 secret', '6196 Hidden', '6133 alone']) {
      assert.ok(found.some((line) => line.startsWith(expected)), `${expected} in\n${found.join('\n')}`);
    }
  });
});
