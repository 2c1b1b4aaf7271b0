import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { getContract } from '../../../src/core/contracts';
import { validatePayload } from '../../../src/core/contracts/validate';
import type { ModelCallOptions, ModelClient, ModelRequest, ModelResponse } from '../../../src/core/model/client';
import { examples, boardSource } from '../../support/payloads';
import { shippedTeam, teamOrchestrator, tempWorkspace } from '../../support/team';
import type { Team } from '../../../src/core/agents/team';

type Move =
  | { readonly kind: 'handoff'; readonly to: string; readonly contract: string | undefined; readonly payload: unknown }
  /** `contract` undefined: the contract the asking agent returns (read from its submit tool). */
  | { readonly kind: 'submit'; readonly contract: string | undefined; readonly payload: unknown }
  | { readonly kind: 'tool'; readonly name: string; readonly input: unknown }
  | { readonly kind: 'text' };

/** Stands for "a valid example of the contract the receiver expects", filled in by the model. */
const fitting = Symbol('fitting');

/** Plays a fixed sequence of random moves, whichever agent is asking. */
class RandomModel implements ModelClient {
  readonly provider = 'random';
  private next = 0;
  constructor(
    private readonly moves: readonly Move[],
    private readonly team: Team,
  ) {}

  private fill(payload: unknown, contract: string | undefined): unknown {
    return payload === fitting ? (examples as Record<string, unknown>)[contract ?? ''] ?? {} : payload;
  }

  async countTokens(): Promise<number> {
    return 100;
  }
  async complete(request: ModelRequest, _options: ModelCallOptions): Promise<ModelResponse> {
    const move = this.moves[this.next++];
    if (!move) throw new Error('out of moves');
    const id = `toolu_${this.next}`;
    const content =
      move.kind === 'handoff' ? [{ type: 'tool_use' as const, id, name: `handoff_to_${move.to}`, input: { reason: 'random', contract: move.contract, payload: this.fill(move.payload, move.contract ?? this.team.get(move.to)?.accepts[0]) } }]
      : move.kind === 'submit' ? [{ type: 'tool_use' as const, id, name: move.contract ? `submit_${move.contract}` : ownSubmit(request), input: this.fill(move.payload, move.contract ?? ownSubmit(request).slice('submit_'.length)) }]
      : move.kind === 'tool' ? [{ type: 'tool_use' as const, id, name: move.name, input: move.input }]
      : [{ type: 'text' as const, text: 'thinking aloud' }];
    return { model: request.model, content, stopReason: move.kind === 'text' ? 'end_turn' : 'tool_use', usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheCreationTokens: 0 } };
  }
}

const ownSubmit = (request: ModelRequest) => request.tools.find((tool) => tool.name.startsWith('submit_'))?.name ?? 'submit_';

const agents = ['concierge', 'planner', 'refactorer', 'typescript-specialist', 'reviewer', 'security-reviewer', 'test-runner', 'arbiter', 'reporter', 'ghost'];
const contracts = [...Object.keys(examples), 'Opinion', 'DissentAnswer', 'Ruling', 'UserRequest'];
const valid = fc.constantFrom(...Object.values(examples), { stance: 'oppose', reason: 'r', suggestedOutcome: 'reject' }, { ruling: 'decided', outcome: 'reject', rationale: 'r' });
/** A valid payload with one field removed or replaced by anything. */
const mutated = fc.tuple(fc.constantFrom(...Object.values(examples)), fc.nat(), fc.option(fc.anything(), { nil: undefined })).map(([example, index, value]) => {
  const copy: Record<string, unknown> = { ...example };
  const keys = Object.keys(copy);
  const key = keys[index % keys.length] as string;
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
});
const payload = fc.oneof(fc.constant(fitting), valid, mutated, fc.anything());
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('handoff' as const), to: fc.constantFrom(...agents), contract: fc.option(fc.constantFrom(...contracts), { nil: undefined }), payload }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), contract: fc.option(fc.constantFrom(...contracts), { nil: undefined }), payload }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tool' as const), name: fc.constantFrom('read_file', 'list_files', 'run_command', 'write_file'), input: fc.oneof(fc.constant({ path: 'src/board.ts' }), fc.anything()) }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'text' as const }) },
);

describe('property: nothing malformed travels', () => {
  it('over random payloads and random agent outputs, every payload an agent receives, and every result, satisfies its contract', async () => {
    const workspace = await tempWorkspace({ 'src/board.ts': boardSource });
    const team = await shippedTeam();
    let completed = 0;
    let delivered = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 40 }), async (moves) => {
          const { orchestrator } = await teamOrchestrator(new RandomModel(moves, team), workspace.folder, { limits: { maxSteps: 40 } });
          const received: { agent: string; contract: string; payload: unknown }[] = [];
          orchestrator.events.on((event) => event.type === 'agent_start' && received.push(event));
          const result = await orchestrator.run({ text: 'do something' });
          delivered += result.artifacts.filter((artifact) => artifact.via === 'handoff').length;
          for (const { agent, contract, payload: got } of received) {
            const checked = validatePayload(getContract(contract), got);
            assert.ok(checked.ok, `${agent} received an invalid ${contract}: ${JSON.stringify(got)}`);
          }
          for (const artifact of result.artifacts) assert.ok(validatePayload(getContract(artifact.contract), artifact.payload).ok, `artifact ${artifact.contract} is invalid`);
          if (result.result) {
            completed += 1;
            assert.equal(result.status, 'completed');
          }
        }),
        { numRuns: 300 },
      );
    } finally {
      await workspace.cleanup();
    }
    // The property is only meaningful if valid payloads got through as well as invalid ones bounced.
    assert.ok(completed > 0 && delivered > 0, `accepted results: ${completed}, delivered handoffs: ${delivered}`);
  });
});
