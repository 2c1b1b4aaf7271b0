/**
 * `.claude/agents` files as Claude Code reads them: every variant in test/fixtures/claude-agents is
 * loaded into a real workspace (`.claude/agents`, its `nova-override/` folder as `.nova/agents`)
 * and its outcome checked against the table below — loaded or refused, tools, model, turns, and the
 * one warning line a person reads.
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { mapClaudeTool, splitToolList } from '../../../src/core/agents/claudeTools';
import { loadTeam } from '../../../src/core/agents/load';
import { describeProblem } from '../../../src/core/agents/spec';
import { defaultAnthropicModel, modelAliases, readModelField } from '../../../src/core/model/aliases';
import { defaultPrices, priceFor } from '../../../src/core/model/pricing';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { repoRoot } from '../../../tools/paths';
import { writeGeneratedAgents } from '../../support/claudeAgents';
import { examples } from '../../support/payloads';
import { ScriptedModel } from '../../support/scriptedModel';
import { shippedAgents, teamOrchestrator, tempWorkspace } from '../../support/team';

const fixtures = path.join(repoRoot, 'test', 'fixtures', 'claude-agents');
const toolNames = createWorkspaceTools().names();
const reading = ['read_file', 'list_files', 'search_text'];

/** What a fixture must become: the agent it loads as (tools, model id, turns) and its one problem line, or its refusal. */
interface Loaded {
  readonly name: string;
  readonly tools: readonly string[];
  readonly model?: string;
  readonly turns?: number;
  /** The file's one problem line (a warning); absent: no problem at all. */
  readonly warning?: RegExp;
}
type Outcome = Loaded | { readonly refused: RegExp };

