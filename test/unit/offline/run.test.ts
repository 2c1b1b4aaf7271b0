import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import type { ChangeProposal, ReviewVerdict } from '../../../src/core/contracts';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import type { RunEvent } from '../../../src/core/orchestrator/events';
import { applyHunks } from '../../../src/core/edits/placement';
import type { ModelCallSpan, ReasoningSpan } from '../../../src/core/trace/spans';
import { teamOrchestrator, tempWorkspace } from '../../support/team';
import { copySample, plantedFindings } from '../review/plantedFindings';

// The offline model drives the shipped team over the real tools: no key, no network, no script.
describe('the offline model runs the shipped team', () => {
  let sample: ReturnType<typeof copySample>;
  beforeEach(() => (sample = copySample()));
  afterEach(() => sample.cleanup());

  const offline = (folder: string) => teamOrchestrator(new OfflineModel(), folder, { defaultModel: 'offline' });

  it('/refactor remove unused imports: a proposal that removes the import, type-checked and approved by the reviewer, at no cost', async () => {
    const before = fs.readFileSync(path.join(sample.folder, 'src/report.ts'), 'utf8');
    const { orchestrator, spans } = await offline(sample.folder);
    const events: RunEvent[] = [];
    orchestrator.events.on((event) => events.push(event));

    const result = await orchestrator.run({ text: '/refactor remove unused imports in src/report.ts' });

    assert.equal(result.status, 'completed', JSON.stringify(result.stuck ?? result.escalation));
    assert.deepEqual(result.artifacts.map((a) => `${a.agent}:${a.contract}`), ['concierge:RoutedTask', 'planner:RefactorRequest', 'typescript-specialist:ChangeProposal', 'reviewer:ReviewVerdict']);
    assert.equal(result.result?.agent, 'reviewer');
    const verdict = result.result?.payload as ReviewVerdict;
    assert.equal(verdict.verdict, 'approve');
    assert.match(verdict.summary, /^\[offline\] .*no new errors/);

    const proposal = result.artifacts.find((a) => a.contract === 'ChangeProposal')?.payload as ChangeProposal;
    assert.deepEqual(proposal.files.map((file) => file.path), ['src/report.ts']);
    const [hunk] = proposal.files[0]?.hunks ?? [];
    assert.equal(proposal.files[0]?.hunks.length, 1);
    assert.equal(hunk?.startLine, 2);
    assert.match(hunk?.before ?? '', /slugify/);
    assert.equal(hunk?.after, 'import { parseDate, daysBetween, formatDate } from "./util";');
    assert.equal(fs.readFileSync(path.join(sample.folder, 'src/report.ts'), 'utf8'), before, 'nothing was written');

    // The person accepts: the hunks apply exactly, and the project still compiles — now with no unused import.
    for (const file of proposal.files) {
      const target = path.join(sample.folder, file.path);
      const applied = applyHunks(fs.readFileSync(target, 'utf8'), file);
      assert.deepEqual(applied.conflicts, []);
      fs.writeFileSync(target, applied.text);
    }
    assert.deepEqual(compile(sample.folder, { noUnusedLocals: true }).filter((d) => d.includes('report.ts')), []);
    assert.deepEqual(compile(sample.folder), []);

    // The decision the reviewer owns was advised by the security reviewer, which checked the file.
    assert.deepEqual(result.decisions.map((d) => `${d.kind}=${d.outcome} ${d.opinions.map((o) => `${o.agent}:${o.stance}`).join(',')}`), ['change.approval=approve security-reviewer:support']);
    assert.equal(result.usage.costUsd, 0);
    assert.ok(result.usage.tokens > 0);
    const calls = spans.spans.filter((s): s is ModelCallSpan => s.kind === 'model_call');
    assert.ok(calls.length > 0 && calls.every((call) => call.provider === 'offline' && call.model === 'offline' && call.costUsd === 0));
    // Everything it says is labelled, in the trace and in the streamed text.
    const said = spans.spans.filter((s): s is ReasoningSpan => s.kind === 'reasoning');
    assert.ok(said.length >= calls.length && said.every((s) => s.text.startsWith('[offline] ')), said.map((s) => s.text).join('\n'));
    const streamed = events.filter((e) => e.type === 'text_delta').map((e) => (e as { text: string }).text).join('');
    assert.ok(streamed.startsWith('[offline] ') && streamed.includes('[offline] Re-checking the proposal'));
  });

  it('/review src: the reviewer requests changes with every planted finding', async () => {
    const { orchestrator } = await offline(sample.folder);
    const result = await orchestrator.run({ text: '/review src' });
    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(result.artifacts.map((a) => `${a.agent}:${a.contract}`), ['concierge:RoutedTask', 'reviewer:ReviewVerdict']);
    const verdict = result.result?.payload as ReviewVerdict;
    assert.equal(verdict.verdict, 'request_changes');
    assert.deepEqual(verdict.findings.map((f) => `${f.path}:${f.line} ${f.rule}`).sort(), plantedFindings());
    assert.equal(result.usage.costUsd, 0);
  });

  it('is deterministic: the same request gives the same artifacts', async () => {
    const first = await (await offline(sample.folder)).orchestrator.run({ text: 'clean up src/board.ts and src/report.ts' });
    const second = await (await offline(sample.folder)).orchestrator.run({ text: 'clean up src/board.ts and src/report.ts' });
    assert.equal(first.status, 'completed');
    assert.deepEqual(second.artifacts, first.artifacts);
    const proposal = first.artifacts.find((a) => a.contract === 'ChangeProposal')?.payload as ChangeProposal;
    assert.deepEqual(proposal.files.map((f) => `${f.path}:${f.hunks.map((h) => h.startLine).join(',')}`), ['src/board.ts:63', 'src/report.ts:1']);
  });

  it('when no fix applies, says so and asks for a review instead of inventing a change', async () => {
    const { orchestrator } = await offline(sample.folder);
    const result = await orchestrator.run({ text: '/refactor organize imports in src/sync.ts' });
    assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
    assert.deepEqual(result.artifacts.map((a) => `${a.agent}:${a.contract}`), ['concierge:RoutedTask', 'planner:RefactorRequest', 'typescript-specialist:RoutedTask', 'reviewer:ReviewVerdict']);
    assert.match(String((result.artifacts[2]?.payload as { summary: string }).summary), /^No TypeScript fix \(organizeImports\) applies to src\/sync\.ts; review instead/);
    const verdict = result.result?.payload as ReviewVerdict;
    assert.equal(verdict.verdict, 'request_changes');
    assert.deepEqual(verdict.findings.map((f) => `${f.path}:${f.line} ${f.rule}`).sort(), plantedFindings().filter((f) => f.startsWith('src/sync.ts')));
  });

  it('answers a question with the declarations and references the language service found, and says what a key would add', async () => {
    const { orchestrator } = await offline(sample.folder);
    const result = await orchestrator.run({ text: 'what does src/report.ts do?' });
    assert.equal(result.status, 'completed');
    const answer = result.result?.payload as { answer: string; references: { path: string; line: number }[] };
    assert.match(answer.answer, /^\[offline\] The declarations of src\/report\.ts, and what references them, from TypeScript's language service:/);
    assert.match(answer.answer, /^- exported function `summarize`, line 13 — referenced from src\/report\.ts:79 \(call in renderReport\), test\/report\.test\.ts:3 \(import\), test\/report\.test\.ts:10 \(call\), test\/report\.test\.ts:19 \(call\)$/m);
    assert.match(answer.answer, /not explain what the code does or why[^\n]*With an Anthropic API key/);
    assert.deepEqual(
      answer.references.filter((r) => r.path === 'src/report.ts').map((r) => r.line),
      [5, 13, 79, 26, 87, 73],
    );
  });

  it('an approval the security analyzers object to is disputed, not arbitrated, and escalates to the person', async () => {
    const workspace = await tempWorkspace({
      'tsconfig.json': JSON.stringify({ compilerOptions: { strict: true, target: 'ES2022', module: 'commonjs', types: [] } }),
      'src/names.ts': 'export const name = "nova";\nexport const other = "x";\n',
      'src/config.ts': 'import { name, other } from "./names";\n\nexport const apiToken = "sk-live-0123456789abcdefghij";\nexport const label = name;\n',
    });
    try {
      const { orchestrator } = await offline(workspace.folder);
      const result = await orchestrator.run({ text: '/refactor remove unused imports in src/config.ts' });
      assert.equal(result.status, 'escalated', JSON.stringify(result.stuck));
      const [decision] = result.decisions;
      assert.equal(decision?.settledBy, 'escalated');
      assert.deepEqual(decision?.opinions.map((o) => `${o.agent}:${o.stance}`), ['security-reviewer:oppose']);
      assert.match(decision?.opinions[0]?.reason ?? '', /src\/config\.ts:3 hardcoded-secret/);
      assert.match(decision?.answers[0]?.answer ?? '', /^\[offline\] Keeping "approve"/);
      assert.match(result.escalation?.question ?? '', /arbiter could not rule \(\[offline\] The offline model does not arbitrate; the person decides/);
      assert.deepEqual(result.escalation?.options, ['approve', 'request_changes', 'reject']);
    } finally {
      await workspace.cleanup();
    }
  });
});

/** Diagnostics of `tsc -p folder`, as `file:line TS####`. */
function compile(folder: string, extra: ts.CompilerOptions = {}): string[] {
  const config = ts.getParsedCommandLineOfConfigFile(path.join(folder, 'tsconfig.json'), { noEmit: true, ...extra }, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined });
  assert.ok(config);
  const program = ts.createProgram(config.fileNames, config.options);
  return ts.getPreEmitDiagnostics(program).map((d) => `${path.relative(folder, d.file?.fileName ?? '')}:${d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0} TS${d.code}`);
}
