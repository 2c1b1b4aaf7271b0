import * as assert from 'node:assert/strict';
import type { Answer } from '../../../src/core/contracts';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import { readCommand } from '../../../src/core/model/offline/plans/concierge';
import { readSymbolQuestion } from '../../../src/core/model/offline/plans/symbolQuestion';
import { teamOrchestrator, tempWorkspace } from '../../support/team';
import { symbolsFiles } from '../tools/symbolsWorkspace';

const keyAdvice = /\nOffline, I can show where things are declared and used, not explain what the code does or why it is written this way\. With an Anthropic API key \(command "Nova: Set Anthropic API Key", or ANTHROPIC_API_KEY\) the concierge reads the code and explains its behaviour and intent, citing lines\.$/;

// The offline concierge answers questions about code from TypeScript's language service, through
// the shipped team and the real tools, and says what it cannot do.
describe('the offline concierge explains from typescript_symbols', () => {
  let workspace: { folder: string; cleanup: () => Promise<void> };
  before(async () => (workspace = await tempWorkspace(symbolsFiles)));
  after(() => workspace.cleanup());

  const ask = async (text: string) => {
    const { orchestrator, spans } = await teamOrchestrator(new OfflineModel(), workspace.folder, { defaultModel: 'offline' });
    const result = await orchestrator.run({ text });
    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.equal(`${result.result?.agent}:${result.result?.contract}`, 'concierge:Answer');
    const tools = spans.spans.flatMap((span) => (span.kind === 'tool_call' ? [span.tool] : []));
    return { answer: result.result?.payload as Answer, tools };
  };
  const places = (answer: Answer) => answer.references.map((reference) => `${reference.path}:${reference.line}`);

  it('/explain a file: each declaration with kind, name and line, and what references it; every place named is a reference', async () => {
    const { answer, tools } = await ask('/explain src/board.ts');
    assert.deepEqual(tools, ['list_files', 'typescript_symbols']);
    const lines = answer.answer.split('\n');
    assert.equal(lines[0], "[offline] The declarations of src/board.ts, and what references them, from TypeScript's language service:");
    assert.deepEqual(lines.filter((line) => /^\s*- /.test(line)), [
      '- exported interface `Card`, line 1 — referenced from src/board.ts:6 (in Board), src/board.ts:17',
      '- exported class `Board`, line 5 — referenced from src/board.ts:19 (new in emptyBoard), src/sync.ts:1 (import), src/sync.ts:3 (in applyRemote), src/sync.ts:8 (in Replayer.replay)',
      '  - method `moveCard`, line 8 — referenced from src/sync.ts:4 (call in applyRemote), src/sync.ts:10 (call in Replayer.replay)',
      '  - getter `size`, line 12 — no references in the workspace',
      '- exported type `CardId`, line 17 — no references in the workspace',
      '- exported const `emptyBoard`, line 19 — referenced from src/sync.ts:1 (import), src/sync.ts:9 (call in Replayer.replay)',
      '- function `unused`, line 21 — no references in the workspace',
    ]);
    assert.match(answer.answer, keyAdvice);
    assert.deepEqual(places(answer), [
      'src/board.ts:1', 'src/board.ts:6', 'src/board.ts:17',
      'src/board.ts:5', 'src/board.ts:19', 'src/sync.ts:1', 'src/sync.ts:3', 'src/sync.ts:8',
      'src/board.ts:8', 'src/sync.ts:4', 'src/sync.ts:10',
      'src/board.ts:12', 'src/sync.ts:9', 'src/board.ts:21',
    ]);
  });

  it('"where is Board defined?": where it is declared, what calls and references it', async () => {
    const { answer, tools } = await ask('where is Board defined?');
    assert.deepEqual(tools, ['list_files', 'typescript_symbols']);
    assert.deepEqual(answer.answer.split('\n').slice(0, 5), [
      "[offline] `Board` is declared in one place in this workspace, by TypeScript's language service:",
      '',
      '- exported class `Board`, declared at src/board.ts:5',
      '  - called from src/board.ts:19 (new in emptyBoard)',
      '  - also referenced from src/sync.ts:1 (import), src/sync.ts:3 (in applyRemote), src/sync.ts:8 (in Replayer.replay)',
    ]);
    assert.deepEqual(places(answer), ['src/board.ts:5', 'src/board.ts:19', 'src/sync.ts:1', 'src/sync.ts:3', 'src/sync.ts:8']);
    assert.match(answer.answer, keyAdvice);
  });

  it('"who calls moveCard?": the callers, with the function each call is in — also when a file is named', async () => {
    for (const question of ['who calls moveCard?', 'who calls `Board.moveCard()` in src/sync.ts?']) {
      const { answer } = await ask(question);
      const symbol = question.includes('Board.') ? 'Board.moveCard' : 'moveCard';
      assert.deepEqual(answer.answer.split('\n').slice(0, 4), [
        `[offline] What calls or references \`${symbol}\` in this workspace, by TypeScript's language service:`,
        '',
        '- method `Board.moveCard`, declared at src/board.ts:8',
        '  - called from src/sync.ts:4 (in applyRemote), src/sync.ts:10 (in Replayer.replay)',
      ], question);
      assert.deepEqual(places(answer), ['src/board.ts:8', 'src/sync.ts:4', 'src/sync.ts:10']);
    }
  });

  it('a name it cannot find: says so, offers similar names, and what to ask instead', async () => {
    const { answer } = await ask('where is card defined?');
    assert.match(answer.answer, /^\[offline\] TypeScript's language service finds no declaration named `card` in this workspace\. Similar names: `Card`, `CardId`, `Board\.cards`, `Board\.moveCard`\. Ask with the exact name \(case matters\), or \/explain a file to see what it declares\.\n/);
    assert.deepEqual(answer.references, []);
  });

  it('a missing file or one outside the workspace: a clear answer, not an explanation of something else', async () => {
    for (const path of ['src/missing.ts', '../outside/secret.ts', '/etc/passwd']) {
      const { answer, tools } = await ask(`/explain ${path}`);
      assert.equal(answer.answer.split('\n')[0], `[offline] ${path} is not a file in this workspace, so there is nothing of it to explain. Name a file as list_files shows it (e.g. src/board.ts).`);
      assert.match(answer.answer, keyAdvice);
      assert.deepEqual(answer.references, []);
      assert.deepEqual(tools, ['list_files']);
    }
  });

  it('a missing file named beside an existing one: the existing one is described, the missing one named', async () => {
    const { answer } = await ask('/explain src/sync.ts src/gone.ts');
    assert.equal(answer.answer.split('\n')[0], "[offline] The declarations of src/sync.ts, and what references them, from TypeScript's language service:");
    assert.match(answer.answer, /\n\nsrc\/gone\.ts is not a file in this workspace\.\n/);
  });

  it('a file that is not TypeScript: says there is nothing it can describe', async () => {
    const { answer } = await ask('/explain src/notes.md');
    assert.equal(answer.answer.split('\n')[0], '[offline] I found no TypeScript files in src/notes.md to describe.');
  });
});

describe('offline symbol questions', () => {
  it('reads "where is X defined" and "who calls X" in their usual forms', () => {
    const cases: [string, string, 'definition' | 'callers'][] = [
      ['where is Board defined?', 'Board', 'definition'],
      ['Where is the class `TaskBoard` declared', 'TaskBoard', 'definition'],
      ['find where emptyBoard is defined', 'emptyBoard', 'definition'],
      ['show me the definition of Board.moveCard', 'Board.moveCard', 'definition'],
      ['who calls moveCard?', 'moveCard', 'callers'],
      ['who calls moveCard() in src/sync.ts', 'moveCard', 'callers'],
      ['what uses CardId', 'CardId', 'callers'],
      ['where is emptyBoard used?', 'emptyBoard', 'callers'],
      ['find references to Board', 'Board', 'callers'],
      ['callers of applyRemote', 'applyRemote', 'callers'],
    ];
    for (const [text, symbol, asks] of cases) assert.deepEqual(readSymbolQuestion(text), { symbol, asks }, text);
  });

  it('is no symbol question without a name: a pronoun, a file, or other words', () => {
    for (const text of ['where is it defined?', 'who uses board.ts?', 'what does src/board.ts do?', 'how is the report built?', 'find unused imports']) {
      assert.equal(readSymbolQuestion(text), undefined, text);
    }
  });

  it('routes a symbol question to an answer, even with a word that otherwise means a review', () => {
    assert.equal(readCommand('find where Board is defined').intent, 'explain');
    assert.equal(readCommand('find references to moveCard').intent, 'explain');
    assert.equal(readCommand('find bugs in src/board.ts').intent, 'review');
  });
});