const expected: Record<string, Outcome> = {
  'tools-list.md': { name: 'tools-list', tools: ['read_file', 'search_text', 'list_files'] },
  'tools-yaml-list.md': { name: 'tools-yaml-list', tools: ['read_file', 'list_files'] },
  'tools-string.md': { name: 'tools-string', tools: ['read_file', 'search_text', 'list_files'] },
  'tools-args.md': { name: 'tools-args', tools: ['read_file'], warning: /tools: left out Agent \(Nova's orchestrator routes work[^)]*\); Bash \(a Claude Code agent runs no commands/ },
  'tools-task-args.md': { name: 'tools-task-args', tools: ['search_text'], warning: /left out Task \(Nova's orchestrator routes work/ },
  'tools-writes.md': { name: 'tools-writes', tools: ['read_file'], warning: /left out Write, Edit, MultiEdit, NotebookEdit \(Nova agents change files only by proposing a change, which a person accepts hunk by hunk\); it keeps read_file$/ },
  'tools-web.md': { name: 'tools-web', tools: ['read_file'], warning: /left out WebFetch, WebSearch \(Nova agents do not reach the network/ },
  'tools-mcp.md': { name: 'tools-mcp', tools: ['read_file'], warning: /left out mcp__github__create_issue, mcp__linear__list_issues \(Nova connects to no MCP servers\)/ },
  'tools-unknown.md': { name: 'tools-unknown', tools: ['read_file'], warning: /left out Teleport \(not a Claude Code tool Nova knows\)/ },
  'tools-task-family.md': { name: 'tools-task-family', tools: [], warning: /left out TaskCreate, TaskList, TaskUpdate, TodoWrite \(Nova's orchestrator[^)]*\); it keeps no tools/ },
  'tools-lsp-skill.md': { name: 'tools-lsp-skill', tools: ['list_files'], warning: /left out LSP \(Nova has no language-server tool[^)]*\); Skill \(Claude Code skills and slash commands do not exist in Nova\)/ },
  'powershell-5.1-expert.md': { name: 'powershell-5.1-expert', tools: ['read_file'], warning: /left out PowerShell \(a Claude Code agent runs no commands/ },
  'tools-empty.md': { name: 'tools-empty', tools: reading },
  'tools-empty-string.md': { name: 'tools-empty-string', tools: reading },
  'tools-none.md': { name: 'tools-none', tools: reading },
  'tools-nova-names.md': { name: 'tools-nova-names', tools: ['read_file', 'search_text'] },
  'tools-every-group.md': {
    name: 'tools-every-group',
    tools: ['read_file'],
    warning: /^[^\n]*left out Write \(Nova agents change files[^)]*\); Bash \(a Claude Code agent runs no commands[^)]*\); WebSearch \(Nova agents do not reach the network[^)]*\); Task \(Nova's orchestrator[^)]*\); mcp__x__y \(Nova connects to no MCP servers\); LSP \(Nova has no language-server tool[^)]*\); Skill \(Claude Code skills[^)]*\); AskUserQuestion \(Nova agents do not talk to the person mid-run[^)]*\); Frobnicate \(not a Claude Code tool Nova knows\); it keeps read_file$/,
  },
  'colon-description.md': { name: 'colon-description', tools: reading, warning: /line 3: "description" has an unquoted ": " in its value, read as plain text as Claude Code does/ },
  'colon-quoted.md': { name: 'colon-quoted', tools: reading },
  'model-inherit.md': { name: 'model-inherit', tools: reading },
  'model-sonnet.md': { name: 'model-sonnet', tools: reading, model: 'claude-sonnet-5-5' },
  'model-opus.md': { name: 'model-opus', tools: reading, model: 'claude-opus-5-5' },
  'model-haiku.md': { name: 'model-haiku', tools: reading, model: 'claude-haiku-5-5' },
  'model-id.md': { name: 'model-id', tools: reading, model: 'claude-opus-4-1-20250805' },
  'model-unknown.md': { name: 'model-unknown', tools: reading, warning: /model: "gpt-5" is not a model Nova knows \(sonnet, opus, haiku, inherit or a claude-… id\), so the team's default is used/ },
  'crlf.md': { name: 'crlf', tools: ['read_file', 'search_text'], model: 'claude-haiku-5-5' },
  'bom.md': { name: 'bom', tools: ['read_file'] },
  'color.md': { name: 'color', tools: reading },
  'max-turns.md': { name: 'max-turns', tools: reading, turns: 5 },
  'max-turns-big.md': { name: 'max-turns-big', tools: reading, turns: 100, warning: /maxTurns: 500 is more than Nova allows one activation, so it gets 100/ },
  'max-turns-bad.md': { name: 'max-turns-bad', tools: reading, turns: 12, warning: /maxTurns: "many" is not a whole number of turns/ },
  'ignored-fields.md': { name: 'ignored-fields', tools: reading },
  'disallowed.md': { name: 'disallowed', tools: ['read_file', 'list_files'] },
  'multiline-description.md': { name: 'multiline-description', tools: ['read_file'] },
  'block-description.md': { name: 'block-description', tools: ['read_file', 'search_text'] },
  'nested/sub-agent.md': { name: 'sub-agent', tools: ['read_file'] },
  'nested/deeper/deep-agent.md': { name: 'deep-agent', tools: reading },
  'log.reader.md': { name: 'log.reader', tools: reading },
  'log_reader.md': { refused: /field "name": "log_reader" and "log\.reader" would share the handoff tool handoff_to_log_reader; rename one/ },
  'overridden.md': { refused: /field "name": not loaded: \.nova\/agents\/overridden\.md also defines "overridden", and \.nova\/agents overrides \.claude\/agents/ },
  'no-description.md': { refused: /^\.claude\/agents\/no-description\.md: field "description": required: what this agent is for, which is how the team chooses it \(Claude Code requires it too\)$/ },
  'no-name.md': { refused: /^\.claude\/agents\/no-name\.md: field "name": required: the agent's name \(Claude Code requires it too\)$/ },
  'bad-yaml.md': { refused: /bad YAML at line 4/ },
  'no-front-matter.md': { refused: /no front matter/ },
};

async function copyInto(from: string, to: string, skip: (relative: string) => boolean): Promise<void> {
  for (const entry of await fs.readdir(from, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.md')) continue;
    const source = path.join(entry.parentPath, entry.name);
    const relative = path.relative(from, source);
    if (skip(relative)) continue;
    await fs.mkdir(path.dirname(path.join(to, relative)), { recursive: true });
    await fs.copyFile(source, path.join(to, relative));
  }
}

describe('agents: .claude/agents files as Claude Code reads them', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  before(async () => {
    workspace = await tempWorkspace();
    await copyInto(fixtures, path.join(workspace.folder, '.claude', 'agents'), (relative) => relative.startsWith('nova-override'));
    await copyInto(path.join(fixtures, 'nova-override'), path.join(workspace.folder, '.nova', 'agents'), () => false);
  });
  after(() => workspace.cleanup());

  it('the fixture set covers at least 30 variants, each with an expected outcome', async () => {
    const files = (await fs.readdir(fixtures, { recursive: true })).filter((file) => file.endsWith('.md') && !file.startsWith('nova-override')).map((file) => file.split(path.sep).join('/'));
    assert.ok(files.length >= 30, `${files.length} fixtures`);
    assert.deepEqual(files.sort(), Object.keys(expected).sort());
  });

  it('loads each fixture as the table says, with at most one problem line per file, and the shipped team intact', async () => {
    const load = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames });
    const problemsOf = (file: string) => load.problems.filter((problem) => problem.path === `.claude/agents/${file}`);
    for (const [file, outcome] of Object.entries(expected)) {
      const problems = problemsOf(file);
      assert.ok(problems.length <= 1, `${file}: one line per file, got\n${problems.map(describeProblem).join('\n')}`);
      const line = problems[0] ? describeProblem(problems[0]) : undefined;
      if ('refused' in outcome) {
        assert.ok(line, `${file} is refused with a reason`);
        assert.match(line, outcome.refused, file);
        assert.ok(!load.team.agents.some((agent) => agent.source.file === `.claude/agents/${file}`), `${file} is not loaded`);
        continue;
      }
      const agent = load.team.get(outcome.name);
      assert.equal(agent?.source.file, `.claude/agents/${file}`, `${file} loads as ${outcome.name}`);
      assert.equal(agent.source.origin, 'claude');
      assert.deepEqual([agent.role, agent.owns, agent.accepts, agent.returns], ['specialist', [], ['RoutedTask'], 'Answer'], file);
      assert.deepEqual(agent.tools, outcome.tools, file);
      assert.equal(agent.model, outcome.model, `${file}: model`);
      assert.equal(agent.budget.turns, outcome.turns ?? 12, `${file}: turns`);
      if (outcome.warning) {
        assert.equal(problems[0]?.severity, 'warning', file);
        assert.match(line ?? '', outcome.warning, file);
      } else assert.equal(line, undefined, `${file} loads without a problem`);
    }
    const overridden = load.team.get('overridden');
    assert.deepEqual([overridden?.source.origin, overridden?.description], ['workspace', "Nova's own version."], '.nova/agents beats .claude/agents');
    assert.deepEqual(load.pending, [], 'no file here owns or advises anything, so none waits for consent');
    const shipped = load.team.agents.filter((agent) => agent.source.origin === 'shipped').map((agent) => agent.name);
    assert.deepEqual(shipped, ['arbiter', 'concierge', 'planner', 'refactorer', 'reporter', 'reviewer', 'security-reviewer', 'test-runner', 'typescript-specialist']);
    assert.equal(load.team.ownerOf('change.approval')?.name, 'reviewer');
  });

  it('reads the unquoted colon as the author meant it, and keeps multi-line descriptions', async () => {
    const { team } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames });
    assert.equal(team.get('colon-description')?.description, 'Use this agent when: the user asks about logs');
    assert.equal(team.get('block-description')?.description, 'Reviews SQL.\nUse it when: queries are slow.');
    assert.match(team.get('multiline-description')?.description ?? '', /<example>\nuser: why did it fail\?/);
    assert.equal(team.get('crlf')?.prompt, 'You read code on Windows.');
  });

  it('splits tool lists as Claude Code does: Tool(args) is one tool, a comma inside parentheses cuts nothing', () => {
    assert.deepEqual(splitToolList('Read, Agent(Explore, Plan), Bash(git diff:*), Task(x)'), ['Read', 'Agent', 'Bash', 'Task']);
    assert.deepEqual(splitToolList(['Read', 'Bash(npm run test:*)', 'Grep, Glob']), ['Read', 'Bash', 'Grep', 'Glob']);
    assert.deepEqual(splitToolList(' , '), []);
    assert.deepEqual([mapClaudeTool('Read'), mapClaudeTool('mcp__a__b'), mapClaudeTool('Nope')], [{ nova: 'read_file' }, { dropped: 'mcp' }, { dropped: 'unknown' }]);
  });

  it('maps the model aliases to priced ids of the model table, and inherit to the team default', () => {
    assert.deepEqual(Object.keys(modelAliases).sort(), ['haiku', 'opus', 'sonnet']);
    for (const [alias, id] of Object.entries(modelAliases)) {
      assert.ok(id.startsWith(`claude-${alias}-`), `${alias} names a ${alias} id`);
      assert.ok(priceFor(defaultPrices, id), `${id} is priced`);
      assert.deepEqual(readModelField(alias, false), { kind: 'id', id, alias });
    }
    assert.equal(defaultAnthropicModel, modelAliases.sonnet);
    assert.deepEqual(readModelField('inherit', false), { kind: 'default' });
    assert.deepEqual(readModelField('Opus', false), { kind: 'id', id: modelAliases.opus, alias: 'Opus' });
    assert.deepEqual(readModelField('llama3', false), { kind: 'unknown', written: 'llama3' });
    assert.deepEqual(readModelField('llama3', true), { kind: 'id', id: 'llama3' }, 'a file with its own endpoint names its server’s models');
  });
});

describe('agents: a dotted name in a run', () => {
  it('is handed work through its tool-safe id, keeps its name in the trace, and calls the model the person chose', async () => {
    const workspace = await tempWorkspace({
      '.nova/agents/router.md': '---\nname: router\ndescription: Routes.\nrole: specialist\naccepts: [RoutedTask]\nreturns: Answer\nhandoffs: [powershell-5.1-expert]\n---\nYou route.\n',
      '.claude/agents/powershell-5.1-expert.md': '---\nname: powershell-5.1-expert\ndescription: PowerShell 5.1.\ntools: Read, PowerShell\nmodel: haiku\n---\nYou write PowerShell.\n',
    });
    try {
      const { team } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames });
      const model = new ScriptedModel({
        router: [{ tools: [{ name: 'handoff_to_powershell-5_1-expert', input: { reason: 'a PowerShell question', payload: examples.RoutedTask } }] }],
        'powershell-5.1-expert': [{ tools: [{ name: 'submit_Answer', input: examples.Answer }] }],
      });
      const { orchestrator, spans } = await teamOrchestrator(model, workspace.folder, { team });
      const result = await orchestrator.run({ text: 'why does my script fail?', agent: 'router' });
      assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
      const { spanId, ...artifact } = result.result ?? {};
      assert.deepEqual(artifact, { agent: 'powershell-5.1-expert', contract: 'Answer', payload: examples.Answer, via: 'result' });
      assert.ok(model.requests[0]?.tools.some((tool) => tool.name === 'handoff_to_powershell-5_1-expert'), 'the tool name the API accepts');
      const delivered = spans.spans.find((span) => span.kind === 'handoff' && span.to === 'powershell-5.1-expert' && span.status === 'delivered');
      assert.ok(delivered);
      // Its activation names that handoff, and its result names the validation that accepted it, under the dotted name.
      assert.ok(spans.spans.some((span) => span.kind === 'agent' && span.agent === 'powershell-5.1-expert' && span.handoffSpanId === delivered.id));
      assert.ok(spans.spans.some((span) => span.id === spanId && span.kind === 'validation' && span.agent === 'powershell-5.1-expert' && span.verdict === 'accepted'));
      assert.deepEqual(model.requests.map((request) => request.model), ['claude-sonnet-5-5', 'claude-haiku-5-5'], 'the file’s haiku, the default elsewhere');

      const overridden = new ScriptedModel({
        router: [{ tools: [{ name: 'handoff_to_powershell-5_1-expert', input: { reason: 'again', payload: examples.RoutedTask } }] }],
        'powershell-5.1-expert': [{ tools: [{ name: 'submit_Answer', input: examples.Answer }] }],
      });
      const again = await teamOrchestrator(overridden, workspace.folder, { team, modelOverride: 'claude-opus-5-5' });
      assert.equal((await again.orchestrator.run({ text: 'and now?', agent: 'router' })).status, 'completed');
      assert.deepEqual(overridden.requests.map((request) => request.model), ['claude-opus-5-5', 'claude-opus-5-5'], 'the person’s model beats the file’s');
    } finally {
      await workspace.cleanup();
    }
  });
});

describe('agents: 500 generated Claude Code files', function () {
  this.timeout(60_000);
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  before(async () => {
    workspace = await tempWorkspace();
    await writeGeneratedAgents(path.join(workspace.folder, '.claude', 'agents'), 500);
  });
  after(() => workspace.cleanup());

  it('all load as read-only specialists beside the shipped team, which stays intact', async () => {
    const { team, problems, pending } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames });
    assert.deepEqual(problems.filter((problem) => problem.severity === 'error').map(describeProblem), []);
    assert.equal(team.agents.filter((agent) => agent.source.origin === 'claude').length, 500);
    assert.equal(team.agents.length, 509);
    assert.deepEqual(pending, []);
    assert.equal(team.frontDoor?.name, 'concierge');
    assert.equal(team.ownerOf('change.approval')?.source.origin, 'shipped');
    for (const agent of team.agents.filter((a) => a.source.origin === 'claude')) {
      assert.ok(agent.tools.every((tool) => reading.includes(tool)), `${agent.name}: reading tools only (${agent.tools.join(', ')})`);
      assert.deepEqual(agent.owns, []);
    }
    assert.ok(problems.length <= 500, 'at most one line per file');
  });
});
