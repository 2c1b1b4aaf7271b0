import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ChangeProposal } from '../../../src/core/contracts/change';
import { applyHunks } from '../../../src/core/edits/placement';
import { proposeCodeFix, safeFixNames, type DiagnosticRange } from '../../../src/core/typescript/codeFix';
import { slashPath } from '../../../src/core/typescript/sourceStore';
import { projectsFor } from '../../../src/core/typescript/workspaceProjects';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

const tsconfig = JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'commonjs', strict: true, noUnusedLocals: true, noUnusedParameters: true, types: [] }, include: ['src'] });
const util = 'export function double(n: number): number {\n  return n * 2;\n}\n\nexport function shout(s: string): string {\n  return s.toUpperCase();\n}\n';
const main = 'import { double } from "./util";\nimport { shout } from "./util";\n\nexport const four: number = double(2);\n';

describe('proposeCodeFix', () => {
  let w: TempWorkspace;
  const signal = new AbortController().signal;
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('tsconfig.json', tsconfig);
    await w.write('src/util.ts', util);
    await w.write('src/main.ts', main);
  });
  afterEach(() => w.dispose());

  /** The diagnostic `code` in `relative` as an editor would report it: where it is, 1-based lines and 0-based columns. */
  async function diagnostic(relative: string, code: number): Promise<DiagnosticRange> {
    const fileName = slashPath(path.join(w.ws, relative));
    const [group] = await projectsFor(w.sandbox, [fileName], signal, true);
    assert.ok(group);
    const found = group.project.service.getSemanticDiagnostics(fileName).find((d) => d.code === code);
    assert.ok(found?.file && found.start !== undefined, `no TS${code} in ${relative}`);
    const start = found.file.getLineAndCharacterOfPosition(found.start);
    const end = found.file.getLineAndCharacterOfPosition(found.start + (found.length ?? 0));
    return { startLine: start.line + 1, startColumn: start.character, endLine: end.line + 1, endColumn: end.character };
  }

  /** Errors in the workspace's file as it would be with `text`, checked in memory. */
  async function errorsWith(relative: string, text: string): Promise<string[]> {
    const fileName = slashPath(path.join(w.ws, relative));
    const [group] = await projectsFor(w.sandbox, [fileName], signal, true);
    assert.ok(group);
    return group.project.withOverlay(new Map([[fileName, text]]), () => group.project.diagnostics([fileName]).map((d) => `${d.line}: TS${d.code} ${d.message}`));
  }

  it('proposes removing exactly the unused import, and the result still type-checks', async () => {
    const at = await diagnostic('src/main.ts', 6133);
    const fix = await proposeCodeFix(w.sandbox, 'src/main.ts', at, 6133, signal, true);
    assert.ok(fix);
    assert.equal(fix.fixName, 'unusedIdentifier');
    assert.match(fix.title, /^Remove import from '\.\/util'$/);
    assert.ok(ChangeProposal.safeParse(fix.proposal).success);
    assert.match(fix.proposal.summary, /^Remove import from '\.\/util' in src\/main\.ts$/);
    assert.match(fix.proposal.rationale, /TS6133 at src\/main\.ts:2, computed by the language service/);
    const [file] = fix.proposal.files;
    assert.equal(file?.path, 'src/main.ts');
    assert.deepEqual(file.hunks.map(({ rationale: _r, ...hunk }) => hunk), [{ startLine: 2, before: 'import { shout } from "./util";', after: '' }]);
    assert.match(file.hunks[0]?.rationale ?? '', /unusedIdentifier/);

    const applied = applyHunks(main, file);
    assert.deepEqual(applied.conflicts, []);
    assert.equal(applied.text, 'import { double } from "./util";\n\nexport const four: number = double(2);\n');
    assert.deepEqual(await errorsWith('src/main.ts', applied.text), []);
    assert.equal(await fs.readFile(path.join(w.ws, 'src/main.ts'), 'utf8'), main);
  });

  it('removes an unused parameter rather than prefixing it with an underscore', async () => {
    const text = 'export function greet(name: string, loud: boolean): string {\n  return name;\n}\n';
    await w.write('src/greet.ts', text);
    const fix = await proposeCodeFix(w.sandbox, 'src/greet.ts', await diagnostic('src/greet.ts', 6133), 6133, signal, true);
    assert.ok(fix);
    const applied = applyHunks(text, { path: 'x', hunks: fix.proposal.files[0]?.hunks ?? [] });
    assert.equal(applied.text, 'export function greet(name: string): string {\n  return name;\n}\n');
  });

  it('offers nothing when the only fix prefixes an unused name with an underscore', async () => {
    // `value` cannot be deleted (index comes after it), so TypeScript offers only the prefix.
    await w.write('src/indexes.ts', 'export const indexes = [1].map((value, index) => index);\n');
    assert.equal(await proposeCodeFix(w.sandbox, 'src/indexes.ts', await diagnostic('src/indexes.ts', 6133), 6133, signal, true), undefined);
  });

  it('adds the one missing import', async () => {
    const text = 'export const eight: number = double(4);\n';
    await w.write('src/eight.ts', text);
    const fix = await proposeCodeFix(w.sandbox, 'src/eight.ts', await diagnostic('src/eight.ts', 2304), 2304, signal, true);
    assert.equal(fix?.fixName, 'import');
    const applied = applyHunks(text, { path: 'x', hunks: fix.proposal.files[0]?.hunks ?? [] });
    assert.equal(applied.text, 'import { double } from "./util";\n\nexport const eight: number = double(4);\n');
    assert.deepEqual(await errorsWith('src/eight.ts', applied.text), []);
  });

  it('offers nothing for a diagnostic whose only fixes guess (a misspelled name)', async () => {
    const text = 'import { double } from "./util";\n\nexport const four: number = doubel(2) + double(0);\n';
    await w.write('src/typo.ts', text);
    const at = await diagnostic('src/typo.ts', 2552);
    assert.equal(await proposeCodeFix(w.sandbox, 'src/typo.ts', at, 2552, signal, true), undefined);
    assert.equal(await fs.readFile(path.join(w.ws, 'src/typo.ts'), 'utf8'), text);
  });

  it('refuses a path outside the workspace', async () => {
    const at = { startLine: 1, startColumn: 0, endLine: 1, endColumn: 1 };
    await assert.rejects(proposeCodeFix(w.sandbox, '../outside/secret.txt', at, 6133, signal, true));
  });

  it('names only fixes this TypeScript registers (a rename in an upgrade would silently drop one)', async () => {
    const source = await fs.readFile(require.resolve('typescript'), 'utf8');
    for (const name of safeFixNames) assert.ok(source.includes(`"${name}"`), `TypeScript has no fix named "${name}"`);
  });
});
