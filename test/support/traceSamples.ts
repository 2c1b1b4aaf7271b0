/**
 * Traces for the trace page's tests and bench, as the recorder writes them (spans in the order they
 * end: children before their parents). `sampleTrace()` is a small run with every thing a person
 * looks for: concierge → coder → reviewer handoffs, a handoff bounced then accepted, a payload in
 * the side file, hunks, a decision with dissent, a refused tool, a sandbox refusal and a governor
 * stop. `largeTrace(n)` is n spans of ordinary work, for the bench.
 */
import type { Span, TracedPayload } from '../../src/core/trace/spans';
import type { ProducedHunk } from '../../src/protocol/webview/trace';

export const sampleRunId = 'run-sample';

/** A span without its run id (the sample adds it). */
type Spanned = Span extends infer S ? (S extends Span ? Omit<S, 'runId'> : never) : never;
const at = (minute: number, second: number) => Date.UTC(2026, 11, 1, 9, minute, second);
const usage = (inputTokens: number, outputTokens: number, cacheReadTokens = 0) => ({ inputTokens, outputTokens, cacheReadTokens, cacheCreationTokens: 0 });
const inline = (value: unknown): TracedPayload => ({ bytes: JSON.stringify(value).length, value });

/** What the coder handed the reviewer the first time: three problems, so it bounced. */
export const bouncedProposal = { summary: 'Rename getCwd', files: [{ path: '/etc/paths.ts', hunks: [] }], risk: 'none' };
/** What the concierge handed the coder. */
export const refactorRequest = { goal: 'Rename getCwd to currentDirectory', files: ['src/paths.ts', 'src/cli.ts'], constraints: ['keep the public API'] };
/** The accepted proposal, whose start is all the trace line holds (the rest is in the side file). */
export const sideFilePreview = '{"summary":"Rename getCwd to currentDirectory","files":[{"path":"src/paths.ts","hunks":[{"startLine":12,"before":"export function getCwd()';
export const sideFilePayload = {
  summary: 'Rename getCwd to currentDirectory',
  files: [
    { path: 'src/paths.ts', hunks: [{ startLine: 12, before: 'export function getCwd() {', after: 'export function currentDirectory() {', rationale: 'the new name' }] },
    { path: 'src/cli.ts', hunks: [{ startLine: 40, before: 'getCwd()', after: 'currentDirectory()', rationale: 'the caller' }] },
  ],
  rationale: 'One name for one thing; the old name stays exported as an alias.',
};

export const sampleHunks: Record<string, ProducedHunk[]> = {
  'h-coder-2': [
    { changeSetId: 'cs-1', hunkId: 'hunk-a', path: 'src/paths.ts', startLine: 12, status: 'pending', summary: '+1 −1 lines: export function currentDirectory() {' },
    { changeSetId: 'cs-1', hunkId: 'hunk-b', path: 'src/cli.ts', startLine: 40, status: 'accepted', summary: '+1 −1 lines: currentDirectory()' },
  ],
};

