import * as assert from 'node:assert/strict';
import { TypeScriptProject } from '../../../src/core/typescript/project';
import { RepositoryMap } from '../../../src/core/typescript/repositoryMap';

// The repository map a batched review sends instead of whole files: from the program's imports.
const root = '/map/';
const sources: Record<string, string> = {
  'src/model.ts': [
    'export interface Card { id: string; title: string }',
    "export type Column = 'todo' | 'done';",
    'export enum Priority { Low, High }',
    'export class Board { move(card: Card, to: Column): void {} }',
    'export const limits = { columns: 5, token: "ghp_0123456789abcdefghijklmnopqrstuvwxyz" } as const;',
    "export const name = 'board';",
  ].join('\n'),
  'src/index.ts': "export { Board } from './model';\nexport * from './sync';\n",
  'src/sync.ts': "import type { Card } from './model';\nimport * as model from './model';\nimport { readFileSync } from 'fs';\nexport function applyRemote(card: Card): model.Board { return new model.Board(); }\n",
  'src/lonely.ts': 'export const alone = 1;\n',
};

function mapOf(): { map: RepositoryMap; fileName: (path: string) => string } {
  const project = TypeScriptProject.inMemory(Object.entries(sources).map(([path, text]) => ({ fileName: `${root}${path}`, text })));
  const map = new RepositoryMap(project.program(), (fileName) => (fileName.startsWith(root) ? fileName.slice(root.length) : undefined));
  return { map, fileName: (path) => `${root}${path}` };
}

describe('RepositoryMap: a file\'s neighbours from the TypeScript program', () => {
  it('lists the workspace modules a file imports, the names it takes and what they export, with types', () => {
    const { map, fileName } = mapOf();
    const { imports, importedBy } = map.contextOf(fileName('src/sync.ts'));
    assert.deepEqual(imports.map((module) => [module.path, module.uses]), [['src/model.ts', ['*', 'Card']]], 'one entry per module; a library (fs) is left out');
    const exports = Object.fromEntries(imports[0]!.exports.map((symbol) => [symbol.name, `${symbol.kind}${symbol.type ? ` ${symbol.type}` : ''}`]));
    assert.deepEqual(exports, {
      Card: 'interface',
      Column: 'type',
      Priority: 'enum typeof Priority',
      Board: 'class typeof Board',
      limits: 'variable { readonly columns: 5; readonly token: "ghp_…"; }',
      name: 'variable string',
    });
    assert.deepEqual(importedBy, [{ path: 'src/index.ts', uses: ['*'] }], 'a re-export counts as a use');
  });

  it('lists who imports a file, and gives an unconnected file an empty context', () => {
    const { map, fileName } = mapOf();
    assert.deepEqual(map.contextOf(fileName('src/model.ts')).importedBy, [{ path: 'src/index.ts', uses: ['Board'] }, { path: 'src/sync.ts', uses: ['*', 'Card'] }]);
    assert.deepEqual(map.contextOf(fileName('src/lonely.ts')), { imports: [], importedBy: [] });
  });
});
