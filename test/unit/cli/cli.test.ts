import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { repoRoot } from '../../../tools/paths';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { boardSource, examples } from '../../support/payloads';
import { cliBundle as cli, nova } from '../../support/novaCli';
import { tempWorkspace } from '../../support/team';

describe('the nova command line', function () {
  this.timeout(90_000);
  before(function () {
    if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run package\` (npm test does) before the unit tests`);
  });
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace.cleanup());

  it('prints its usage, and a bad flag, a missing task or a missing folder gets one line and exit code 2', async () => {
    const help = await nova(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /nova run \[--agent NAME\] \[--workspace DIR\]/);
    assert.match(help.stdout, /--accept-agent FILE.*--allow-endpoint URL/);
    // A command's --help: that command's part of the usage and the exit codes, nothing run.
    const reviewHelp = await nova(['review', workspace.folder, '--help']);
    assert.equal(reviewHelp.code, 0, reviewHelp.stderr);
    assert.match(reviewHelp.stdout, /^Usage:\n {2}nova review \[PATH\]/);
    assert.match(reviewHelp.stdout, /--fail-on error\|warning\|never/);
    assert.deepEqual(reviewHelp.stdout.match(/^ {2}nova \w+/gm), ['  nova review']);
    assert.match(reviewHelp.stdout, /^Exit codes: 0 done/m);
    const proposalsHelp = await nova(['proposals', '-h']);
    assert.deepEqual(proposalsHelp.stdout.match(/^ {2}nova \w+ \w+/gm), ['  nova proposals list', '  nova proposals show', '  nova proposals accept', '  nova proposals reject']);
    for (const [args, expected] of [
      [['run', '--bogus', 'x'], /^nova: Unknown option '--bogus'/],
      [['run', '--workspace', workspace.folder], /^nova: nova run needs a task/],
      [['run', '--workspace', path.join(workspace.folder, 'nope'), 'task'], /^nova: No such folder: /],
      [['fly'], /^nova: Unknown command "fly"/],
      [['fly', '--help'], /^nova: Unknown command "fly"/],
      [['trace', 'show', path.join(workspace.folder, 'missing.jsonl')], /^nova: Cannot read .*missing\.jsonl: ENOENT/],
    ] as const) {
      const ran = await nova(args);
      assert.equal(ran.code, 2, `${args.join(' ')}: ${ran.stderr}`);
      assert.match(ran.stderr, expected);
      assert.equal(ran.stderr.trim().split('\n').length, 1, `one line, no stack: ${ran.stderr}`);
    }
  });

  it('rejects a price table that is not valid, naming the field', async () => {
    const file = path.join(workspace.folder, 'prices.json');
    await fs.writeFile(file, JSON.stringify({ 'my-model': { input: 1, output: -2, cacheWrite: 1, cacheRead: 0.1 } }));
    const ran = await nova(['run', '--workspace', workspace.folder, 'hello'], { NOVA_PRICES: file });
    assert.equal(ran.code, 2);
    assert.match(ran.stderr, /^nova: The price table .*prices\.json is not valid: my-model\.output: /);
  });

  it('lists the team with roles, owned decisions and sources, and the agent files that failed to load', async () => {
    await fs.mkdir(path.join(workspace.folder, '.nova', 'agents'), { recursive: true });
    await fs.writeFile(path.join(workspace.folder, '.nova', 'agents', 'broken.md'), '---\nname: broken\ndescription: d\nrole: specialist\ntools: [teleport]\naccepts: [RoutedTask]\nreturns: Answer\n---\nBody.\n');
    const ran = await nova(['agents', '--workspace', workspace.folder]);
    assert.equal(ran.code, 1);
    assert.match(ran.stdout, /^reviewer\s+reviewer\s+change\.approval\s+shipped: agents\/reviewer\.md$/m);
    assert.match(ran.stdout, /^concierge\s+front-door\s+task\.routing/m);
    assert.match(ran.stdout, /not loaded: .*broken\.md: field "tools": unknown tool "teleport"/);
  });

  it('keeps the shipped reviewer until --accept-agent names the workspace file, and a baseURL until --allow-endpoint names it', async () => {
    const reviewer = (await fs.readFile(path.join(repoRoot, 'agents', 'reviewer.md'), 'utf8')).replace('\nrole:', '\nbaseURL: http://127.0.0.1:9/\nrole:');
    await fs.mkdir(path.join(workspace.folder, '.nova', 'agents'), { recursive: true });
    await fs.writeFile(path.join(workspace.folder, '.nova', 'agents', 'reviewer.md'), reviewer);
    const before = await nova(['agents', '--workspace', workspace.folder]);
    assert.equal(before.code, 1);
    assert.match(before.stdout, /^reviewer\s+reviewer\s+change\.approval\s+shipped: agents\/reviewer\.md$/m);
    assert.match(before.stdout, /waiting for your acceptance[\s\S]*\.nova\/agents\/reviewer\.md \(reviewer, sha256 [0-9a-f]{12}…\): owns change\.approval[\s\S]*accept: --accept-agent \.nova\/agents\/reviewer\.md/);
    assert.match(before.stdout, /field "baseURL": names its own Messages API endpoint: Nova would send your API key to 127\.0\.0\.1:9/);

    const accepted = await nova(['agents', '--workspace', workspace.folder, '--accept-agent', '.nova/agents/reviewer.md']);
    assert.match(accepted.stdout, /^reviewer\s+reviewer\s+change\.approval\s+shipped: agents\/reviewer\.md$/m, 'accepted, but its endpoint is not allowed');
    const both = await nova(['agents', '--workspace', workspace.folder, '--accept-agent', '.nova/agents/reviewer.md', '--allow-endpoint', 'http://127.0.0.1:9/']);
    assert.equal(both.code, 0, both.stdout);
    assert.match(both.stdout, /^reviewer\s+reviewer\s+change\.approval\s+workspace \.nova\/agents\/reviewer\.md$/m);

    for (const [args, expected] of [
      [['--allow-endpoint', 'not a url'], /^nova: --allow-endpoint needs a URL/],
      [['--accept-agent', '../../etc/passwd'], /^nova: --accept-agent \.\.\/\.\.\/etc\/passwd: .* outside the workspace/],
    ] as const) {
      const ran = await nova(['agents', '--workspace', workspace.folder, ...args]);
      assert.equal(ran.code, 2, ran.stderr);
      assert.match(ran.stderr, expected);
    }
  });

  it('runs offline on a copy of the sample: the bundled TypeScript type-checks, the proposal is printed and not applied', async () => {
    const sample = await tempWorkspace();
    try {
      await fs.cp(path.join(repoRoot, 'sample'), sample.folder, { recursive: true, filter: (source) => !/node_modules|[\\/]out$/.test(source) });
      const before = await fs.readFile(path.join(sample.folder, 'src', 'report.ts'), 'utf8');
      const ran = await nova(['run', '--workspace', sample.folder, '/refactor remove unused imports in src/report.ts']);
      assert.equal(ran.code, 0, ran.stderr + ran.stdout);
      assert.match(ran.stdout, /Model: the offline model/);
      assert.match(ran.stdout, /\[offline\]/);
      // The bundle finds TypeScript's lib files beside it (without them every file has errors).
      assert.match(ran.stdout, /errors before: 0, after: 0/);
      assert.match(ran.stdout, /--- a\/src\/report\.ts\n\+\+\+ b\/src\/report\.ts\n@@ -1,5 \+1,5 @@\n[^\n]*\n-import \{ parseDate, daysBetween, formatDate, slugify \} from "\.\/util";\n\+import \{ parseDate, daysBetween, formatDate \} from "\.\/util";\n/);
      assert.match(ran.stdout, /⚖ change\.approval: approve/);
      assert.match(ran.stdout, /COMPLETED[\s\S]*\$0\.0000/);
      assert.equal(await fs.readFile(path.join(sample.folder, 'src', 'report.ts'), 'utf8'), before, 'nothing was applied');
    } finally {
      await sample.cleanup();
    }
  });

  describe('with Claude (ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL, served by the scripted server)', () => {
    let server: ScriptedServer;
    const key = 'sk-ant-cli-SECRET-77aa';
    beforeEach(async () => {
      server = await startScriptedServer({ apiKey: key });
    });
    afterEach(() => server.close());

    it('streams the run with agent attribution, prints the proposal as a diff without applying it, writes the trace, and never prints the key', async () => {
      const tool = (name: string, input: unknown, text?: string) => ({ content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use' as const, name, input }] });
      const proposal = { ...examples.ChangeProposal, files: [{ path: 'src/board.ts', hunks: [{ startLine: 2, before: '  return a == b;', after: '  return a === b;', rationale: 'strict' }] }] };
      server.enqueue(
        tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }, 'Routing this refactor to the planner.'),
        tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }),
        tool('handoff_to_reviewer', { reason: 'ready', contract: 'ChangeProposal', payload: proposal }),
        tool('submit_ReviewVerdict', examples.ReviewVerdict),
        tool('submit_Opinion', { stance: 'support', reason: 'fine' }),
      );
      const ran = await nova(['run', '--workspace', workspace.folder, 'use strict equality in board.ts'], { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL });

      assert.equal(ran.code, 0, ran.stderr + ran.stdout);
      assert.match(ran.stdout, /Model: Claude \(claude-sonnet-5-5\)/);
      assert.match(ran.stdout, /── concierge ← person \(UserRequest\)\nRouting this refactor to the planner\./);
      assert.match(ran.stdout, /→ handoff concierge → planner \(RoutedTask\) delivered/);
      assert.match(ran.stdout, /⚖ change\.approval: approve — reviewer decides \(unopposed; security-reviewer supports\)/);
      assert.match(ran.stdout, /Proposal from refactorer \(not applied\)[\s\S]*--- a\/src\/board\.ts\n\+\+\+ b\/src\/board\.ts[\s\S]*- {2}return a == b;\n\+ {2}return a === b;/);
      assert.match(ran.stdout, /COMPLETED/);
      assert.equal(await fs.readFile(path.join(workspace.folder, 'src', 'board.ts'), 'utf8'), boardSource, 'nothing was applied');
      const [trace] = await fs.readdir(path.join(workspace.folder, '.nova', 'traces'));
      const written = await fs.readFile(path.join(workspace.folder, '.nova', 'traces', trace ?? ''), 'utf8');
      for (const text of [ran.stdout, ran.stderr, written]) assert.ok(!text.includes(key));

      const shown = await nova(['trace', 'show', path.join(workspace.folder, '.nova', 'traces', trace ?? '')]);
      assert.equal(shown.code, 0, shown.stderr);
      assert.match(shown.stdout, /^run .*"use strict equality in board\.ts" → completed$/m);
      assert.match(shown.stdout, /^ {2}reviewer \(received ChangeProposal from refactorer\) → submitted ReviewVerdict$/m);
      // What was handed over is printed under its handoff, pretty: the reviewer's ChangeProposal.
      assert.match(shown.stdout, /handoff refactorer → reviewer \(ChangeProposal\) delivered\n {10}payload \(\d+ bytes\):\n {12}\{\n {14}"summary": "Strict equality in moveTask",/);
      assert.match(shown.stdout, /decision change\.approval by reviewer: approve \(unopposed\)/);
    });

    it('ends with exit code 1 and the stop reason when the run stops, with problems marked in the trace', async () => {
      server.enqueue({ content: [{ type: 'tool_use', name: 'run_command', input: { command: 'ls' } }] }, ...Array.from({ length: 3 }, () => ({ content: [{ type: 'tool_use' as const, name: 'handoff_to_refactorer', input: { reason: 'x', payload: examples.RefactorRequest } }] })));
      const ran = await nova(['run', '--workspace', workspace.folder, 'do it'], { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL });
      assert.equal(ran.code, 1, ran.stdout);
      assert.match(ran.stdout, /✗ run_command .* refused/);
      assert.match(ran.stdout, /STOPPED — repeated_error at concierge/);
      const [trace] = await fs.readdir(path.join(workspace.folder, '.nova', 'traces'));
      const shown = await nova(['trace', 'show', path.join(workspace.folder, '.nova', 'traces', trace ?? '')]);
      assert.match(shown.stdout, /✗ handoff concierge → refactorer \(\?\) refused/);
      assert.match(shown.stdout, /✗ stopped \(repeated_error\)/);
      assert.match(shown.stdout, /\d+ problem\(s\):/);
    });
  });
});
