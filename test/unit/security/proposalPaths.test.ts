/**
 * Issue 11, hole 3: a ChangeProposal that names a file outside the workspace, or one of the
 * workspace's protected files. Reproduced as a person would meet it — a workspace next to a folder
 * holding a secret, a symbolic link in the workspace that leads to it, a model (scripted, and the
 * scripted Messages API behind the real `nova` bundle) that proposes changes to those paths, and
 * stored proposal files planted on disk — and checked at each place the path is used: the contract
 * (a bounce to the model), the store, `nova run`'s printing.
 */
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { getContract, type ChangeProposal } from '../../../src/core/contracts';
import { validatePayload } from '../../../src/core/contracts/validate';
import { proposalsFolder } from '../../../src/core/proposals/folder';
import { ProposalRefused, ProposalStore } from '../../../src/core/proposals/store';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import type { ValidationSpan } from '../../../src/core/trace/spans';
import { protectedPathReason } from '../../../src/core/workspace/protectedPaths';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import type { ParamsOf } from '../../../src/protocol/message';
import { proposalsList } from '../../../src/protocol/proposals';
import { runEnded, runStart } from '../../../src/protocol/run';
import { sessionConfigure, sessionProblem } from '../../../src/protocol/session';
import { repoRoot } from '../../../tools/paths';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { LspServer } from '../../support/lspServer';
import { boardSource, examples } from '../../support/payloads';
import { call, ScriptedModel } from '../../support/scriptedModel';
import { teamOrchestrator } from '../../support/team';

const secret = 'TOP-SECRET-4711 the bytes outside the workspace';

/** `<parent>/ws` (the workspace, with `link` → `<parent>/outside`) next to `<parent>/outside/secret.txt`. */
async function hostileLayout(): Promise<{ workspace: string; outsideFile: string; cleanup: () => Promise<void> }> {
  const parent = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-paths-')));
  const workspace = path.join(parent, 'ws');
  const outside = path.join(parent, 'outside');
  await fs.mkdir(path.join(workspace, 'src'), { recursive: true });
  await fs.mkdir(path.join(workspace, '.git', 'hooks'), { recursive: true });
  await fs.mkdir(outside);
  await fs.writeFile(path.join(workspace, 'src', 'board.ts'), boardSource);
  await fs.writeFile(path.join(outside, 'secret.txt'), `${secret}\n`);
  await fs.symlink(outside, path.join(workspace, 'link'));
  // A link that stays inside the workspace but leads into .git: only the resolved path shows it.
  await fs.symlink(path.join(workspace, '.git', 'hooks'), path.join(workspace, 'hooks'));
  return { workspace, outsideFile: path.join(outside, 'secret.txt'), cleanup: () => fs.rm(parent, { recursive: true, force: true }) };
}

/**
 * A proposal that inserts a first line, as a hostile model would write it: it names no byte of the
 * file, so a diff printed from the file would show the file's own lines as context.
 */
function proposalFor(file: string): ChangeProposal {
  return { summary: `Tidy ${file}`, rationale: 'looks untidy', files: [{ path: file, hunks: [{ startLine: 1, before: '', after: 'pwned', rationale: 'tidier' }] }], risks: [] };
}

/** What a well-behaved refactorer proposes: strict equality in src/board.ts. */
const goodProposal: ChangeProposal = {
  summary: 'Strict equality in moveTask',
  rationale: '== coerces types; the ids compared are both strings',
  files: [{ path: 'src/board.ts', hunks: [{ startLine: 2, before: '  return a == b;', after: '  return a === b;', rationale: 'no coercion' }] }],
  risks: [],
};

/** The paths the issue names, each as the model wrote it. */
const hostile = {
  parent: '../outside/secret.txt',
  absolute: '/etc/passwd',
  gitHook: '.git/hooks/pre-commit',
  novaState: '.nova/proposals/x.json',
  linkOut: 'link/secret.txt',
};

function contractIssues(file: string): readonly string[] {
  const checked = validatePayload(getContract('ChangeProposal'), proposalFor(file));
  return checked.ok ? [] : checked.issues;
}

