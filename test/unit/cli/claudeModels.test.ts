/**
 * With a key: a `.claude/agents` file's `model: sonnet` reaches the Messages API as the id Nova's
 * model table names, and `--model` beats every file — asserted on the requests the scripted
 * server received from the real bundle (dist/cli.js) through the real SDK.
 */
import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { modelAliases } from '../../../src/core/model/aliases';
import { ServerSession } from '../../../src/server/session';
import { startScriptedServer, type ScriptedServer } from '../../support/anthropicServer';
import { cliBundle, runNova } from '../../support/cli';
import { examples } from '../../support/payloads';
import { tempWorkspace } from '../../support/team';

const explainer = '---\nname: code-explainer\ndescription: Explains code.\ntools: Read, Grep\nmodel: sonnet\n---\nYou explain code, citing lines.\n';

describe('Claude Code agents with a key: model names', function () {
  this.timeout(90_000);
  const key = 'sk-ant-models-SECRET-51';
  let server: ScriptedServer;
  let workspace: Awaited<ReturnType<typeof tempWorkspace>>;
  before(function () {
    if (!existsSync(cliBundle)) throw new Error(`${cliBundle} is missing: run \`npm run build\` before the unit tests`);
  });
  beforeEach(async () => {
    server = await startScriptedServer({ apiKey: key });
    workspace = await tempWorkspace({ '.claude/agents/code-explainer.md': explainer, 'src/board.ts': 'export const board = 1;\n' });
  });
  afterEach(async () => {
    await server.close();
    await workspace.cleanup();
  });

  const modelsSent = () => server.requests.filter((request) => request.path === '/v1/messages').map((request) => (request.body as { model?: unknown }).model);

  async function explain(extra: readonly string[]) {
    server.enqueue({ content: [{ type: 'tool_use', name: 'submit_Answer', input: examples.Answer }] });
    return runNova(['run', '--workspace', workspace.folder, '--agent', 'code-explainer', ...extra, 'what is board.ts?'], { ANTHROPIC_API_KEY: key, ANTHROPIC_BASE_URL: server.baseURL });
  }

  it('sends model: sonnet as the mapped id', async () => {
    const ran = await explain([]);
    assert.equal(ran.code, 0, ran.stderr + ran.stdout);
    assert.deepEqual(modelsSent(), [modelAliases.sonnet]);
    assert.equal(modelAliases.sonnet, 'claude-sonnet-5-5');
  });

  it('--model overrides the file’s model (an alias maps there too), and says so on the Model: line', async () => {
    const ran = await explain(['--model', 'opus']);
    assert.equal(ran.code, 0, ran.stderr + ran.stdout);
    assert.deepEqual(modelsSent(), ['claude-opus-5-5']);
    assert.match(ran.stdout, /Model: Claude \(claude-opus-5-5, for every agent\)/);

    const byId = await explain(['--model', 'claude-haiku-4-5-20251001']);
    assert.equal(byId.code, 0, byId.stderr + byId.stdout);
    assert.deepEqual(modelsSent(), ['claude-opus-5-5', 'claude-haiku-4-5-20251001']);
  });

  it('nova agents shows the file’s mapped model, tools and provenance, and --model in its place', async () => {
    const listed = await runNova(['agents', '--workspace', workspace.folder]);
    assert.equal(listed.code, 0, listed.stdout);
    assert.match(listed.stdout, /^code-explainer\s+specialist\s+—\s+claude \.claude\/agents\/code-explainer\.md\n {4}tools: read_file, search_text · model: claude-sonnet-5-5 \(its file\)$/m);
    assert.match(listed.stdout, /^concierge\s+front-door[^\n]*\n {4}tools: read_file, list_files, search_text, typescript_symbols · model: claude-sonnet-5-5 \(the team's default\)$/m);
    const overridden = await runNova(['agents', '--workspace', workspace.folder, '--model', 'haiku']);
    assert.match(overridden.stdout, /^code-explainer[^\n]*\n {4}tools: read_file, search_text · model: claude-haiku-5-5 \(--model, for every agent\)$/m);
  });

  it('the server’s configured model (nova/session.configure) overrides every agent too', () => {
    const session = new ServerSession();
    session.configure({ provider: 'anthropic', apiKey: key, model: 'opus', trusted: true, commandAllowlist: [] });
    assert.equal(session.model.override, 'claude-opus-5-5');
    session.configure({ provider: 'anthropic', apiKey: key, trusted: true, commandAllowlist: [] });
    assert.equal(session.model.override, undefined, 'no model configured: each agent’s file decides');
  });
});
