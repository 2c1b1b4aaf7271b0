import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { typecheckGate } from '../../../../src/core/improve/gates/typecheck';
import { gateContext, gateWorkspace, linkNodeModules, type GateWorkspace } from './gateWorkspace';

// The type-check gate runs Nova's TypeScript over the worktree's real project, types from its node_modules.
describe('improve gates: typecheck', () => {
  let workspace: GateWorkspace;
  afterEach(() => workspace?.cleanup());

  const project = {
    'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: ['node'], noEmit: true }, include: ['src'] }),
    'src/board.ts': "import * as fs from 'node:fs';\nexport function columns(file: string): number {\n  return fs.readFileSync(file, 'utf8').split(',').length;\n}\n",
    'src/report.ts': "import { columns } from './board';\nexport const total: number = columns('board.csv');\n",
  };

  it("passes a change that type-checks, with Node's types resolved through the worktree's node_modules", async () => {
    workspace = gateWorkspace(project, { 'src/report.ts': "import { columns } from './board';\nexport const total: number = columns('board.csv') + 1;\n" });
    linkNodeModules(workspace.root);
    const record = await typecheckGate.run(gateContext(workspace));
    assert.equal(record.status, 'passed', record.evidence);
    assert.equal(record.title, 'Type-check');
    assert.equal(record.summary, 'no errors in 2 file(s) (tsconfig.json)');
  });

  it("fails on a type error, quoting it in tsc's format", async () => {
    workspace = gateWorkspace(project, { 'src/report.ts': "import { columns } from './board';\nexport const total: string = columns('board.csv');\n" });
    linkNodeModules(workspace.root);
    const record = await typecheckGate.run(gateContext(workspace));
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, '1 error(s) in 1 file(s) (tsconfig.json)');
    assert.equal(record.evidence, "src/report.ts(2,14): error TS2322: Type 'number' is not assignable to type 'string'.\n\nFound 1 error(s) in 1 file(s).");
    assert.equal(record.trimmed, false);
  });

  it('fails when the types tsc would find are not there (no node_modules in the worktree)', async () => {
    workspace = gateWorkspace(project, { 'src/report.ts': "import { columns } from './board';\nexport const total = columns('a');\n" });
    const record = await typecheckGate.run(gateContext(workspace));
    assert.equal(record.status, 'failed');
    assert.match(record.evidence, /error TS2688: Cannot find type definition file for 'node'/);
  });

  it('quotes the first 100 errors and keeps all of them in the log', async () => {
    const many = Array.from({ length: 130 }, (_, index) => `export const n${index}: string = ${index};`).join('\n');
    workspace = gateWorkspace(project, { 'src/many.ts': `${many}\n` });
    linkNodeModules(workspace.root);
    const record = await typecheckGate.run(gateContext(workspace));
    assert.equal(record.status, 'failed');
    assert.equal(record.summary, '130 error(s) in 1 file(s) (tsconfig.json)');
    assert.equal(record.trimmed, true);
    const quoted = record.evidence.split('\n').filter((line) => line.includes('error TS2322'));
    assert.equal(quoted.length, 100);
    assert.equal(quoted[0], "src/many.ts(1,14): error TS2322: Type 'number' is not assignable to type 'string'.");
    assert.match(record.evidence, /\[30 more in \.nova\/improve\/run-[\w-]+\/typecheck\.log\]/);
    const log = fs.readFileSync(path.join(workspace.repo, record.logFile ?? ''), 'utf8');
    assert.equal(log.split('\n').filter((line) => line.includes('error TS2322')).length, 130);
  });

  it('is skipped without a tsconfig.json', async () => {
    workspace = gateWorkspace({ 'index.js': 'module.exports = 1;\n' }, { 'index.js': 'module.exports = 2;\n' });
    const record = await typecheckGate.run(gateContext(workspace));
    assert.equal(record.status, 'skipped');
    assert.equal(record.summary, 'no TypeScript project');
  });

  it('rejects when cancelled', async () => {
    workspace = gateWorkspace(project, { 'src/report.ts': 'export const x = 1;\n' });
    const controller = new AbortController();
    controller.abort(new Error('cancelled by the person'));
    await assert.rejects(typecheckGate.run(gateContext(workspace, { signal: controller.signal })), /cancelled/);
  });
});
