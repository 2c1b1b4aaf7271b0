/**
 * The Anthropic client, measured through the real SDK against the scripted Messages API server:
 * how much of each later turn's input is read from the prompt cache, what the client adds to the
 * time to first token, and how large each shipped agent's fixed prompt (system + tools) is — and
 * the front door's once a workspace brings as many specialists as it is offered.
 * Run alone with `node out/bench/models.js`.
 */
import { performance } from 'node:perf_hooks';
import { AnthropicModel } from '../src/core/model/anthropic/anthropicModel';
import { toMessageParams } from '../src/core/model/anthropic/messagesRequest';
import { defaultAnthropicModel } from '../src/core/model/pricing';
import { Team, maxRoutedSpecialists } from '../src/core/agents/team';
import type { AgentSpec } from '../src/core/agents/spec';
import { buildToolbox, maxWorkspaceDescription } from '../src/core/orchestrator/toolbox';
import { createWorkspaceTools } from '../src/core/tools/registry';
import type { ModelCallSpan } from '../src/core/trace/spans';
import { startScriptedServer, type ScriptedTurn } from '../test/support/anthropicServer';
import { examples, boardSource } from '../test/support/payloads';
import { shippedTeam, teamOrchestrator, tempWorkspace } from '../test/support/team';
import { formatBenchTable, median, type BenchRow } from './table';

const key = 'bench-key';
const read = (i: number): ScriptedTurn => ({ content: [{ type: 'text', text: `Reading part ${i}.` }, { type: 'tool_use', name: 'read_file', input: { path: 'src/board.ts', startLine: 1, endLine: i } }] });

/** Turns 2–6 of a six-turn concierge activation: share of input tokens read from the cache. */
async function cacheShare(): Promise<BenchRow> {
  const server = await startScriptedServer({ apiKey: key });
  const workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  try {
    server.enqueue(read(1), read(2), read(3), read(4), read(5), { content: [{ type: 'tool_use', name: 'submit_Answer', input: examples.Answer }] });
    const { orchestrator, spans } = await teamOrchestrator(new AnthropicModel({ apiKey: key, baseURL: server.baseURL }), workspace.folder);
    const result = await orchestrator.run({ text: 'read board.ts in parts' });
    if (result.status !== 'completed') throw new Error(`the cache run did not complete: ${JSON.stringify(result.stuck)}`);
    const later = spans.spans.filter((s): s is ModelCallSpan => s.kind === 'model_call').slice(1).map((s) => s.usage);
    const read_ = later.reduce((sum, u) => sum + u.cacheReadTokens, 0);
    const all = later.reduce((sum, u) => sum + u.cacheReadTokens + u.cacheCreationTokens + u.inputTokens, 0);
    const shares = later.map((u) => Math.round((1000 * u.cacheReadTokens) / (u.cacheReadTokens + u.cacheCreationTokens + u.inputTokens)) / 10);
    return { what: 'cache-read share of input tokens, turns 2–6 of a six-turn agent run', value: Math.round((1000 * read_) / all) / 10, unit: '%', target: -85, samples: shares };
  } finally {
    await server.close();
    await workspace.cleanup();
  }
}

/** Client time from the server's first byte to the first text delta handed to Nova. */
async function firstTokenOverhead(): Promise<BenchRow> {
  const server = await startScriptedServer({ apiKey: key });
  try {
    const client = new AnthropicModel({ apiKey: key, baseURL: server.baseURL });
    const request = { agent: 'bench', model: defaultAnthropicModel, system: 'Answer briefly.', messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: 'hello' }] }], tools: [], maxTokens: 256 };
    const overheads: number[] = [];
    for (let i = 0; i < 32; i++) {
      server.enqueue({ content: [{ type: 'text', text: 'Hello there, this is a streamed answer.' }] });
      let firstDelta = 0;
      await client.complete(request, { signal: new AbortController().signal, onDelta: (d) => { if (d.type === 'text' && !firstDelta) firstDelta = performance.timeOrigin + performance.now(); } });
      const sent = server.requests.at(-1)?.firstByteAt ?? NaN;
      if (i >= 2) overheads.push(Math.round((firstDelta - sent) * 100) / 100); // two warm-up calls
    }
    return { what: 'client overhead on time to first token over the server’s first byte, median of 30', value: median(overheads), unit: 'ms', target: 5, samples: overheads };
  } finally {
    await server.close();
  }
}

/** Each shipped agent's fixed prefix, counted by the scripted server's count_tokens (≈ 4 characters a token). */
async function promptSizes(): Promise<BenchRow[]> {
  const server = await startScriptedServer({ apiKey: key });
  try {
    const team = await shippedTeam();
    const registry = createWorkspaceTools();
    const client = new AnthropicModel({ apiKey: key, baseURL: server.baseURL, exactCountAbove: 0 });
    const rows: BenchRow[] = [];
    const size = async (members: Team, agent: AgentSpec) => {
      const toolbox = buildToolbox(members, registry, agent, agent.returns, false);
      const request = { agent: agent.name, model: defaultAnthropicModel, system: `${agent.prompt}\n\n${toolbox.rules}`, messages: [{ role: 'user' as const, content: [{ type: 'text' as const, text: '.' }] }], tools: toolbox.definitions, maxTokens: 1024 };
      toMessageParams(request); // the same parameters the client sends
      return { tools: toolbox.definitions.length, tokens: (await client.countTokens(request, new AbortController().signal)) - 1 };
    };
    for (const agent of team.agents) {
      const { tools, tokens } = await size(team, agent);
      rows.push({ what: `${agent.name}: system prompt + ${tools} tool definitions`, value: tokens, unit: 'tokens', target: 3000 });
    }
    // The front door with as many workspace specialists as it is offered, each with a long description.
    const concierge = team.frontDoor as AgentSpec;
    const specialists = Array.from({ length: maxRoutedSpecialists }, (_, i): AgentSpec => ({
      ...concierge, name: `specialist-${i + 1}`, role: 'specialist', owns: [], advises: [], accepts: ['RoutedTask'], returns: 'Answer', handoffs: [],
      description: 'Reviews the database layer for slow queries, missing indexes and unsafe migrations. '.repeat(3),
      source: { ...concierge.source, origin: 'claude', file: `.claude/agents/specialist-${i + 1}.md` },
    }));
    const base = await size(team, concierge);
    const grown = await size(new Team([...team.agents, ...specialists]), concierge);
    rows.push({ what: `concierge: added per workspace specialist (${maxRoutedSpecialists} offered, descriptions cut to ${maxWorkspaceDescription} characters)`, value: Math.round((grown.tokens - base.tokens) / maxRoutedSpecialists), unit: 'tokens', target: 50 });
    return rows;
  } finally {
    await server.close();
  }
}

export async function measureModels(): Promise<BenchRow[]> {
  return [await cacheShare(), await firstTokenOverhead(), ...(await promptSizes())];
}

if (require.main === module) {
  measureModels().then(
    (rows) => console.log(`\nModels (Anthropic client via the real SDK, scripted server)\n${formatBenchTable(rows)}`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : String(error));
      process.exit(1);
    },
  );
}