/** The spans of the sample run, in the order they ended. */
export function sampleSpans(): Span[] {
  const spans: Spanned[] = [
    // concierge: reads, is refused a command, hands the work to the coder.
    { id: 'm-con-1', parentId: 't-con-1', kind: 'model_call', agent: 'concierge', startedAt: at(0, 1), endedAt: at(0, 3), provider: 'anthropic', model: 'claude-sonnet-5-5', usage: usage(1200, 300, 800), latencyMs: 1900, costUsd: 0.0081, stopReason: 'tool_use' },
    { id: 'r-con-1', parentId: 't-con-1', kind: 'reasoning', agent: 'concierge', startedAt: at(0, 3), endedAt: at(0, 3), source: 'thinking', text: 'The person wants getCwd renamed everywhere.\nThis is a refactor: the coder owns code changes, so I hand it a RefactorRequest naming both files.' },
    { id: 'tool-con-1', parentId: 't-con-1', kind: 'tool_call', agent: 'concierge', startedAt: at(0, 4), endedAt: at(0, 4), tool: 'read_file', input: { path: 'src/paths.ts' }, status: 'ok', output: 'export function getCwd() {\n  return process.cwd();\n}' },
    { id: 'tool-con-2', parentId: 't-con-1', kind: 'tool_call', agent: 'concierge', startedAt: at(0, 5), endedAt: at(0, 5), tool: 'run_command', input: { command: 'npm test' }, status: 'refused', output: "concierge may not use \"run_command\"; its tools: read_file, search" },
    { id: 'v-con-1', parentId: 't-con-1', kind: 'validation', agent: 'concierge', startedAt: at(0, 6), endedAt: at(0, 6), contract: 'RefactorRequest', direction: 'handoff', attempt: 1, verdict: 'accepted', issues: [] },
    { id: 'h-con-1', parentId: 't-con-1', kind: 'handoff', agent: 'concierge', startedAt: at(0, 6), endedAt: at(0, 6), from: 'concierge', to: 'coder', contract: 'RefactorRequest', reason: 'a rename across files', payloadHash: 'sha256:aa', status: 'delivered', payload: inline(refactorRequest) },
    { id: 't-con-1', parentId: 'a-con', kind: 'turn', agent: 'concierge', startedAt: at(0, 1), endedAt: at(0, 6), index: 1 },
    { id: 'a-con', parentId: 'run', kind: 'agent', agent: 'concierge', startedAt: at(0, 0), endedAt: at(0, 6), provenance: { origin: 'shipped', file: 'agents/concierge.md' }, accepted: 'UserRequest', outcome: 'handed_off', from: 'person' },
    // coder: the sandbox stops a read, its first proposal bounces, the second is accepted.
    { id: 'm-coder-1', parentId: 't-coder-1', kind: 'model_call', agent: 'coder', startedAt: at(0, 7), endedAt: at(0, 10), provider: 'anthropic', model: 'claude-sonnet-5-5', usage: usage(2400, 900, 1200), latencyMs: 2800, costUsd: 0.0192, stopReason: 'tool_use' },
    { id: 'r-coder-1', parentId: 't-coder-1', kind: 'reasoning', agent: 'coder', startedAt: at(0, 10), endedAt: at(0, 10), source: 'text', text: 'I will read the callers first, then propose the rename with an alias.' },
    { id: 'tool-coder-1', parentId: 't-coder-1', kind: 'tool_call', agent: 'coder', startedAt: at(0, 11), endedAt: at(0, 11), tool: 'read_file', input: { path: '../../etc/passwd' }, status: 'error', output: '"../../etc/passwd" is outside the workspace' },
    { id: 'h-coder-1', parentId: 't-coder-1', kind: 'handoff', agent: 'coder', startedAt: at(0, 12), endedAt: at(0, 12), from: 'coder', to: 'reviewer', contract: 'ChangeProposal', reason: 'ready for review', payloadHash: 'sha256:bb', status: 'bounced', detail: 'payload.files.0.path: not a workspace path; payload.files.0.hunks: at least one hunk; payload.rationale: Required', issues: ['payload.files.0.path: not a workspace path', 'payload.files.0.hunks: at least one hunk', 'payload.rationale: Required'], payload: inline(bouncedProposal) },
    { id: 'v-coder-1', parentId: 't-coder-1', kind: 'validation', agent: 'coder', startedAt: at(0, 12), endedAt: at(0, 12), contract: 'ChangeProposal', direction: 'handoff', attempt: 1, verdict: 'bounced', issues: ['payload.files.0.path: not a workspace path', 'payload.files.0.hunks: at least one hunk', 'payload.rationale: Required'] },
    { id: 't-coder-1', parentId: 'a-coder', kind: 'turn', agent: 'coder', startedAt: at(0, 7), endedAt: at(0, 12), index: 1 },
    { id: 'm-coder-2', parentId: 't-coder-2', kind: 'model_call', agent: 'coder', startedAt: at(0, 13), endedAt: at(0, 16), provider: 'anthropic', model: 'claude-sonnet-5-5', usage: usage(3100, 1100, 2400), latencyMs: 3000, costUsd: 0.0233, stopReason: 'tool_use' },
    { id: 'v-coder-2', parentId: 't-coder-2', kind: 'validation', agent: 'coder', startedAt: at(0, 16), endedAt: at(0, 16), contract: 'ChangeProposal', direction: 'handoff', attempt: 2, verdict: 'accepted', issues: [] },
    { id: 'h-coder-2', parentId: 't-coder-2', kind: 'handoff', agent: 'coder', startedAt: at(0, 16), endedAt: at(0, 16), from: 'coder', to: 'reviewer', contract: 'ChangeProposal', reason: 'fixed: workspace paths and a rationale', payloadHash: 'sha256:cc', status: 'delivered', payload: { bytes: 70_000, preview: sideFilePreview, inSideFile: true } },
    { id: 't-coder-2', parentId: 'a-coder', kind: 'turn', agent: 'coder', startedAt: at(0, 13), endedAt: at(0, 16), index: 2 },
    { id: 'a-coder', parentId: 'run', kind: 'agent', agent: 'coder', startedAt: at(0, 7), endedAt: at(0, 16), provenance: { origin: 'workspace', file: '.nova/agents/coder.md' }, accepted: 'RefactorRequest', outcome: 'handed_off', from: 'concierge', handoffSpanId: 'h-con-1' },
    // reviewer: approves over the security reviewer's dissent, and submits its verdict.
    { id: 'm-rev-1', parentId: 't-rev-1', kind: 'model_call', agent: 'reviewer', startedAt: at(0, 17), endedAt: at(0, 20), provider: 'anthropic', model: 'claude-opus-5', usage: usage(5200, 700, 3000), latencyMs: 3400, costUsd: 0.0611, stopReason: 'tool_use' },
    { id: 'r-rev-1', parentId: 't-rev-1', kind: 'reasoning', agent: 'reviewer', startedAt: at(0, 20), endedAt: at(0, 20), source: 'thinking', text: 'Both hunks keep behaviour. The alias keeps the public API.\n\nsecurity-reviewer worries about the exported name; the alias answers that.' },
    {
      id: 'd-rev-1', parentId: 't-rev-1', kind: 'decision', agent: 'reviewer', startedAt: at(0, 21), endedAt: at(0, 21),
      decision: {
        kind: 'change.approval', owner: 'reviewer', ownerProvenance: { origin: 'shipped', file: 'agents/reviewer.md' }, outcome: 'approve', proposedOutcome: 'approve', rationale: 'The rename keeps behaviour and the old name stays as an alias.',
        opinions: [{ agent: 'security-reviewer', stance: 'oppose', reason: 'The exported name is part of the public API.' }, { agent: 'typescript-specialist', stance: 'support', reason: 'Every caller is updated.' }],
        answers: [{ agent: 'reviewer', answer: 'The old name stays exported as an alias for one release.' }],
        dissent: [{ agent: 'security-reviewer', stance: 'oppose', reason: 'The exported name is part of the public API.' }],
        settledBy: 'owner', rounds: 1,
      },
    },
    { id: 'v-rev-1', parentId: 't-rev-1', kind: 'validation', agent: 'reviewer', startedAt: at(0, 22), endedAt: at(0, 22), contract: 'ReviewVerdict', direction: 'result', attempt: 1, verdict: 'accepted', issues: [], payload: inline({ verdict: 'approve', summary: 'Safe rename with an alias.', findings: [] }) },
    { id: 't-rev-1', parentId: 'a-rev', kind: 'turn', agent: 'reviewer', startedAt: at(0, 17), endedAt: at(0, 22), index: 1 },
    { id: 'a-rev', parentId: 'run', kind: 'agent', agent: 'reviewer', startedAt: at(0, 17), endedAt: at(0, 22), provenance: { origin: 'shipped', file: 'agents/reviewer.md' }, accepted: 'ChangeProposal', outcome: 'submitted', returned: 'ReviewVerdict', from: 'coder', handoffSpanId: 'h-coder-2' },
    // test-runner: the governor stops it.
    { id: 'm-test-1', parentId: 't-test-1', kind: 'model_call', agent: 'test-runner', startedAt: at(0, 23), endedAt: at(0, 25), provider: 'anthropic', model: 'claude-haiku-5', usage: usage(900, 200), latencyMs: 1200, costUsd: 0.0012, stopReason: 'tool_use' },
    { id: 't-test-1', parentId: 'a-test', kind: 'turn', agent: 'test-runner', startedAt: at(0, 23), endedAt: at(0, 25), index: 1 },
    { id: 'g-test-1', parentId: 'a-test', kind: 'governor_stop', agent: 'test-runner', startedAt: at(0, 26), endedAt: at(0, 26), report: { agent: 'test-runner', reason: 'cost_budget', detail: 'The run reached its $0.10 budget before the tests ran.', steps: 9, tokens: 21800, costUsd: 0.1129 } },
    { id: 'a-test', parentId: 'run', kind: 'agent', agent: 'test-runner', startedAt: at(0, 23), endedAt: at(0, 26), provenance: { origin: 'shipped', file: 'agents/test-runner.md' }, accepted: 'GateRequest', outcome: 'stopped', from: 'nova' },
    { id: 'run', parentId: null, kind: 'run', startedAt: at(0, 0), endedAt: at(0, 26), task: 'Rename getCwd to currentDirectory across src/', entryAgent: 'concierge', status: 'stopped', rerunOf: { runId: 'run-earlier', spanId: 'h-old', edited: true } },
  ];
  return spans.map((span) => ({ ...span, runId: sampleRunId }) as Span);
}

