import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { cliBundle as cli, nova } from '../../support/novaCli';
import { tempWorkspace } from '../../support/team';

const sqlExpert = '---\nname: sql-expert\ndescription: Optimizes SQL queries and database indexes.\ntools: Read, Grep, Edit\nmodel: inherit\n---\nYou tune SQL.\n';

describe('nova with Claude Code agents', function () {
  this.timeout(90_000);
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the unit tests`);
  });
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({
      'src/db.ts': 'export const q = "SELECT * FROM users";\n',
      '.claude/agents/sql-expert.md': sqlExpert,
      '.claude/agents/planner.md': '---\nname: planner\ndescription: Plans sprints.\n---\nYou plan sprints.\n',
      '.claude/agents/broken-one.md': '---\nname: broken-one\ndescription: [unclosed\n---\nBody.\n',
      '.claude/agents/broken-two.md': 'no front matter\n',
      '.nova/agents/odd.md': '---\nname: odd\ndescription: d\nrole: specialist\ntools: [teleport]\naccepts: [RoutedTask]\nreturns: Answer\n---\nBody.\n',
    });
  });
  afterEach(() => workspace.cleanup());

  it('nova agents says the Claude planner loaded beside the shipped one, under which name', async () => {
    const ran = await nova(['agents', '--workspace', workspace.folder]);
    assert.match(ran.stdout, /^planner\s+planner\s+plan\.assignment\s+shipped: agents\/planner\.md$/m);
    assert.match(ran.stdout, /^planner-claude\s+specialist\s+—\s+claude \.claude\/agents\/planner\.md$/m);
    assert.match(ran.stdout, /warning: \.claude\/agents\/planner\.md: field "name": loaded as planner-claude: the shipped planner is the team's planner/);
  });

  it('offline, a run the concierge hands to a Claude agent by @name ends UNSUPPORTED with exit code 4, printing only that agent’s problems and a count of the rest', async () => {
    const ran = await nova(['run', '--workspace', workspace.folder, '@sql-expert why is src/db.ts slow?']);
    assert.equal(ran.code, 4, ran.stderr + ran.stdout);
    assert.match(ran.stdout, /→ handoff concierge → sql-expert \(RoutedTask\) delivered/);
    assert.match(ran.stdout, /── sql-expert \[claude \.claude\/agents\/sql-expert\.md\] ← concierge \(RoutedTask\)\n {3}⚠ agent file: \.claude\/agents\/sql-expert\.md: loaded, with changes: tools: left out Edit/);
    assert.match(ran.stdout, /^4 other agent files have problems: nova agents lists them\.$/m);
    for (const other of ['broken-one', 'broken-two', 'odd.md', 'planner.md']) assert.ok(!ran.stdout.includes(other), `${other} is not printed: ${ran.stdout}`);
    assert.match(ran.stdout, /^UNSUPPORTED at sql-expert: The offline model has no plan for "sql-expert" handed a RoutedTask; an Anthropic API key lets this agent run\.$/m);
    assert.doesNotMatch(ran.stdout, /COMPLETED/);
  });

  it('a run that reaches the planner shows the Claude planner file that would have been it', async () => {
    const ran = await nova(['run', '--workspace', workspace.folder, '/refactor src/db.ts']);
    assert.match(ran.stdout, /── planner ← concierge \(RoutedTask\)\n {3}⚠ agent file: \.claude\/agents\/planner\.md: field "name": loaded as planner-claude/);
    assert.doesNotMatch(ran.stdout, /sql-expert\.md/);
  });

  it('prints the answer of an /explain run (the concierge answers it itself)', async () => {
    const ran = await nova(['run', '--workspace', workspace.folder, '/explain src/db.ts']);
    assert.equal(ran.code, 0, ran.stderr + ran.stdout);
    assert.match(ran.stdout, /\nAnswer from concierge:\n\[offline\] [^\n]*src\/db\.ts/);
  });

  describe('with Claude (scripted server)', () => {
    let server: ScriptedServer;
    const key = 'sk-ant-cli-claude-agents-1';
    beforeEach(async () => {
      server = await startScriptedServer({ apiKey: key });
    });
    afterEach(() => server.close());

    it('prints the specialist’s Answer, with its references, and exits 0', async () => {
      server.enqueue(
        { content: [{ type: 'tool_use', name: 'route_to_specialist', input: { agent: 'sql-expert', reason: 'a SQL question', payload: { intent: 'explain', summary: 'Why is the users query slow?', scope: ['src/db.ts'], constraints: [] } } }] },
        { content: [{ type: 'tool_use', name: 'submit_Answer', input: { answer: 'It reads every column of every row: add a WHERE and an index.', references: [{ path: 'src/db.ts', line: 1 }] } }] },
      );
      const ran = await nova(['run', '--workspace', workspace.folder, 'why is the users query slow?'], { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL });
      assert.equal(ran.code, 0, ran.stderr + ran.stdout);
      assert.match(ran.stdout, /\nAnswer from sql-expert:\nIt reads every column of every row: add a WHERE and an index\.\n {2}· src\/db\.ts:1\n/);
      assert.match(ran.stdout, /^COMPLETED$/m);
    });
  });
});
