import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { contentHash } from '../../../src/core/agents/fileRead';
import { loadTeam } from '../../../src/core/agents/load';
import { describeProblem } from '../../../src/core/agents/spec';
import { AnthropicModel } from '../../../src/core/model/anthropic/anthropicModel';
import { OfflineModel } from '../../../src/core/model/offline/offlineModel';
import { buildToolbox, maxWorkspaceDescription, specialistRouteTool } from '../../../src/core/orchestrator/toolbox';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import type { AgentSpan, HandoffSpan } from '../../../src/core/trace/spans';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { examples } from '../../support/payloads';
import { shippedAgents, teamOrchestrator, tempWorkspace } from '../../support/team';

const toolNames = createWorkspaceTools().names();
const shippedNames = ['arbiter', 'concierge', 'planner', 'refactorer', 'reporter', 'reviewer', 'security-reviewer', 'test-runner', 'typescript-specialist'];

/** A file as Claude Code's docs write one: name, description, tools, model — none of Nova's fields. */
function claudeFile(name: string, description: string, tools = 'Read, Grep, Glob'): string {
  return `---\nname: ${name}\ndescription: ${description}\ntools: ${tools}\nmodel: inherit\n---\nYou are ${name}. Answer from what you read.\n`;
}

const sqlExpert = claudeFile('sql-expert', 'Optimizes SQL queries and database indexes; explains slow query plans.');

