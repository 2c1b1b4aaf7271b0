import * as assert from 'node:assert/strict';
import { getContract, type ReviewVerdict } from '../../../src/core/contracts';
import { contractJsonSchema, submitToolName } from '../../../src/core/contracts/jsonSchema';
import { validatePayload } from '../../../src/core/contracts/validate';
import type { ContentBlock, ModelMessage, ModelRequest, ToolDefinition } from '../../../src/core/model/client';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import { missingScope, readCommand } from '../../../src/core/model/offline/plans/concierge';
import { fixesFor } from '../../../src/core/model/offline/plans/changeAuthor';
import { expandToSources, namedPaths, parseListing } from '../../../src/core/model/offline/workspacePaths';
import { renderInputMessage } from '../../../src/core/orchestrator/inputMessage';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

/**
 * Plays one activation: the offline model against real tools, until it submits or hands off —
 * for the agents a person cannot address directly (test-runner, reporter, arbiter, advisors).
 */
async function activate(w: TempWorkspace, agent: string, contract: string, payload: unknown, returns: string, tools: string[], allowlist: string[] = []) {
  const registry = createWorkspaceTools();
  const submitTool = submitToolName(returns);
  const definitions: ToolDefinition[] = [...tools.map((name) => registry.definition(name)), { name: submitTool, description: '', inputSchema: contractJsonSchema(getContract(returns)) }];
  const messages: ModelMessage[] = [{ role: 'user', content: [{ type: 'text', text: renderInputMessage({ from: 'nova', contract, payload, submitTool, canHandOff: false }) }] }];
  const model = new OfflineModel();
  const texts: string[] = [];
  for (let turn = 0; turn < 6; turn++) {
    const request: ModelRequest = { agent, model: 'offline', system: '', messages: [...messages], tools: definitions, maxTokens: 8192 };
    const response = await model.complete(request, { signal: new AbortController().signal, onDelta: (delta) => delta.type === 'text' && texts.push(delta.text) });
    messages.push({ role: 'assistant', content: response.content });
    const results: ContentBlock[] = [];
    for (const block of response.content) {
      if (block.type !== 'tool_use') continue;
      if (block.name === submitTool) {
        const checked = validatePayload(getContract(returns), block.input);
        assert.ok(checked.ok, JSON.stringify(checked));
        return { result: checked.value as Record<string, unknown>, texts, turns: turn + 1 };
      }
      const outcome = await registry.invoke(block.name, block.input, w.context({ commands: { allowlist } }));
      results.push({ type: 'tool_result', toolUseId: block.id, content: outcome.output, isError: outcome.status !== 'ok' });
    }
    if (results.length === 0) return { result: undefined, texts, turns: turn + 1 };
    messages.push({ role: 'user', content: results });
  }
  throw new Error(`${agent} did not finish`);
}

