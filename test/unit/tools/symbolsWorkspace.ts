/**
 * A small TypeScript project for the typescript_symbols and offline explain tests: a board with a
 * class, its methods, an interface, a type, consts and an unexported function, and two files that
 * use it. Line numbers matter: the tests name them.
 */
export const symbolsFiles: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: [] }, include: ['src'] }),
  'src/board.ts': [
    'export interface Card {', //             1
    '  id: number;',
    '}',
    '',
    'export class Board {', //                5
    '  private cards: Card[] = [];',
    '',
    '  moveCard(id: number): void {', //      8
    '    this.cards = this.cards.filter((card) => card.id !== id);',
    '  }',
    '',
    '  get size(): number {', //             12
    '    return this.cards.length;',
    '  }',
    '}',
    '',
    "export type CardId = Card['id'];", //   17
    '',
    'export const emptyBoard = (): Board => new Board();', // 19
    '',
    'function unused(): number {', //        21
    '  return 1;',
    '}',
    '',
  ].join('\n'),
  'src/sync.ts': [
    "import { Board, emptyBoard } from './board';", // 1
    '',
    'export function applyRemote(board: Board, id: number): void {', // 3
    '  board.moveCard(id);', //               4
    '}',
    '',
    'export class Replayer {', //             7
    '  replay(ids: number[]): Board {', //    8
    '    const board = emptyBoard();', //     9
    '    for (const id of ids) board.moveCard(id);', // 10
    '    return board;',
    '  }',
    '}',
    '',
  ].join('\n'),
  'src/notes.md': '# Notes\n',
};