/** The sample's problems, in the order they happened (what Next visits). */
export const sampleProblemIds = ['tool-con-2', 'tool-coder-1', 'h-coder-1', 'v-coder-1', 'd-rev-1', 'g-test-1'];

/** trace/load as the extension sends it. */
export function loadMessage(spans: readonly Span[], options: { runId?: string; live?: boolean; focus?: string; hunks?: Record<string, ProducedHunk[]>; fileProblems?: { line: number; message: string }[] } = {}): unknown {
  const params = { runId: options.runId ?? sampleRunId, spans, fileProblems: options.fileProblems ?? [], live: options.live ?? false, hunks: options.hunks ?? {}, ...(options.focus ? { focus: options.focus } : {}) };
  return { kind: 'notification', method: 'trace/load', params };
}

export function notification(method: string, params: unknown): unknown {
  return { kind: 'notification', method, params };
}

/**
 * `count` spans of ordinary work, as a long run records it: agent activations of ten turns, each a
 * model call, a reasoning span and tool calls, ending with a validated handoff. Spans end in order.
 */
export function largeTrace(count: number, runId = 'run-large'): Span[] {
  const spans: Span[] = [];
  let clock = Date.UTC(2026, 11, 1, 9);
  const base = (id: string, parentId: string, agent: string) => ({ runId, id, parentId, agent, startedAt: clock, endedAt: (clock += 7) });
  const agents = ['concierge', 'planner', 'coder', 'typescript-specialist', 'reviewer', 'test-runner'];
  for (let activation = 0; spans.length < count - 1; activation++) {
    const agent = agents[activation % agents.length]!;
    const agentId = `a${activation}`;
    const agentStart = clock;
    for (let turn = 1; turn <= 10 && spans.length < count - 2; turn++) {
      const turnId = `${agentId}-t${turn}`;
      const turnStart = clock;
      spans.push({ ...base(`${turnId}-m`, turnId, agent), kind: 'model_call', provider: 'anthropic', model: 'claude-sonnet-5-5', usage: usage(2000 + turn, 400, 1500), latencyMs: 900 + turn, costUsd: 0.004, stopReason: 'tool_use' });
      spans.push({ ...base(`${turnId}-r`, turnId, agent), kind: 'reasoning', source: 'text', text: `Turn ${turn} of ${agent}: reading the next file and checking its callers before the change.` });
      for (let tool = 0; tool < 5; tool++) spans.push({ ...base(`${turnId}-c${tool}`, turnId, agent), kind: 'tool_call', tool: tool % 2 === 0 ? 'read_file' : 'search', input: { path: `src/module${activation}/file${tool}.ts` }, status: 'ok', output: `export const value${tool} = ${turn};` });
      if (turn === 10) {
        spans.push({ ...base(`${turnId}-v`, turnId, agent), kind: 'validation', contract: 'RefactorRequest', direction: 'handoff', attempt: 1, verdict: 'accepted', issues: [] });
        spans.push({ ...base(`${turnId}-h`, turnId, agent), kind: 'handoff', from: agent, to: agents[(activation + 1) % agents.length]!, contract: 'RefactorRequest', reason: 'next step', payloadHash: `sha256:${activation}`, status: 'delivered', payload: inline({ goal: `Step ${activation}`, files: [`src/module${activation}/file0.ts`], constraints: [] }) });
      }
      spans.push({ runId, id: turnId, parentId: agentId, agent, kind: 'turn', index: turn, startedAt: turnStart, endedAt: clock });
    }
    spans.push({ runId, id: agentId, parentId: 'run', agent, kind: 'agent', accepted: 'RefactorRequest', outcome: 'handed_off', startedAt: agentStart, endedAt: clock });
  }
  spans.push({ runId, id: 'run', parentId: null, kind: 'run', task: 'A long refactor', entryAgent: 'concierge', status: 'completed', startedAt: Date.UTC(2026, 11, 1, 9), endedAt: clock });
  return spans;
}