describe('offline plans', () => {
  let w: TempWorkspace;
  beforeEach(async () => (w = await makeWorkspace()));
  afterEach(() => w.dispose());

  it('test-runner: runs each gate as given; a refused command is an error with the refusal as evidence, never a pass', async () => {
    const gates = { reason: 'check the change', gates: [{ name: 'echo', command: 'echo gate-ok' }, { name: 'tests', command: 'npm test' }] };
    const { result } = await activate(w, 'test-runner', 'GateRequest', gates, 'GateReport', ['run_command'], ['echo gate-ok']);
    const report = result as { gates: { name: string; status: string; evidence: string }[]; overall: string };
    assert.deepEqual(report.gates.map((gate) => `${gate.name}:${gate.status}`), ['echo:passed', 'tests:error']);
    assert.match(report.gates[0]?.evidence ?? '', /Exit code: 0[\s\S]*gate-ok/);
    assert.match(report.gates[1]?.evidence ?? '', /not on the allowlist/);
    assert.equal(report.overall, 'failed');
  });

  it('arbiter: never rules; the person decides', async () => {
    const decision = { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'type-checks' };
    const { result } = await activate(w, 'arbiter', 'Disagreement', { decision, opinions: [{ agent: 'security-reviewer', stance: 'oppose', reason: 'secret' }], answers: [] }, 'Ruling', []);
    assert.equal(result?.ruling, 'undecided');
    assert.match(String(result?.rationale), /^\[offline\] The offline model does not arbitrate; the person decides/);
  });

  it('reporter: writes only from the request — files and hunk rationale, the verdict as given, gates and risks', async () => {
    const request = {
      task: 'remove unused imports',
      proposal: { summary: '[offline] TypeScript fixes', rationale: 'unused import', files: [{ path: 'src/a.ts', hunks: [{ startLine: 2, before: 'x', after: 'y', rationale: 'remove slugify' }] }], risks: [] },
      verdict: { verdict: 'approve', confidence: 0.8, summary: 'no new errors', findings: [] },
    };
    const { result } = await activate(w, 'reporter', 'ReportRequest', request, 'ChangeReport', []);
    assert.equal(result?.title, 'TypeScript fixes');
    assert.deepEqual(result?.whatChanged, [{ path: 'src/a.ts', summary: '1 hunk(s) at line(s) 2: remove slugify' }]);
    assert.match(String(result?.why), /Reviewer: approve, confidence 0\.8/);
    assert.deepEqual(result?.gates, []);
    assert.ok((result?.risks as string[]).includes('No gates were run.'));
  });

  it('security-reviewer: supports an approval of files without a security finding, abstains on other outcomes', async () => {
    await w.write('src/a.ts', 'export const a = 1;\n');
    const approve = { decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'src/a.ts type-checks' }, answers: [] };
    const support = await activate(w, 'security-reviewer', 'OpinionRequest', approve, 'Opinion', ['review_analyzers']);
    assert.equal(support.result?.stance, 'support');
    assert.equal(support.turns, 2);
    const other = await activate(w, 'security-reviewer', 'OpinionRequest', { ...approve, decision: { ...approve.decision, outcome: 'request_changes' } }, 'Opinion', ['review_analyzers']);
    assert.equal(other.result?.stance, 'abstain');
  });

  it('reviewer: hints (explicit-any, non-null-assertion) alone approve a review, and say they do not block; a warning requests changes', async () => {
    await w.write('tsconfig.json', JSON.stringify({ compilerOptions: { strict: true }, include: ['src'] }));
    await w.write('src/parse.ts', 'export function parse(text: string): any {\n  return JSON.parse(text);\n}\n\nexport function first(items: string[] | undefined): string {\n  return items![0] ?? "";\n}\n');
    const task = { intent: 'review', summary: 'review src', scope: ['src'], constraints: [] };
    const hintsOnly = await activate(w, 'reviewer', 'RoutedTask', task, 'ReviewVerdict', ['review_analyzers']);
    const hinted = hintsOnly.result as ReviewVerdict;
    assert.deepEqual(hinted.findings.map((f) => `${f.severity} ${f.rule}`).sort(), ['hint explicit-any', 'hint non-null-assertion']);
    assert.equal(hinted.verdict, 'approve', hinted.summary);
    assert.match(hinted.summary, /0 error\(s\), 0 warning\(s\).*; the 2 hint\(s\) and note\(s\) do not block an approval/);

    await w.write('src/compare.ts', 'export function same(a: unknown, b: unknown): boolean {\n  return a == b;\n}\n');
    const withWarning = (await activate(w, 'reviewer', 'RoutedTask', task, 'ReviewVerdict', ['review_analyzers'])).result as ReviewVerdict;
    assert.ok(withWarning.findings.some((f) => f.severity === 'warning'), JSON.stringify(withWarning.findings));
    assert.equal(withWarning.verdict, 'request_changes', withWarning.summary);
  });

  it('an agent it has no plan for: says so honestly and marks the response unsupported, whatever it returns', async () => {
    const model = new OfflineModel();
    for (const [agent, returns] of [['docs-writer', 'Answer'], ['migrator', 'ChangeProposal']] as const) {
      const submitTool = submitToolName(returns);
      const text = renderInputMessage({ from: 'concierge', contract: 'RoutedTask', payload: { intent: 'other', summary: 'write docs', scope: [], constraints: [] }, submitTool, canHandOff: false });
      const request: ModelRequest = { agent, model: 'offline', system: '', messages: [{ role: 'user', content: [{ type: 'text', text }] }], tools: [{ name: submitTool, description: '', inputSchema: contractJsonSchema(getContract(returns)) }], maxTokens: 8192 };
      const response = await model.complete(request, { signal: new AbortController().signal });
      assert.match(String(response.unsupported), new RegExp(`^The offline model has no plan for "${agent}" handed a RoutedTask; an Anthropic API key lets this agent run`));
      assert.equal(response.content.filter((block) => block.type === 'tool_use').length, 0, 'no made-up result');
    }
  });

  it('concierge without typescript_symbols (a workspace may give its own fewer tools): lists exports from what it read, and says what it could not do', async () => {
    await w.write('src/board.ts', 'import { x } from "./x";\n\nexport class Board {}\nexport function moveCard(): void {}\n');
    const request = { text: '/explain src/board.ts', files: [] };
    const { result } = await activate(w, 'concierge', 'UserRequest', request, 'Answer', ['list_files', 'read_file']);
    assert.match(String(result?.answer), /^\[offline\] You asked: "src\/board\.ts"\. Without a language model I can only summarise structure, not explain behaviour; without the typescript_symbols tool, not what references it either\. src\/board\.ts exports class Board \(line 3\), function moveCard \(line 4\)\./);
    assert.deepEqual(result?.references, [{ path: 'src/board.ts', line: 3 }, { path: 'src/board.ts', line: 4 }]);
  });

  it('counts tokens as about four characters each, and reports them as usage at no price', async () => {
    const model = new OfflineModel();
    const request: ModelRequest = { agent: 'x', model: 'offline', system: 'a'.repeat(400), messages: [], tools: [], maxTokens: 100 };
    assert.equal(await model.countTokens(request), 100);
    const response = await model.complete(request, { signal: new AbortController().signal });
    assert.equal(response.model, 'offline');
    assert.equal(response.usage.inputTokens, 100);
    assert.equal(model.provider, 'offline');
  });
});

