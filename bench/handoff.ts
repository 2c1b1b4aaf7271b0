/**
 * Per-handoff overhead of the orchestrator: a long chain of handoffs between the shipped reviewer
 * and refactorer with a scripted model that answers at once, so what is timed is Nova's own work
 * per handoff — build the activation, validate, record spans, check the governor, route.
 * Run alone with `node out/bench/handoff.js`.
 */
import { performance } from 'node:perf_hooks';
import { InMemorySpanProcessor } from '../src/core/trace/memory';
import { call, ScriptedModel, type ScriptStep } from '../test/support/scriptedModel';
import { examples, boardSource } from '../test/support/payloads';
import { teamOrchestrator, tempWorkspace } from '../test/support/team';
import { formatBenchTable, median, type BenchRow } from './table';

const HANDOFFS = 2000;

/** Distinct payloads each time, so the governor sees progress rather than ping-pong. */
function chain(count: number): Record<string, ScriptStep[]> {
  const reviewer: ScriptStep[] = [];
  const refactorer: ScriptStep[] = [];
  for (let i = 0; i < count / 2; i++) {
    reviewer.push(call.handoff('refactorer', { ...examples.RefactorRequest, goal: `step ${i}` }));
    refactorer.push(call.handoff('reviewer', { ...examples.ChangeProposal, summary: `step ${i}` }, 'review', 'ChangeProposal'));
  }
  reviewer.push(call.handoff('refactorer', { ...examples.RefactorRequest, goal: 'last' }));
  refactorer.push(call.submit('ChangeProposal', examples.ChangeProposal));
  return { reviewer, refactorer };
}

async function timeOneRun(folder: string): Promise<{ perHandoff: number[]; handoffs: number }> {
  const model = new ScriptedModel(chain(HANDOFFS), () => 100);
  const { orchestrator } = await teamOrchestrator(model, folder, {
    processors: [new InMemorySpanProcessor()],
    limits: { maxSteps: HANDOFFS * 2, maxTokens: 1e12, maxUsd: 1e9 },
  });
  const starts: number[] = [];
  orchestrator.events.on((event) => event.type === 'agent_start' && starts.push(performance.now()));
  const result = await orchestrator.run({ text: 'chain', agent: 'reviewer' });
  if (result.status !== 'completed') throw new Error(`the benchmark run did not complete: ${JSON.stringify(result.stuck)}`);
  return { perHandoff: starts.slice(1).map((at, index) => at - (starts[index] ?? at)), handoffs: starts.length - 1 };
}

export async function measureHandoffs(): Promise<BenchRow[]> {
  const workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  try {
    await timeOneRun(workspace.folder); // warm-up: JIT, schema caches
    const medians: number[] = [];
    let handoffs = 0;
    for (let run = 0; run < 5; run++) {
      const timed = await timeOneRun(workspace.folder);
      handoffs = timed.handoffs;
      medians.push(Math.round(median(timed.perHandoff) * 1000) / 1000);
    }
    return [{ what: `per-handoff overhead, median of ${handoffs} handoffs (5 runs)`, value: median(medians), unit: 'ms', target: 0.2, samples: medians }];
  } finally {
    await workspace.cleanup();
  }
}

if (require.main === module) {
  measureHandoffs().then(
    (rows) => console.log(`\nOrchestrator\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
