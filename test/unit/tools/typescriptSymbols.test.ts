import * as assert from 'node:assert/strict';
import { readJsonBlock } from '../../../src/core/tools/structuredOutput';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { symbolLimits, type SymbolDeclaration, type SymbolReport } from '../../../src/core/tools/typescriptSymbols';
import { symbolsFiles } from './symbolsWorkspace';
import { makeWorkspace, type TempWorkspace } from './workspace';

describe('typescript_symbols', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => {
    w = await makeWorkspace();
    for (const [name, text] of Object.entries(symbolsFiles)) await w.write(name, text);
  });
  afterEach(() => w.dispose());

  const ask = (input: unknown, trusted = true) => tools.invoke('typescript_symbols', input, w.context({ trusted }));
  const reportOf = async (input: unknown, trusted = true) => {
    const outcome = await ask(input, trusted);
    assert.equal(outcome.status, 'ok', outcome.output);
    return { text: outcome.output, report: readJsonBlock(outcome.output) as SymbolReport };
  };
  /** `kind name@line` and each reference as `path:line use within`. */
  const summary = (declaration: SymbolDeclaration) => ({
    declared: `${declaration.exported ? 'export ' : ''}${declaration.kind} ${declaration.container ? `${declaration.container}.` : ''}${declaration.name} ${declaration.path}:${declaration.line}`,
    references: declaration.references.map((reference) => `${reference.path}:${reference.line} ${reference.use}${reference.within ? ` ${reference.within}` : ''}`),
  });

  it("lists a file's declarations in source order — exports, class methods and accessors, types, consts, unexported functions — each with what references it", async () => {
    const { text, report } = await reportOf({ path: 'src/board.ts' });
    assert.equal(report.path, 'src/board.ts');
    assert.deepEqual(report.declarations.map(summary), [
      { declared: 'export interface Card src/board.ts:1', references: ['src/board.ts:6 reference Board', 'src/board.ts:17 reference'] },
      { declared: 'export class Board src/board.ts:5', references: ['src/board.ts:19 new emptyBoard', 'src/sync.ts:1 import', 'src/sync.ts:3 reference applyRemote', 'src/sync.ts:8 reference Replayer.replay'] },
      { declared: 'method Board.moveCard src/board.ts:8', references: ['src/sync.ts:4 call applyRemote', 'src/sync.ts:10 call Replayer.replay'] },
      { declared: 'getter Board.size src/board.ts:12', references: [] },
      { declared: 'export type CardId src/board.ts:17', references: [] },
      { declared: 'export const emptyBoard src/board.ts:19', references: ['src/sync.ts:1 import', 'src/sync.ts:9 call Replayer.replay'] },
      { declared: 'function unused src/board.ts:21', references: [] },
    ]);
    assert.equal(report.notListed, 0);
    // The same, for a model to read: the declaration is never listed as its own reference.
    assert.match(text, /^- export class Board at src\/board\.ts:5: referenced from src\/board\.ts:19 \(new in emptyBoard\), src\/sync\.ts:1 \(import\), src\/sync\.ts:3 \(in applyRemote\), src\/sync\.ts:8 \(in Replayer\.replay\)$/m);
    assert.match(text, /^- getter Board\.size at src\/board\.ts:12: no references in the workspace$/m);
    assert.doesNotMatch(text, /src\/board\.ts:5 \(/);
  });

  it('finds where a name is declared and who calls it; Class.member and a path narrow it', async () => {
    const { report } = await reportOf({ symbol: 'moveCard' });
    assert.deepEqual(report.declarations.map(summary), [{ declared: 'method Board.moveCard src/board.ts:8', references: ['src/sync.ts:4 call applyRemote', 'src/sync.ts:10 call Replayer.replay'] }]);
    assert.deepEqual((await reportOf({ symbol: 'Board.moveCard' })).report.declarations.map((d) => d.line), [8]);
    assert.deepEqual((await reportOf({ symbol: 'Replayer.moveCard' })).report.declarations, []);
    assert.deepEqual((await reportOf({ symbol: 'Board', path: 'src/board.ts' })).report.declarations.map(summary)[0]?.declared, 'export class Board src/board.ts:5');
    const elsewhere = await reportOf({ symbol: 'moveCard', path: 'src/sync.ts' });
    assert.deepEqual(elsewhere.report.declarations, []);
    assert.match(elsewhere.text, /^No declaration of "moveCard" in src\/sync\.ts found by TypeScript's language service\./);
  });

  it('a name with no declaration: says so and offers the names that contain it', async () => {
    const { text, report } = await reportOf({ symbol: 'card' });
    assert.deepEqual(report.declarations, []);
    assert.deepEqual(report.similar, ['Card', 'CardId', 'Board.cards', 'Board.moveCard']);
    assert.match(text, /^No declaration of "card" found by TypeScript's language service\. Similar names: Card, CardId, Board\.cards, Board\.moveCard\.$/m);
  });

  it('lists at most ten references of a file declaration and says how many more there are', async () => {
    const calls = Array.from({ length: 13 }, (_, i) => `export const v${i} = ping();`);
    await w.write('src/ping.ts', ['export function ping(): number {', '  return 1;', '}', ...calls, ''].join('\n'));
    const { text, report } = await reportOf({ path: 'src/ping.ts' });
    const ping = report.declarations[0];
    assert.equal(ping?.name, 'ping');
    assert.equal(ping?.references.length, symbolLimits.maxFileReferences);
    assert.deepEqual(ping?.references.map((reference) => reference.line), [4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    assert.equal(ping?.moreReferences, 3);
    assert.match(text, /^- export function ping at src\/ping\.ts:1: referenced from src\/ping\.ts:4 \(call\), [^\n]*src\/ping\.ts:13 \(call\) and 3 more$/m);
    // Asked about by name, the same function lists all thirteen (the cap is higher for a question).
    assert.equal((await reportOf({ symbol: 'ping' })).report.declarations[0]?.references.length, 13);
  });

  it('works in Restricted Mode: it only reads', async () => {
    const { report } = await reportOf({ symbol: 'emptyBoard' }, false);
    assert.deepEqual(report.declarations.map((d) => `${d.path}:${d.line}`), ['src/board.ts:19']);
  });

  it('a missing file, a directory, a file that is not TypeScript, a path outside the workspace, bad input: a clear outcome, never a throw', async () => {
    const cases: [unknown, string, RegExp][] = [
      [{ path: 'src/missing.ts' }, 'error', /^src\/missing\.ts does not exist in the workspace\.$/],
      [{ path: 'src' }, 'error', /^src is not a file; name a TypeScript file\.$/],
      [{ path: 'src/notes.md' }, 'error', /^src\/notes\.md is not a TypeScript source file\.$/],
      [{ path: '../outside/secret.txt' }, 'refused', /outside the workspace/],
      [{ path: '/etc/passwd' }, 'refused', /outside the workspace/],
      [{}, 'error', /give path, symbol, or both/],
      [{ symbol: 'two words' }, 'error', /symbol: a symbol is an identifier, or Class\.member/],
      [{ symbol: 'Board', extra: 1 }, 'error', /Unrecognized key/],
    ];
    for (const [input, status, output] of cases) {
      const outcome = await ask(input);
      assert.equal(outcome.status, status, `${JSON.stringify(input)}: ${outcome.output}`);
      assert.match(outcome.output, output);
      assert.ok(!outcome.output.includes(w.root), `no host path: ${outcome.output}`);
    }
  });
});
