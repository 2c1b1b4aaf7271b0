/**
 * The trace store under a long run: 10,000 spans recorded through the recorder into a JSONL file,
 * then reloaded into the run tree. Reports the median wall time of write + reload and how much heap
 * the reloaded trace holds. Handoffs and results carry payloads as a real run's do (most a few
 * hundred bytes, some ChangeProposals of several KiB, the odd whole-file rewrite over the cap, which
 * goes to its side file). Run alone with `node --expose-gc out/bench/trace.js`.
 */
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { JsonlSpanProcessor, loadTrace, type LoadedTrace } from '../src/core/trace/jsonl';
import { TraceRecorder } from '../src/core/trace/recorder';
import { sidePayloadFolder, tracedPayload } from '../src/core/trace/tracedPayload';
import { seeded as random } from '../test/support/seeded';
import { formatBenchTable, median, type BenchRow } from './table';

const SPANS = 10_000;
const REPETITIONS = 7;

const WORDS = 'the config loader reads settings from disk and merges defaults before the planner splits work into steps owned by one agent each rename export import type check passes'.split(' ');

/** Text of about `chars` characters. */
function makeProse(pick: (below: number) => number, chars: number): string {
  const words: string[] = [];
  for (let length = 0; length < chars; length += words[words.length - 1]!.length + 1) words.push(WORDS[pick(WORDS.length)]!);
  return words.join(' ');
}

/**
 * Texts made before timing starts, `TEXTS[n]` of about n characters, so the figures measure the trace
 * and not the making of its content. JSON.parse makes fresh strings on reload, so sharing them here
 * does not flatter the heap figure.
 */
const TEXTS = (() => {
  const pick = random(7);
  return Array.from({ length: 601 }, (_, chars) => makeProse(pick, chars));
})();

/** A text of about `chars` (at most 600) characters. */
const prose = (chars: number): string => TEXTS[Math.min(chars, 600)]!;

/**
 * What activation `activation` hands over or submits: a small request most of the time, a
 * ChangeProposal of 8 hunks (~5 KiB) every 10th, a whole-file rewrite (~40 KiB, over the cap) every 50th.
 */
function payloadOf(activation: number): unknown {
  if (activation % 50 === 49) return { summary: prose(80), rationale: prose(200), files: [{ path: 'src/big.ts', hunks: [{ startLine: 1, before: prose(600).repeat(30), after: prose(600).repeat(34), rationale: prose(100) }] }], risks: [] };
  if (activation % 10 === 9) return { summary: prose(80), rationale: prose(200), files: [{ path: 'src/a.ts', hunks: Array.from({ length: 8 }, (_, index) => ({ startLine: 10 * index + 1, before: prose(250), after: prose(260), rationale: prose(60) })) }], risks: [] };
  return { goal: prose(120), files: [`src/module${activation % 40}/file.ts`], constraints: [prose(40)] };
}

const AGENTS = ['concierge', 'planner', 'refactorer', 'typescript-specialist', 'reviewer', 'security-reviewer', 'test-runner'];
const TOOLS = ['read_file', 'search', 'list_files', 'ts_diagnostics', 'apply_edit', 'run_command'];

/**
 * Records a run shaped like a long real one: activations of several turns, each a model call, its
 * reasoning and a few tool calls, then the validation and handoff that end the activation, with the
 * occasional decision, bounce, escalation and governor stop. Field sizes make lines of ~200-600 bytes.
 */
function recordLongRun(trace: TraceRecorder, seed: number): void {
  const pick = random(seed);
  let spans = 0;
  const count = <T>(value: T): T => (spans++, value);
  const run = count(trace.start('run', null, { task: prose(120), entryAgent: 'concierge', status: 'completed' }));
  for (let activation = 0; spans < SPANS - 100; activation++) {
    const agent = AGENTS[activation % AGENTS.length]!;
    const next = AGENTS[(activation + 1) % AGENTS.length]!;
    const span = count(trace.start('agent', run.id, { agent, accepted: 'RefactorRequest', outcome: 'handed_off' }));
    for (let index = 0, turns = 3 + pick(6); index < turns; index++) {
      const turn = count(trace.start('turn', span.id, { agent, index }));
      count(trace.record('model_call', turn.id, {
        agent, provider: 'anthropic', model: 'claude-sonnet-5-5',
        usage: { inputTokens: 2000 + pick(30_000), outputTokens: 100 + pick(2000), cacheReadTokens: pick(20_000), cacheCreationTokens: pick(3000) },
        latencyMs: 400 + pick(6000), costUsd: pick(500) / 10_000, stopReason: 'tool_use',
      }));
      count(trace.record('reasoning', turn.id, { agent, source: 'thinking', text: prose(150 + pick(350)) }));
      for (let call = 0, calls = 1 + pick(3); call < calls; call++) {
        const tool = TOOLS[pick(TOOLS.length)]!;
        count(trace.start('tool_call', turn.id, { agent, tool, input: { path: `src/module${pick(40)}/file${pick(90)}.ts`, query: prose(30) }, status: 'ok', output: '' }))
          .end({ status: tool === 'run_command' ? 'refused' : 'ok', output: prose(100 + pick(300)) });
      }
      turn.end();
    }
    const bounced = pick(10) === 0;
    const payload = tracedPayload(payloadOf(activation));
    count(trace.record('validation', span.id, {
      agent, contract: 'ChangeProposal', direction: 'result', attempt: 1, verdict: bounced ? 'bounced' : 'accepted', issues: bounced ? [prose(80)] : [], payload,
    }));
    count(trace.record('handoff', span.id, { agent, from: agent, to: next, contract: 'RefactorRequest', reason: prose(100), payloadHash: pick(1e9).toString(16), status: 'delivered', payload }));
    if (agent === 'reviewer') {
      const statement = { kind: 'change.approval', owner: agent, outcome: 'approve', rationale: prose(120) };
      const opinions = [{ agent: 'security-reviewer', stance: 'oppose' as const, reason: prose(80) }];
      count(trace.record('decision', span.id, { agent, decision: { ...statement, proposedOutcome: 'approve', opinions, answers: [], dissent: opinions, settledBy: 'owner', rounds: 1 } }));
      if (pick(4) === 0) count(trace.record('escalation', span.id, { agent: 'arbiter', escalation: { id: 'decision-1', question: prose(80), decision: statement, options: ['approve', 'reject'], opinions } }));
    }
    span.end();
  }
  // The run's last activation: the reporter writes until the run reaches its size, then the governor stops it.
  const reporter = count(trace.start('agent', run.id, { agent: 'reporter', accepted: 'ReportRequest', outcome: 'stopped' }));
  const turn = count(trace.start('turn', reporter.id, { agent: 'reporter', index: 0 }));
  while (spans < SPANS - 1) count(trace.record('reasoning', turn.id, { agent: 'reporter', source: 'text', text: prose(150 + pick(350)) }));
  count(trace.record('governor_stop', reporter.id, {
    agent: 'reporter', report: { agent: 'reporter', reason: 'max_steps', detail: prose(150), steps: 300, tokens: 4_000_000, costUsd: 12.5 },
  }));
  turn.end();
  reporter.end();
  run.end({ status: 'stopped' });
}

