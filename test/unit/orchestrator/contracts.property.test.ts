import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { getContract } from '../../../src/core/contracts';
import { validatePayload } from '../../../src/core/contracts/validate';
import type { ContentBlock, ModelCallOptions, ModelClient, ModelRequest, ModelResponse } from '../../../src/core/model/client';
import type { HandoffSpan, ValidationSpan } from '../../../src/core/trace/spans';
import { examples, boardSource } from '../../support/payloads';
import { shippedTeam, teamOrchestrator, tempWorkspace } from '../../support/team';
import type { Team } from '../../../src/core/agents/team';

type Move =
  | { readonly kind: 'handoff'; readonly to: string; readonly contract: string | undefined; readonly payload: unknown }
  /** `contract` undefined: the contract the asking agent returns (read from its submit tool). */
  | { readonly kind: 'submit'; readonly contract: string | undefined; readonly payload: unknown }
  | { readonly kind: 'tool'; readonly name: string; readonly input: unknown }
  /** A handoff tool called with anything at all: no reason, an empty one, a contract nobody has, not an object. */
  | { readonly kind: 'malformedHandoff'; readonly to: string; readonly input: unknown }
  /** A reply with text and no tool call. */
  | { readonly kind: 'text' }
  /** Several calls in one response (a submit, then a tool…): only those before the first that ends the activation may run. */
  | { readonly kind: 'several'; readonly moves: readonly Move[] };

/** Stands for "a valid example of the contract the receiver expects", filled in by the model. */
const fitting = Symbol('fitting');

/** Plays a fixed sequence of random moves, whichever agent is asking. */
class RandomModel implements ModelClient {
  readonly provider = 'random';
  private next = 0;
  private ids = 0;
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
    const content = this.blocks(move, request);
    const calls = content.some((block) => block.type === 'tool_use');
    return { model: request.model, content, stopReason: calls ? 'tool_use' : 'end_turn', usage: { inputTokens: 100, outputTokens: 10, cacheReadTokens: 0, cacheCreationTokens: 0 } };
  }

  private blocks(move: Move, request: ModelRequest): ContentBlock[] {
    const id = `toolu_${this.next}_${this.ids++}`;
    switch (move.kind) {
      case 'handoff':
        return [{ type: 'tool_use', id, name: `handoff_to_${move.to}`, input: { reason: 'random', contract: move.contract, payload: this.fill(move.payload, move.contract ?? this.team.get(move.to)?.accepts[0]) } }];
      case 'submit':
        return [{ type: 'tool_use', id, name: move.contract ? `submit_${move.contract}` : ownSubmit(request), input: this.fill(move.payload, move.contract ?? ownSubmit(request).slice('submit_'.length)) }];
      case 'tool':
        return [{ type: 'tool_use', id, name: move.name, input: move.input }];
      case 'malformedHandoff':
        return [{ type: 'tool_use', id, name: `handoff_to_${move.to}`, input: this.fill(move.input, this.team.get(move.to)?.accepts[0]) }];
      case 'text':
        return [{ type: 'text', text: 'thinking aloud' }];
      case 'several':
        return move.moves.flatMap((each) => this.blocks(each, request));
    }
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
/** What a handoff tool may be called with when the model gets it wrong. */
const malformedInput = fc.oneof(
  fc.record({ payload }),
  fc.record({ reason: fc.constant(''), payload }),
  fc.record({ reason: fc.constant('random'), contract: fc.oneof(fc.string(), fc.constantFrom(...contracts), fc.anything()), payload }),
  fc.record({ reason: fc.anything(), contract: fc.option(fc.constantFrom(...contracts), { nil: undefined }), payload }),
  fc.anything(),
);
const single: fc.Arbitrary<Move> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('handoff' as const), to: fc.constantFrom(...agents), contract: fc.option(fc.constantFrom(...contracts), { nil: undefined }), payload }) },
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('submit' as const), contract: fc.option(fc.constantFrom(...contracts), { nil: undefined }), payload }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('tool' as const), name: fc.constantFrom('read_file', 'list_files', 'run_command', 'write_file'), input: fc.oneof(fc.constant({ path: 'src/board.ts' }), fc.anything()) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('malformedHandoff' as const), to: fc.constantFrom(...agents), input: malformedInput }) },
  { weight: 2, arbitrary: fc.constant({ kind: 'text' as const }) },
);
const move: fc.Arbitrary<Move> = fc.oneof(
  { weight: 5, arbitrary: single },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('several' as const), moves: fc.array(single, { minLength: 2, maxLength: 4 }) }) },
);

describe('property: nothing malformed travels', () => {
  it('over random payloads and random agent outputs (text-only replies, malformed handoffs, several calls at once), every payload an agent receives and every result satisfies its contract, every refusal says why, and nothing runs after the call that ended an activation', async () => {
    const workspace = await tempWorkspace({ 'src/board.ts': boardSource });
    const team = await shippedTeam();
    let completed = 0;
    let delivered = 0;
    let textBounces = 0;
    let malformedHandoffs = 0;
    try {
      await fc.assert(
        fc.asyncProperty(fc.array(move, { minLength: 1, maxLength: 40 }), async (moves) => {
          const { orchestrator, spans } = await teamOrchestrator(new RandomModel(moves, team), workspace.folder, { limits: { maxSteps: 40 } });
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
          // Every refusal says what was wrong.
          for (const span of spans.spans) {
            if (span.kind === 'validation' && span.verdict !== 'accepted') assert.ok(span.issues.length > 0, `a ${span.verdict} ${span.contract} without issues`);
            if (span.kind === 'handoff' && span.status === 'bounced') assert.ok((span.issues ?? []).length > 0 && span.detail, `a bounced handoff to ${span.to} without issues`);
          }
          // Once a call ends an activation (a delivered handoff, an accepted result), nothing after it in that response runs.
          const ended = new Set<string>();
          for (const span of spans.spans) {
            if (span.kind !== 'tool_call' && span.kind !== 'handoff' && span.kind !== 'validation') continue;
            assert.ok(!ended.has(span.parentId ?? ''), `${span.agent} ran a ${span.kind} after its activation ended`);
            if ((span.kind === 'handoff' && span.status === 'delivered') || (span.kind === 'validation' && span.direction === 'result' && span.verdict === 'accepted')) ended.add(span.parentId ?? '');
          }
          textBounces += spans.spans.filter((s): s is ValidationSpan => s.kind === 'validation' && s.issues.some((issue) => issue.startsWith('no result:'))).length;
          malformedHandoffs += spans.spans.filter((s): s is HandoffSpan => s.kind === 'handoff' && s.status === 'bounced' && (s.issues ?? []).some((issue) => /^(reason|\(input\)|contract):/.test(issue))).length;
        }),
        { numRuns: 300 },
      );
    } finally {
      await workspace.cleanup();
    }
    // The property is only meaningful if valid payloads got through as well as invalid ones bounced.
    assert.ok(completed > 0 && delivered > 0, `accepted results: ${completed}, delivered handoffs: ${delivered}`);
    assert.ok(textBounces > 0 && malformedHandoffs > 0, `text-only bounces: ${textBounces}, malformed handoffs bounced: ${malformedHandoffs}`);
  });
});