describe('offline routing helpers', () => {
  const listing = parseListing(['Directory the workspace folder (5 entries, recursive):', 'src/', 'src/report.ts', 'src/util.ts', 'src/types.d.ts', 'README.md'].join('\n'));

  it('reads slash commands, else infers the intent from the words', () => {
    assert.deepEqual(readCommand('/review src'), { intent: 'review', rest: 'src' });
    assert.deepEqual(readCommand('/refactor remove unused imports'), { intent: 'refactor', rest: 'remove unused imports' });
    assert.equal(readCommand('please find unused imports and remove unused ones').intent, 'refactor');
    assert.equal(readCommand('check src for bugs').intent, 'review');
    assert.equal(readCommand('how is the report built?').intent, 'explain');
    assert.equal(readCommand('/unknown thing').intent, 'explain');
  });

  it('finds the existing paths a person named, and expands a scope to TypeScript sources', () => {
    assert.deepEqual(namedPaths('tidy `src/report.ts`, util.ts and src/nothing.ts in src.', listing), ['src/report.ts', 'src/util.ts', 'src']);
    assert.deepEqual(namedPaths('everything under src/**/*.ts', listing), ['src/**/*.ts']);
    assert.deepEqual(expandToSources(['.'], listing), ['src/report.ts', 'src/util.ts']);
    assert.deepEqual(expandToSources(['src/r*.ts'], listing), ['src/report.ts']);
  });

  it('finds the words after a slash command that are meant as paths but name nothing', () => {
    assert.deepEqual(missingScope('nosuchdir', listing), ['nosuchdir']);
    assert.deepEqual(missingScope('src/nothing.ts src', listing), ['src/nothing.ts']);
    assert.deepEqual(missingScope('src/gone/ and lib/x', listing), ['src/gone', 'lib/x']);
    for (const fine of ['src', 'src/report.ts', 'util.ts', '.', 'security', 'everything', 'remove unused imports', '']) assert.deepEqual(missingScope(fine, listing), [], fine);
  });

  it('chooses the TypeScript fixes from the goal', () => {
    assert.deepEqual(fixesFor('remove unused imports in src/report.ts'), ['removeUnusedImports']);
    assert.deepEqual(fixesFor('organize imports'), ['organizeImports']);
    assert.deepEqual(fixesFor('remove unused code'), ['removeUnused']);
    assert.deepEqual(fixesFor('clean up src'), ['organizeImports', 'removeUnused', 'fixAll']);
  });
});