describe('Claude Code agents in the team', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/db.ts': 'export const q = "SELECT * FROM users WHERE id = ?";\n' });
  });
  afterEach(() => workspace.cleanup());

  async function load(files: Record<string, string>, accepted: string[] = []) {
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(workspace.folder, name)), { recursive: true });
      await fs.writeFile(path.join(workspace.folder, name), text);
    }
    const acceptedFiles = accepted.map((file) => ({ path: file, sha256: contentHash(files[file] ?? '') }));
    return loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles, allowedEndpoints: [] }, toolNames });
  }

  describe('a Claude-format file named like a shipped agent', () => {
    for (const name of shippedNames) {
      for (const folder of ['.claude/agents', '.nova/agents']) {
        it(`${folder}/${name}.md loads beside the shipped ${name} as ${name}-claude, saying why`, async () => {
          const file = `${folder}/${name}.md`;
          const { team, problems, pending, renamed } = await load({ [file]: claudeFile(name, `My own ${name}.`) });
          assert.equal(team.get(name)?.source.origin, 'shipped', `the shipped ${name} is intact`);
          const beside = team.get(`${name}-claude`);
          assert.equal(beside?.source.file, file);
          assert.deepEqual([beside?.role, beside?.owns, beside?.advises], ['specialist', [], []]);
          assert.deepEqual(pending, [], 'nothing waits: a Claude agent takes over nothing');
          assert.deepEqual(renamed, [{ path: file, name, loadedAs: `${name}-claude` }]);
          const lines = problems.map(describeProblem);
          assert.equal(lines.length, 1, lines.join('\n'));
          assert.equal(problems[0]?.severity, 'warning');
          assert.match(lines[0] ?? '', new RegExp(`^${file}: field "name": loaded as ${name}-claude: the shipped ${name} (is the team's|owns|advises on) `));
          assert.doesNotMatch(lines[0] ?? '', /field "advises"|owned by no agent/, 'no blame on a field the file does not have');
          assert.equal(team.agents.length, 10);
          for (const kind of ['task.routing', 'plan.assignment', 'change.content', 'change.approval', 'gate.verdict', 'report.content']) assert.ok(team.ownerOf(kind)?.source.origin === 'shipped', kind);
        });
      }
    }

    it('says what the shipped agent holds: the planner its role, ownership and advice', async () => {
      const { problems } = await load({ '.claude/agents/planner.md': claudeFile('planner', 'Plans.') });
      assert.match(problems[0]?.message ?? '', /loaded as planner-claude: the shipped planner is the team's planner, owns plan\.assignment, advises on task\.routing, and a Claude Code agent owns nothing, so it never replaces it/);
    });

    it('a suffixed name that is already taken is refused, naming the file that has it', async () => {
      const { team, problems } = await load({ '.claude/agents/reviewer.md': claudeFile('reviewer', 'Mine.'), '.nova/agents/reviewer-claude.md': claudeFile('reviewer-claude', 'Also mine.') });
      assert.equal(team.get('reviewer')?.source.origin, 'shipped');
      assert.equal(team.get('reviewer-claude')?.source.file, '.claude/agents/reviewer.md');
      assert.match(problems.map(describeProblem).join('\n'), /\.nova\/agents\/reviewer-claude\.md: field "name": "reviewer-claude" is already defined by \.claude\/agents\/reviewer\.md/);
    });

    it('a Nova-format override still follows the consent rules, and one that drops a decision names the real reason', async () => {
      const text = '---\nname: reviewer\ndescription: d\nrole: specialist\naccepts: [ChangeProposal]\nreturns: Answer\n---\nBody.\n';
      const waiting = await load({ '.nova/agents/reviewer.md': text });
      assert.match(waiting.problems.map(describeProblem).join('\n'), /waits for your acceptance: this workspace file overrides the shipped reviewer, which owns change\.approval/);
      const accepted = await load({ '.nova/agents/reviewer.md': text }, ['.nova/agents/reviewer.md']);
      const line = accepted.problems.map(describeProblem).join('\n');
      assert.match(line, /^\.nova\/agents\/reviewer\.md: field "owns": replaces the shipped reviewer, which owns "change\.approval", but does not own it: the decision would have no owner \(agents\/security-reviewer\.md advises on it\)/);
      assert.equal(accepted.team.get('reviewer')?.source.origin, 'shipped');
    });
  });

  describe('the front door hands work to loaded specialists', () => {
    it('its handoff tools include every routable workspace specialist, each description kept short; with none it is unchanged', async () => {
      const registry = createWorkspaceTools();
      const plain = await load({});
      const concierge = plain.team.frontDoor;
      assert.ok(concierge);
      const before = buildToolbox(plain.team, registry, concierge, concierge.returns, false);
      assert.deepEqual(before.definitions.filter((d) => d.name.startsWith('handoff_to_')).map((d) => d.name), ['handoff_to_planner', 'handoff_to_reviewer', 'handoff_to_security-reviewer']);
      assert.doesNotMatch(before.rules, /Specialists this workspace added/);

      const long = claudeFile('doc-writer', `Writes documentation. ${'Very thorough. '.repeat(20)}`);
      const { team } = await load({ '.claude/agents/sql-expert.md': sqlExpert, '.claude/agents/doc-writer.md': long, '.claude/agents/planner.md': claudeFile('planner', 'Plans sprints.'), '.claude/agents/ps-5.1.md': claudeFile('ps-5.1', 'PowerShell 5.1 scripts.') });
      const front = team.frontDoor;
      assert.ok(front);
      const after = buildToolbox(team, registry, front, front.returns, false);
      // The front door's own handoffs are unchanged; every specialist the workspace added is one line of one route tool.
      assert.deepEqual(after.definitions.filter((d) => d.name.startsWith('handoff_to_')).map((d) => d.name), ['handoff_to_planner', 'handoff_to_reviewer', 'handoff_to_security-reviewer']);
      const route = after.definitions.find((d) => d.name === specialistRouteTool);
      assert.ok(route);
      assert.deepEqual((route.inputSchema.properties as { agent: { enum: string[] } }).agent.enum, ['doc-writer', 'planner-claude', 'ps-5_1', 'sql-expert']);
      const lines = route.description.split('\n').slice(1);
      assert.equal(lines.length, 4);
      const doc = lines.find((line) => line.startsWith('- doc-writer: ')) ?? '';
      assert.ok(doc.startsWith('- doc-writer: Writes documentation. Very thorough.') && doc.endsWith('…'), doc);
      assert.equal(doc.length, '- doc-writer: '.length + maxWorkspaceDescription);
      assert.match(after.rules, /Specialists this workspace added: doc-writer, planner-claude, ps-5\.1, sql-expert\. Each takes a RoutedTask \(the same fields as in your other handoffs\): hand one the request with `route_to_specialist` when it is what its description says, or names it as @name\./);
      // Cheap: the payload refers to the RoutedTask schema the planner's handoff spells out, and each specialist is a line.
      assert.ok(JSON.stringify(route).length < 1000, `${JSON.stringify(route).length} characters`);
      // Other agents are not offered them: only the front door routes.
      const planner = team.get('planner');
      assert.ok(planner);
      assert.ok(!buildToolbox(team, registry, planner, planner.returns, false).definitions.some((d) => d.name === specialistRouteTool));
    });

    describe('with Claude (the real SDK against the scripted Messages API server)', () => {
      let server: ScriptedServer;
      const key = 'sk-ant-team-test-1';
      beforeEach(async () => {
        server = await startScriptedServer({ apiKey: key });
      });
      afterEach(() => server.close());

      it('the concierge hands a request to the specialist its description fits; the specialist’s Answer is the result, in the trace', async () => {
        const { team } = await load({ '.claude/agents/sql-expert.md': sqlExpert });
        const task = { intent: 'explain', summary: 'Why is the users query in src/db.ts slow?', scope: ['src/db.ts'], constraints: [] };
        const answer = { answer: 'It selects every column without an index on id.', references: [{ path: 'src/db.ts', line: 1 }] };
        server.enqueue(
          { content: [{ type: 'text', text: 'A SQL question: the sql-expert fits.' }, { type: 'tool_use', name: 'route_to_specialist', input: { agent: 'sql-expert', reason: 'SQL performance question', payload: task } }] },
          { content: [{ type: 'tool_use', name: 'submit_Answer', input: answer }] },
        );
        const model = new AnthropicModel({ apiKey: key, baseURL: server.baseURL, streamRetryDelayMs: () => 10 });
        const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { team });
        const result = await orchestrator.run({ text: 'why is the users query in src/db.ts slow?' });

        assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
        assert.deepEqual([result.result?.agent, result.result?.contract, result.result?.payload], ['sql-expert', 'Answer', answer]);
        const calls = server.requests.filter((r) => r.path === '/v1/messages').map((r) => r.body as { tools: { name: string; description: string }[]; system: unknown });
        const offered = calls[0]?.tools.find((tool) => tool.name === 'route_to_specialist');
        assert.match(offered?.description ?? '', /\n- sql-expert: Optimizes SQL queries and database indexes; explains slow query plans\.$/);
        const handoff = spans.spans.find((s): s is HandoffSpan => s.kind === 'handoff' && s.to === 'sql-expert');
        assert.equal(handoff?.status, 'delivered');
        const span = spans.spans.find((s): s is AgentSpan => s.kind === 'agent' && s.agent === 'sql-expert');
        assert.deepEqual([span?.outcome, span?.returned, span?.provenance], ['submitted', 'Answer', { origin: 'claude', file: '.claude/agents/sql-expert.md' }]);
        assert.ok(spans.spans.some((s) => s.kind === 'validation' && s.agent === 'sql-expert' && s.verdict === 'accepted'), 'validated like every result');
      });

      it('a malformed RoutedTask to the specialist, and a malformed Answer from it, are bounced back, never passed on', async () => {
        const { team } = await load({ '.claude/agents/sql-expert.md': sqlExpert });
        server.enqueue(
          { content: [{ type: 'tool_use', name: 'route_to_specialist', input: { agent: 'sql-expert', reason: 'SQL', payload: { intent: 'explain' } } }] },
          { content: [{ type: 'tool_use', name: 'route_to_specialist', input: { agent: 'sql-expert', reason: 'SQL', payload: examples.RoutedTask } }] },
          { content: [{ type: 'tool_use', name: 'submit_Answer', input: { answer: '' } }] },
          { content: [{ type: 'tool_use', name: 'submit_Answer', input: { answer: 'Fixed.', references: [] } }] },
        );
        const model = new AnthropicModel({ apiKey: key, baseURL: server.baseURL, streamRetryDelayMs: () => 10 });
        const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { team });
        const result = await orchestrator.run({ text: 'tune my SQL' });
        assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
        assert.equal((result.result?.payload as { answer: string }).answer, 'Fixed.');
        assert.ok(spans.spans.some((s) => s.kind === 'validation' && s.agent === 'sql-expert' && s.verdict === 'bounced'));
        const bounced = spans.spans.find((s) => s.kind === 'validation' && s.agent === 'concierge' && s.direction === 'handoff' && s.verdict === 'bounced');
        assert.match(bounced?.kind === 'validation' ? bounced.issues.join('; ') : '', /payload\.summary/);
        assert.equal(spans.spans.filter((s) => s.kind === 'agent' && s.agent === 'sql-expert').length, 1, 'the malformed task never reached it');
      });
    });

    describe('offline', () => {
      it('routes an @mention of a dotted name, even at the end of a sentence, to that agent', async () => {
        const { team } = await load({ '.claude/agents/ps-5.1.md': claudeFile('ps-5.1', 'PowerShell 5.1 scripts.') });
        const { orchestrator, spans } = await teamOrchestrator(new OfflineModel(), workspace.folder, { team, defaultModel: 'offline' });
        const result = await orchestrator.run({ text: 'Please ask @ps-5.1.' });
        const handoff = spans.spans.find((s): s is HandoffSpan => s.kind === 'handoff' && s.status === 'delivered');
        assert.deepEqual([handoff?.from, handoff?.to], ['concierge', 'ps-5.1']);
        assert.deepEqual([result.status, result.stuck?.agent], ['unsupported', 'ps-5.1']);
      });

      it('routes by an @name mention; the specialist has no offline plan, so the run ends unsupported, not completed', async () => {
        const { team } = await load({ '.claude/agents/sql-expert.md': sqlExpert });
        const { orchestrator, spans } = await teamOrchestrator(new OfflineModel(), workspace.folder, { team, defaultModel: 'offline' });
        const result = await orchestrator.run({ text: '@sql-expert look at src/db.ts' });
        const handoff = spans.spans.find((s): s is HandoffSpan => s.kind === 'handoff' && s.status === 'delivered');
        assert.deepEqual([handoff?.from, handoff?.to, handoff?.contract], ['concierge', 'sql-expert', 'RoutedTask']);
        assert.match(handoff?.reason ?? '', /the request names @sql-expert/);
        assert.equal(result.status, 'unsupported');
        assert.equal(result.result, undefined, 'no made-up result');
        assert.deepEqual([result.stuck?.reason, result.stuck?.agent], ['unsupported', 'sql-expert']);
        assert.match(result.stuck?.detail ?? '', /The offline model has no plan for "sql-expert" handed a RoutedTask; an Anthropic API key lets this agent run/);
        const run = spans.spans.find((s) => s.kind === 'run');
        assert.equal(run?.kind === 'run' ? run.status : undefined, 'unsupported');
      });

      it('routes by description overlap when no command or mention decides; a request matching nothing keeps the team’s own route', async () => {
        const { team } = await load({ '.claude/agents/sql-expert.md': sqlExpert, '.claude/agents/doc-writer.md': claudeFile('doc-writer', 'Writes README files and API documentation.') });
        const { orchestrator, spans } = await teamOrchestrator(new OfflineModel(), workspace.folder, { team, defaultModel: 'offline' });
        await orchestrator.run({ text: 'optimize the slow database queries in src/db.ts' });
        const routed = spans.spans.find((s): s is HandoffSpan => s.kind === 'handoff' && s.status === 'delivered');
        assert.equal(routed?.to, 'sql-expert');
        assert.match(routed?.reason ?? '', /matches sql-expert's description \(.*database.*\)/);

        const other = await teamOrchestrator(new OfflineModel(), workspace.folder, { team, defaultModel: 'offline' });
        const reviewed = await other.orchestrator.run({ text: '/review src/db.ts' });
        assert.ok(other.spans.spans.some((s) => s.kind === 'handoff' && s.to === 'reviewer'), 'a slash command keeps its route');
        assert.equal(reviewed.status, 'completed');

        // Words of a change keep the team's route, however well the description matches.
        const change = await teamOrchestrator(new OfflineModel(), workspace.folder, { team, defaultModel: 'offline' });
        await change.orchestrator.run({ text: 'refactor the slow database queries in src/db.ts' });
        const first = change.spans.spans.find((s): s is HandoffSpan => s.kind === 'handoff' && s.status === 'delivered');
        assert.equal(first?.to, 'planner');
      });
    });
  });
});
