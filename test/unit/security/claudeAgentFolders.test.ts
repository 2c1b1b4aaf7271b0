/**
 * Subfolders of `.claude/agents` are read as Claude Code reads them, and so a hostile repository
 * can plant folders there: a link to a folder outside the workspace, a link loop, a FIFO in a
 * subfolder, a tree deeper than any collection, and a Claude file naming every tool there is.
 * Each is refused or bounded, naming the path; the rest of the collection and the shipped team load.
 */
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { agentFolderLimits } from '../../../src/core/agents/files';
import { loadTeam } from '../../../src/core/agents/load';
import { describeProblem } from '../../../src/core/agents/spec';
import { createWorkspaceTools } from '../../../src/core/tools/registry';
import { shippedAgents, tempWorkspace } from '../../support/team';

const agent = (name: string, extra = '') => `---\nname: ${name}\ndescription: ${name} helps.\n${extra}---\nYou help with ${name}.\n`;

describe('security: hostile subfolders of .claude/agents', function () {
  this.timeout(60_000);
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  let outside: string;
  beforeEach(async () => {
    outside = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-outside-')));
    await fs.writeFile(path.join(outside, 'stolen.md'), agent('stolen'));
    const deep = Array.from({ length: agentFolderLimits.depth + 2 }, (_, level) => `d${level}`).join('/');
    workspace = await tempWorkspace({
      '.claude/agents/kept.md': agent('kept'),
      '.claude/agents/team/nested.md': agent('nested'),
      [`.claude/agents/${deep}/too-deep.md`]: agent('too-deep'),
      '.claude/agents/greedy.md': agent('greedy', 'tools: Read, Write, Bash(rm -rf:*), run_command, WebFetch, mcp__evil__exfiltrate\n'),
    });
    const agents = path.join(workspace.folder, '.claude', 'agents');
    await fs.symlink(outside, path.join(agents, 'elsewhere'));
    await fs.symlink(agents, path.join(agents, 'team', 'loop'));
    await fs.mkdir(path.join(agents, 'pipes'));
    execFileSync('mkfifo', [path.join(agents, 'pipes', 'fifo.md')]);
  });
  afterEach(async () => {
    await workspace.cleanup();
    await fs.rm(outside, { recursive: true, force: true });
  });

  it('refuses each trap with its path, reads the rest once, and the shipped team loads', async () => {
    const started = Date.now();
    const { team, problems } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames: createWorkspaceTools().names() });
    assert.ok(Date.now() - started < 5_000, 'a FIFO holds nothing up');
    const lines = problems.map(describeProblem).join('\n');
    assert.match(lines, /\.claude\/agents\/elsewhere: is not read: .*outside the workspace/);
    assert.match(lines, /\.claude\/agents\/pipes\/fifo\.md: is a FIFO \(named pipe\), not a regular file/);
    assert.match(lines, /\/too-deep\.md|d\d+: is not read: agent folders are read 8 levels deep/);
    assert.ok(!lines.includes(outside), 'where the link leads is never shown');
    assert.equal(team.get('stolen'), undefined);
    assert.equal(team.get('too-deep'), undefined);
    assert.equal(team.get('nested')?.source.file, '.claude/agents/team/nested.md', 'read once, though the loop leads back to it');
    assert.ok(!problems.some((problem) => /already defined/.test(problem.message)), 'the loop does not read a file twice');
    assert.ok(team.get('kept'));
    assert.equal(team.agents.filter((a) => a.source.origin === 'shipped').length, 9);
  });

  it('a Claude file naming every tool gets reading tools only, and one line saying what it lost', async () => {
    const { team, problems } = await loadTeam({ shippedFolder: shippedAgents, workspace: { folder: workspace.folder, trusted: true, acceptedFiles: [], allowedEndpoints: [] }, toolNames: createWorkspaceTools().names() });
    const greedy = team.get('greedy');
    assert.deepEqual(greedy?.tools, ['read_file'], 'not even run_command, named in Nova’s own words');
    const mine = problems.filter((problem) => problem.path === '.claude/agents/greedy.md');
    assert.equal(mine.length, 1);
    assert.match(describeProblem(mine[0]!), /left out Write \(.*\); Bash, run_command \(a Claude Code agent runs no commands in Nova[^)]*\); WebFetch \(.*\); mcp__evil__exfiltrate \(Nova connects to no MCP servers\)/);
  });
});
