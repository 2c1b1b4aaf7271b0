import * as assert from 'node:assert/strict';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import type { AcceptedAgentFile } from '../../../src/core/agents/consent';
import { contentHash } from '../../../src/core/agents/fileRead';
import { loadTeam } from '../../../src/core/agents/load';
import { parseAgentFile } from '../../../src/core/agents/parse';
import { describeProblem } from '../../../src/core/agents/spec';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { shippedAgents, tempWorkspace } from '../../support/team';

const toolNames = createWorkspaceTools().names();
const known = new Set(toolNames);

function agentFile(front: string, body = 'You help.'): string {
  return `---\n${front.trim()}\n---\n${body}\n`;
}

describe('agents: the shipped team', () => {
  it('loads the nine agents of DESIGN.md with real prompts, and every decision has exactly one owner', async () => {
    const { team, problems } = await loadTeam({ shippedFolder: shippedAgents, toolNames });
    assert.deepEqual(problems, []);
    assert.deepEqual(team.agents.map((a) => a.name), ['arbiter', 'concierge', 'planner', 'refactorer', 'reporter', 'reviewer', 'security-reviewer', 'test-runner', 'typescript-specialist']);
    assert.equal(team.frontDoor?.name, 'concierge');
    assert.equal(team.arbiter?.name, 'arbiter');
    assert.equal(team.ownerOf('change.approval')?.name, 'reviewer');
    assert.deepEqual(team.advisorsOf('change.approval').map((a) => a.name), ['security-reviewer']);
    for (const agent of team.agents) {
      assert.ok(agent.prompt.split(/\s+/).length >= 150, `${agent.name}'s prompt is a real prompt`);
      for (const kind of [...agent.owns, ...agent.advises]) assert.ok(team.ownerOf(kind), `${kind} has an owner`);
    }
    assert.deepEqual(team.get('test-runner')?.tools, ['run_command', 'read_file', 'list_files', 'typescript_check']);
    assert.ok(!team.agents.some((a) => a.name !== 'test-runner' && a.tools.includes('run_command')), 'only the runner runs commands');
  });
});