describe('security: paths in change proposals', function () {
  this.timeout(90_000);

  describe('the ChangeProposal contract', () => {
    it('bounces absolute, parent, backslash, empty, NUL, URI and encoded paths, naming the field and why', () => {
      const cases: [string, RegExp][] = [
        [hostile.parent, /has a "\.\." segment/],
        ['src/../../outside/secret.txt', /has a "\.\." segment/],
        [hostile.absolute, /is an absolute path/],
        ['C:\\Windows\\win.ini', /absolute Windows path/],
        ['C:/Windows/win.ini', /absolute Windows path/],
        ['\\\\server\\share\\x', /network \(UNC\) path/],
        ['//server/share/x', /network \(UNC\) path/],
        ['\\etc\\passwd', /is an absolute path/],
        ['src\\..\\..\\outside', /uses "\\" as a separator/],
        ['src//board.ts', /empty segment/],
        ['src/', /empty segment/],
        ['./src/board.ts', /"\." segment/],
        ['src/board.ts\0.png', /NUL byte/],
        ['src/board.ts\n', /control character/],
        [' .git/hooks/pre-commit', /whitespace/],
        ['file:///etc/passwd', /is a URI/],
        ['.git::$INDEX_ALLOCATION/hooks/pre-commit', /contains ":"/],
        ['src/board.ts:stream', /contains ":"/],
        ['GIT~1/hooks/pre-commit', /short 8\.3 name/],
        ['src/aux.ts', /a device/],
        ['nul', /a device/],
        ['%2e%2e/outside/secret.txt', /percent-encoded/],
        ['%2egit/hooks/pre-commit', /percent-encoded/],
      ];
      for (const [file, reason] of cases) {
        const issues = contractIssues(file);
        assert.equal(issues.length, 1, `${JSON.stringify(file)}: ${issues.join(' | ')}`);
        assert.match(issues[0] ?? '', /^files\.0\.path: /, file);
        assert.match(issues[0] ?? '', reason, file);
      }
    });

    it('bounces protected paths, whatever their case, trailing dots or ignorable characters, at any depth', () => {
      const cases: [string, RegExp][] = [
        [hostile.gitHook, /"\.git\/" is git's own data/],
        ['.GIT/config', /"\.GIT\/" is git's own data/],
        ['.git./hooks/pre-commit', /git's own data/],
        ['.g\u200cit/hooks/pre-commit', /git's own data/],
        ['vendor/lib/.git/hooks/post-checkout', /"vendor\/lib\/\.git\/" is git's own data/],
        ['.git', /"\.git" is git's own data/],
        ['.vscode/tasks.json', /editor settings and tasks/],
        ['.VSCode/settings.json', /editor settings/],
        [hostile.novaState, /Nova's own state/],
        ['.nova/traces/run.jsonl', /Nova's own state/],
        ['.Nova/Checkpoints/x', /Nova's own state/],
        ['.nova/constitution.md', /"\.nova\/constitution\.md" is the team's constitution/],
        ['.nova/evals/task.json', /"\.nova\/evals\/" is the evaluation tasks/],
        ['.nova/gates.json', /gate configuration/],
        ['.github/workflows/ci.yml', /CI configuration/],
        ['.ci/run', /CI configuration/],
        ['.claude/settings.json', /Claude Code's settings/],
        ['.claude/settings.local.json', /Claude Code's settings/],
      ];
      for (const [file, reason] of cases) {
        const issues = contractIssues(file);
        assert.equal(issues.length, 1, `${JSON.stringify(file)}: ${issues.join(' | ')}`);
        assert.match(issues[0] ?? '', /is protected: .*; no agent may change it/, file);
        assert.match(issues[0] ?? '', reason, file);
      }
    });

    it('accepts ordinary paths, the person’s agent files and names that only look like protected ones', () => {
      for (const file of ['src/board.ts', 'README.md', '.nova/agents/reviewer.md', '.claude/agents/helper.md', '.github/CODEOWNERS', '.gitignore', 'docs/.gitkeep', 'notes/git/x.md', 'a.git/x', 'src/%zz.ts', 'api/src/x.ts', 'src/auxiliary.ts', 'src/console.ts', 'notes~draft.md']) {
        assert.deepEqual(contractIssues(file), [], file);
      }
      assert.equal(protectedPathReason('.nova/agents/reviewer.md'), undefined);
      assert.match(protectedPathReason('.nova/agents-backup/x') ?? '', /Nova's own state/);
    });
  });

  describe('a model that proposes hostile paths (scripted model, the real team and tools)', () => {
    let layout: Awaited<ReturnType<typeof hostileLayout>>;
    beforeEach(async () => (layout = await hostileLayout()));
    afterEach(() => layout.cleanup());

    for (const [name, file] of Object.entries(hostile).filter(([name]) => name !== 'linkOut')) {
      it(`bounces ${file} back to the refactorer with the reason; the reviewer never receives it (${name})`, async () => {
        const model = new ScriptedModel({
          reviewer: [call.handoff('refactorer', examples.RefactorRequest), call.submit('ReviewVerdict', examples.ReviewVerdict)],
          refactorer: [call.handoff('reviewer', proposalFor(file), 'review', 'ChangeProposal'), call.handoff('reviewer', examples.ChangeProposal, 'review', 'ChangeProposal')],
          'security-reviewer': [call.submit('Opinion', { stance: 'support', reason: 'fine' })],
        });
        const { orchestrator, spans } = await teamOrchestrator(model, layout.workspace);
        const received: unknown[] = [];
        orchestrator.events.on((event) => event.type === 'agent_start' && event.agent === 'reviewer' && received.push(event.payload));

        const result = await orchestrator.run({ text: 'review board.ts', agent: 'reviewer' });

        assert.equal(result.status, 'completed', JSON.stringify(result.stuck));
        const bounce = model.requests.filter((request) => request.agent === 'refactorer')[1]?.messages.at(-1)?.content[0];
        assert.ok(bounce?.type === 'tool_result' && bounce.isError, JSON.stringify(bounce));
        assert.match(bounce.content, new RegExp(`files\\.0\\.path: ${JSON.stringify(file).replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} (has a|is)`));
        assert.deepEqual(received.slice(1), [examples.ChangeProposal], 'only the fixed proposal reached the reviewer');
        const proposals = result.artifacts.filter((artifact) => artifact.contract === 'ChangeProposal').map((artifact) => artifact.payload);
        assert.deepEqual(proposals, [examples.ChangeProposal]);
        const verdicts = spans.spans.filter((span): span is ValidationSpan => span.kind === 'validation' && span.agent === 'refactorer').map((span) => span.verdict);
        assert.deepEqual(verdicts, ['bounced', 'accepted']);
      });
    }
  });

  describe('the proposal store', () => {
    let layout: Awaited<ReturnType<typeof hostileLayout>>;
    beforeEach(async () => (layout = await hostileLayout()));
    afterEach(() => layout.cleanup());

    async function storedFiles(): Promise<string[]> {
      return fs.readdir(proposalsFolder(layout.workspace)).catch(() => []);
    }

    it('refuses to store each hostile proposal, a symbolic link out and one into .git included, and stores nothing', async () => {
      const store = ProposalStore.open(layout.workspace);
      const expected: Record<string, RegExp> = {
        [hostile.parent]: /has a "\.\." segment/,
        [hostile.absolute]: /is an absolute path/,
        [hostile.gitHook]: /is protected: "\.git\/" is git's own data/,
        [hostile.novaState]: /is protected: .*Nova's own state/,
        [hostile.linkOut]: /"link\/secret\.txt" is outside the workspace/,
        'hooks/pre-commit': /"hooks\/pre-commit" leads to \.git\/hooks\/pre-commit, which is protected/,
      };
      for (const [file, reason] of Object.entries(expected)) {
        await assert.rejects(store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, proposalFor(file)), (error: unknown) => {
          assert.ok(error instanceof ProposalRefused, String(error));
          assert.match(error.message, reason, file);
          return true;
        });
      }
      assert.deepEqual(await storedFiles(), []);
      assert.deepEqual(await store.list(), { changeSets: [], problems: [] });
      assert.equal(await fs.readFile(layout.outsideFile, 'utf8'), `${secret}\n`);
    });

    it('reports planted records on disk as problems, never as pending, and will not accept them', async () => {
      const store = ProposalStore.open(layout.workspace, { now: () => 1_700_000_000_000 });
      const { changeSet: good } = await store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, goodProposal);
      const folder = proposalsFolder(layout.workspace);
      const planted = Object.values(hostile).map((file, index) => ({ ...good, id: `p-planted-${index}`, files: [{ ...good.files[0], path: file }] }));
      for (const record of planted) await fs.writeFile(path.join(folder, `${record.id}.json`), JSON.stringify(record));

      const listing = await store.list({ open: true });
      assert.deepEqual(listing.changeSets, [good], 'only the good proposal is offered');
      assert.equal(listing.problems.length, planted.length, listing.problems.join('\n'));
      for (const [index, file] of Object.values(hostile).entries()) {
        const problem = listing.problems.find((line) => line.startsWith(`p-planted-${index}.json: `));
        assert.ok(problem?.includes(JSON.stringify(file)), `no problem names ${file}: ${listing.problems.join('\n')}`);
      }
      // The planted link record is valid on its face; only resolving its path shows where it leads.
      const linkRecord = planted[Object.keys(hostile).indexOf('linkOut')];
      const accept = (id: string) => store.decide(id, [{ hunkId: good.files[0]?.hunks[0]?.id ?? '', status: 'accepted' }]);
      await assert.rejects(accept(linkRecord?.id ?? ''), (error: unknown) => error instanceof ProposalRefused && /outside the workspace/.test(error.message));
      await assert.rejects(accept('p-planted-0'), /p-planted-0\.json: not a stored change set \(files\.0\.path: .*has a "\.\." segment/);
      assert.equal((await store.get(linkRecord?.id ?? ''))?.files[0]?.hunks[0]?.status, 'pending', 'the refused accept recorded nothing');
      assert.equal(await fs.readFile(layout.outsideFile, 'utf8'), `${secret}\n`);
    });

    it('checks a multi-root proposal in the folder it names: that folder’s .git is protected, its sources are not', async () => {
      const api = path.join(layout.workspace, 'api');
      await fs.mkdir(path.join(api, '.git'), { recursive: true });
      await fs.mkdir(path.join(api, 'src'));
      const web = path.join(path.dirname(layout.workspace), 'web');
      await fs.mkdir(web);
      // The workspace's folders are `web` and `api` (`api` happens to sit inside `ws`, which is not a folder here).
      const store = ProposalStore.open(web, { sandbox: () => WorkspaceSandbox.create([web, api], nodeWorkspaceFiles) });
      await assert.rejects(store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, proposalFor('api/.git/config')), /"api\/\.git\/" is git's own data/);
      await assert.rejects(store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, proposalFor('api/../ws/link/secret.txt')), /has a "\.\." segment/);
      const { changeSet: stored } = await store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, proposalFor('api/src/new.ts'));
      assert.deepEqual((await store.list()).changeSets.map((record) => record.id), [stored.id]);
    });

    it('reports a pending proposal as a problem once a symbolic link made after storing leads it outside', async () => {
      const store = ProposalStore.open(layout.workspace);
      const { changeSet: stored } = await store.add({ kind: 'agent', runId: 'run-1', agent: 'refactorer' }, proposalFor('later/secret.txt'));
      assert.deepEqual((await store.list()).changeSets.map((record) => record.id), [stored.id]);
      await fs.symlink(path.dirname(layout.outsideFile), path.join(layout.workspace, 'later'));
      const listing = await store.list();
      assert.deepEqual(listing.changeSets, []);
      assert.match(listing.problems.join('\n'), new RegExp(`^${stored.id}\\.json: names a file it may not change: "later/secret\\.txt" is outside the workspace`));
    });
  });

  describe('nova run, with a model that proposes hostile paths (the real bundle, the scripted Messages API)', () => {
    const cli = path.join(repoRoot, 'dist', 'cli.js');
    const key = 'sk-ant-paths-SECRET-31';
    let server: ScriptedServer;
    let layout: Awaited<ReturnType<typeof hostileLayout>>;
    before(function () {
      if (!existsSync(cli)) throw new Error(`${cli} is missing: run \`npm run build\` before the unit tests`);
    });
    beforeEach(async () => {
      layout = await hostileLayout();
      server = await startScriptedServer({ apiKey: key });
    });
    afterEach(async () => {
      await server.close();
      await layout.cleanup();
    });

    function novaRun(task: string): Promise<{ code: number; stdout: string; stderr: string }> {
      const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ANTHROPIC_')));
      const env = { ...clean, ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL };
      return new Promise((resolve) => {
        execFile(process.execPath, [cli, 'run', '--workspace', layout.workspace, task], { cwd: repoRoot, env, timeout: 60_000 }, (error, stdout, stderr) => {
          resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
        });
      });
    }

    it('bounces ../outside and /etc/passwd, prints ✗ for a link out and never a byte of the outside file, and still prints the good diff', async () => {
      const tool = (name: string, input: unknown) => ({ content: [{ type: 'tool_use' as const, name, input }] });
      const toReviewer = (proposal: ChangeProposal) => tool('handoff_to_reviewer', { reason: 'ready', contract: 'ChangeProposal', payload: proposal });
      const good = goodProposal;
      server.enqueue(
        tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }),
        tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }),
        toReviewer(proposalFor(hostile.parent)),
        toReviewer(proposalFor(hostile.absolute)),
        // Valid on its face: only the sandbox can tell that `link` leads outside.
        toReviewer({ ...good, files: [...proposalFor(hostile.linkOut).files, ...good.files] }),
        tool('submit_ReviewVerdict', examples.ReviewVerdict),
        tool('submit_Opinion', { stance: 'support', reason: 'fine' }),
      );
      const ran = await novaRun('use strict equality in board.ts');

      assert.equal(ran.code, 0, ran.stderr + ran.stdout);
      assert.ok(!ran.stdout.includes('TOP-SECRET') && !ran.stderr.includes('TOP-SECRET'), `the outside file reached the terminal:\n${ran.stdout}`);
      assert.match(ran.stdout, /✗ link\/secret\.txt: not shown, and must not be applied: "link\/secret\.txt" is outside the workspace/);
      assert.match(ran.stdout, /--- a\/src\/board\.ts\n\+\+\+ b\/src\/board\.ts[\s\S]*- {2}return a == b;\n\+ {2}return a === b;/);
      assert.ok(!/\+\+\+ b\/link/.test(ran.stdout), 'no diff for the link');
      // The model was told, each time, which path was wrong and why.
      const toldModel = JSON.stringify(server.requests.map((request) => request.body));
      assert.match(toldModel, /files\.0\.path: \\"\.\.\/outside\/secret\.txt\\" has a \\"\.\.\\" segment/);
      assert.match(toldModel, /files\.0\.path: \\"\/etc\/passwd\\" is an absolute path/);
      assert.ok(!toldModel.includes('TOP-SECRET'), 'the outside file reached the model');
      assert.equal(await fs.readFile(layout.outsideFile, 'utf8'), `${secret}\n`);
      assert.equal(await fs.readFile(path.join(layout.workspace, 'src', 'board.ts'), 'utf8'), boardSource, 'nothing was applied');
    });
  });

  describe('the language server, ending a run whose proposal names a link out (a real LSP connection, the scripted Messages API)', () => {
    const key = 'sk-ant-paths-SECRET-32';
    let scripted: ScriptedServer;
    let server: LspServer;
    let layout: Awaited<ReturnType<typeof hostileLayout>>;
    beforeEach(async () => {
      layout = await hostileLayout();
      scripted = await startScriptedServer({ apiKey: key });
      ({ server } = await LspServer.start({ folders: [layout.workspace] }));
      await server.request(sessionConfigure, { provider: 'anthropic', apiKey: key, baseURL: scripted.baseURL, trusted: true, commandAllowlist: [] });
    });
    afterEach(async () => {
      await server.stop();
      await scripted.close();
      await layout.cleanup();
    });

    async function runProposing(proposal: ChangeProposal): Promise<ParamsOf<typeof runEnded>> {
      const tool = (name: string, input: unknown) => ({ content: [{ type: 'tool_use' as const, name, input }] });
      scripted.enqueue(
        tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }),
        tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }),
        tool('handoff_to_reviewer', { reason: 'ready', contract: 'ChangeProposal', payload: proposal }),
        tool('submit_ReviewVerdict', examples.ReviewVerdict),
        tool('submit_Opinion', { stance: 'support', reason: 'fine' }),
      );
      const { runId } = await server.request(runStart, { task: 'use strict equality in board.ts' });
      return (await server.waitFor(runEnded.method, (params) => (params as { runId: string }).runId === runId)) as ParamsOf<typeof runEnded>;
    }

    it('stores nothing for the link, says why, and still stores a normal proposal of the next run', async () => {
      const refused = await runProposing({ ...goodProposal, files: [...proposalFor(hostile.linkOut).files] });
      assert.equal(refused.result.status, 'completed');
      assert.deepEqual(refused.proposalIds, []);
      const problems = server.notifications(sessionProblem).map((problem) => problem.message);
      assert.ok(
        problems.some((message) => message.includes(`run ${refused.result.runId} was not stored`) && message.includes('"link/secret.txt" is outside the workspace')),
        problems.join('\n'),
      );
      assert.deepEqual((await server.request(proposalsList, {})).changeSets, []);
      assert.deepEqual(await fs.readdir(proposalsFolder(layout.workspace)).catch(() => []), []);

      const stored = await runProposing(goodProposal);
      assert.equal(stored.proposalIds.length, 1);
      const { changeSets } = await server.request(proposalsList, { open: true });
      assert.deepEqual(changeSets.map((record) => [record.summary, record.files.map((file) => file.path)]), [[goodProposal.summary, goodProposal.files.map((file) => file.path)]]);
      assert.equal(await fs.readFile(layout.outsideFile, 'utf8'), `${secret}\n`);
    });
  });
});