async function writeAndReload(file: string, seed: number): Promise<{ writeMs: number; loaded: LoadedTrace; totalMs: number }> {
  const started = performance.now();
  const trace = new TraceRecorder(`bench-${seed}`, [new JsonlSpanProcessor(file)]);
  recordLongRun(trace, seed);
  await trace.flush();
  const written = performance.now();
  const loaded = await loadTrace(file);
  const done = performance.now();
  if (loaded.spans.length !== SPANS || loaded.problems.length > 0 || !loaded.tree.root) {
    throw new Error(`The reloaded trace is wrong: ${loaded.spans.length} spans, ${loaded.problems.length} problems.`);
  }
  return { writeMs: written - started, loaded, totalMs: done - started };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** Measures write + reload of a 10,000-span run (median of 7 after two warm-ups) and the heap the reloaded trace holds. */
export async function measureTrace(): Promise<BenchRow[]> {
  const gc = (globalThis as { gc?: () => void }).gc;
  const directory = await mkdtemp(join(tmpdir(), 'nova-trace-bench-'));
  try {
    for (const warmUp of [100, 101]) await writeAndReload(join(directory, `warm-up${warmUp}.jsonl`), warmUp);
    const writes: number[] = [];
    const reloads: number[] = [];
    const totals: number[] = [];
    for (let repetition = 1; repetition <= REPETITIONS; repetition++) {
      // Each repetition pays for its own garbage, not for the previous one's.
      gc?.();
      const result = await writeAndReload(join(directory, `run-${repetition}.jsonl`), repetition);
      writes.push(round(result.writeMs));
      reloads.push(round(result.totalMs - result.writeMs));
      totals.push(round(result.totalMs));
    }
    const bytes = (await stat(join(directory, 'run-1.jsonl'))).size;
    const sideFolder = sidePayloadFolder(join(directory, 'run-1.jsonl'));
    const sideFiles = await readdir(sideFolder);
    const sideBytes = (await Promise.all(sideFiles.map((name) => stat(join(sideFolder, name)).then((file) => file.size)))).reduce((sum, size) => sum + size, 0);

    gc?.();
    const before = process.memoryUsage().heapUsed;
    const held = await writeAndReload(join(directory, 'heap.jsonl'), 99);
    gc?.();
    const growth = (process.memoryUsage().heapUsed - before) / (1024 * 1024);
    if (held.loaded.spans.length !== SPANS) throw new Error('unreachable: keeps the loaded trace referenced until measured');

    return [
      { what: `record ${SPANS.toLocaleString('en')} spans + JSONL flush`, value: median(writes), unit: 'ms', samples: writes },
      { what: 'loadTrace into the run tree', value: median(reloads), unit: 'ms', samples: reloads },
      { what: 'write + reload', value: median(totals), unit: 'ms', target: 300, samples: totals },
      { what: `heap growth, reloaded trace held${gc ? '' : ' (no --expose-gc: unreliable)'}`, value: round(growth), unit: 'MB', target: 30 },
      { what: `trace file (${Math.round(bytes / SPANS)} bytes a line on average)`, value: bytes, unit: 'bytes' },
      { what: `side files: payloads over the cap (${sideFiles.length} of them)`, value: sideBytes, unit: 'bytes' },
    ];
  } finally {
    await rm(directory, { recursive: true, force: true });
  }
}

if (require.main === module) {
  measureTrace().then(
    (rows) => console.log(`\nTrace store\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