describe('agents: workspace files', () => {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace();
  });
  afterEach(() => workspace.cleanup());

  async function load(files: Record<string, string>, accepted: readonly AcceptedAgentFile[] = []) {
    for (const [name, text] of Object.entries(files)) {
      await fs.mkdir(path.dirname(path.join(workspace.folder, name)), { recursive: true });
      await fs.writeFile(path.join(workspace.folder, name), text);
    }
    return loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: accepted, allowedEndpoints: [] }, toolNames });
  }

  it('a workspace agent overrides the shipped one of the same name once the person accepted that file', async () => {
    const reporter = agentFile(`
name: reporter
description: Writes terse reports.
role: specialist
tools: [read_file]
owns: [report.content]
accepts: [ReportRequest]
returns: ChangeReport
`, 'You write terse reports.');
    const { team, problems } = await load({ '.nova/agents/reporter.md': reporter }, [{ path: '.nova/agents/reporter.md', sha256: contentHash(reporter) }]);
    assert.deepEqual(problems, []);
    assert.equal(team.get('reporter')?.prompt, 'You write terse reports.');
    assert.equal(team.get('reporter')?.source.origin, 'workspace');
    assert.equal(team.get('reporter')?.source.file, '.nova/agents/reporter.md');
  });

  it('a workspace agent that owns nothing and overrides no decision-maker loads without asking', async () => {
    const { team, problems, pending } = await load({ '.nova/agents/helper.md': agentFile('name: helper\ndescription: d\nrole: specialist\naccepts: [RoutedTask]\nreturns: Answer') });
    assert.deepEqual([problems, pending], [[], []]);
    assert.deepEqual(team.get('helper')?.source.origin, 'workspace');
  });

  it('a .claude/agents file without Nova’s fields loads as a read-only specialist that owns nothing', async () => {
    const { team, problems } = await load({
      '.claude/agents/code-explainer.md': agentFile(`
name: code-explainer
description: Explains code.
tools: Read, Grep, Glob, Edit
model: sonnet
color: blue
`),
    });
    const agent = team.get('code-explainer');
    assert.equal(agent?.role, 'specialist');
    assert.deepEqual(agent?.owns, []);
    assert.deepEqual(agent?.tools, ['read_file', 'search_text', 'list_files']);
    assert.deepEqual([agent?.accepts, agent?.returns], [['RoutedTask'], 'Answer']);
    assert.equal(agent?.model, 'claude-sonnet-5-5', 'the alias is sent as its id');
    assert.deepEqual(problems.map((p) => p.severity), ['warning']);
    assert.match(problems[0]?.message ?? '', /tools: left out Edit \(Nova agents change files only by proposing a change/);
  });

  const broken: [string, string, RegExp][] = [
    ['bad YAML', 'name: x\ndescription: [unclosed', /x\.md: bad YAML at line 3/],
    ['an unknown tool', 'name: x\ndescription: d\nrole: specialist\ntools: [write_file]\naccepts: [RoutedTask]\nreturns: Answer', /field "tools": unknown tool "write_file"/],
    ['an unknown contract', 'name: x\ndescription: d\nrole: specialist\naccepts: [Wish]\nreturns: Answer', /field "accepts": unknown contract "Wish"/],
    ['an unknown handoff target', 'name: x\ndescription: d\nrole: specialist\naccepts: [RoutedTask]\nreturns: Answer\nhandoffs: [ghost]', /field "handoffs": unknown handoff target "ghost"/],
    ['a decision owned twice', 'name: x\ndescription: d\nrole: reviewer\nowns: [change.approval]\naccepts: [ChangeProposal]\nreturns: ReviewVerdict', /field "owns": decision "change.approval" is already owned by reviewer/],
    ['a decision owned by no one', 'name: x\ndescription: d\nrole: specialist\nadvises: [deploy.approval]\naccepts: [RoutedTask]\nreturns: Answer', /field "advises": decision "deploy.approval" is owned by no agent/],
    ['a result carrying a decision it does not own', 'name: x\ndescription: d\nrole: reviewer\naccepts: [ChangeProposal]\nreturns: ReviewVerdict', /field "returns": ReviewVerdict records the decision "change.approval", which this agent does not own/],
    ['a second front door', 'name: x\ndescription: d\nrole: front-door\naccepts: [UserRequest]\nreturns: Answer', /field "role": the team already has a front door \(concierge\)/],
    ['no front matter', '', /no front matter/],
  ];
  for (const [what, front, expected] of broken) {
    it(`reports and skips a file with ${what}, naming file and field; the shipped team stays whole`, async () => {
      const text = front ? agentFile(front) : 'just text\n';
      // Accepted, so the team's own rules are what is checked.
      const { team, problems } = await load({ '.nova/agents/x.md': text }, [{ path: '.nova/agents/x.md', sha256: contentHash(text) }]);
      const errors = problems.filter((p) => p.severity === 'error').map(describeProblem);
      assert.equal(errors.length, 1, errors.join('\n'));
      assert.match(errors[0] ?? '', expected);
      assert.ok(errors[0]?.includes(path.join('.nova', 'agents', 'x.md')));
      assert.equal(team.get('x'), undefined);
      assert.equal(team.agents.length, 9);
      assert.equal(team.ownerOf('change.approval')?.name, 'reviewer');
    });
  }

  it('a broken override leaves the shipped agent in place', async () => {
    const text = agentFile('name: reviewer\ndescription: d\nrole: reviewer\naccepts: [ChangeProposal]\nreturns: ReviewVerdict');
    const { team, problems } = await load({ '.nova/agents/reviewer.md': text }, [{ path: '.nova/agents/reviewer.md', sha256: contentHash(text) }]);
    assert.equal(team.get('reviewer')?.source.origin, 'shipped');
    assert.match(problems.map(describeProblem).join('\n'), /reviewer\.md: field "returns": ReviewVerdict records the decision "change.approval"/);
  });

  it('workspace agents may hand off to each other whatever order they load in', async () => {
    const { team, problems } = await load({
      '.nova/agents/a-first.md': agentFile('name: a-first\ndescription: d\nrole: specialist\naccepts: [RoutedTask]\nreturns: Answer\nhandoffs: [b-second]'),
      '.nova/agents/b-second.md': agentFile('name: b-second\ndescription: d\nrole: specialist\naccepts: [RoutedTask]\nreturns: Answer'),
    });
    assert.deepEqual(problems, []);
    assert.ok(team.get('a-first') && team.get('b-second'));
  });

  it('parses budgets and thinking, and fills defaults', () => {
    const parsed = parseAgentFile({ path: '/ws/p.md', file: 'p.md', sha256: '0'.repeat(64), origin: 'workspace', text: agentFile('name: p\ndescription: d\nrole: planner\naccepts: RoutedTask\nreturns: Plan\nbudget: { turns: 3 }\nthinking: 2048') }, known);
    assert.ok(parsed.ok);
    assert.deepEqual(parsed.spec.budget, { turns: 3, tokens: 150_000, usd: 1.5 });
    assert.equal(parsed.spec.thinking, 2048);
    assert.deepEqual(parsed.spec.accepts, ['RoutedTask']);
  });
});
