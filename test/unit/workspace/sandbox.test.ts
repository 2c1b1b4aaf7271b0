import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { WorkspaceSandbox, type SandboxResolution } from '../../../src/core/workspace/sandbox';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

describe('the workspace sandbox', () => {
  let w: TempWorkspace;
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('src/board.ts', 'export const board = 1;\n');
  });
  afterEach(() => w.dispose());

  function refusal(outcome: SandboxResolution): string {
    assert.equal(outcome.ok, false, `expected a refusal, got ${JSON.stringify(outcome)}`);
    return outcome.ok ? '' : outcome.reason;
  }

  function allowed(outcome: SandboxResolution): Extract<SandboxResolution, { ok: true }> {
    assert.ok(outcome.ok, `expected the path to be allowed: ${outcome.ok ? '' : outcome.reason}`);
    return outcome;
  }

  describe('refuses paths that escape the workspace', () => {
    it('a parent-directory path, without saying where it resolves', async () => {
      const reason = refusal(await w.sandbox.resolve('../outside/secret.txt'));
      assert.equal(reason, '"../outside/secret.txt" is outside the workspace');
    });

    it('climbing several levels, also from inside a subdirectory', async () => {
      assert.match(refusal(await w.sandbox.resolve('../..')), /"\.\.\/\.\." is outside the workspace/);
      const deep = '../'.repeat(w.ws.split('/').length + 2) + 'etc/passwd';
      assert.equal(refusal(await w.sandbox.resolve(deep)), `${JSON.stringify(deep)} is outside the workspace`);
      assert.match(refusal(await w.sandbox.resolve('src/../../outside/secret.txt')), /outside the workspace/);
    });

    it('an absolute path outside', async () => {
      assert.match(refusal(await w.sandbox.resolve('/etc/passwd')), /"\/etc\/passwd" is outside the workspace/);
    });

    it('a symbolic link inside the workspace that points outside, and paths through it', async () => {
      await fs.symlink(path.join(w.root, 'outside'), path.join(w.ws, 'escape'));
      await fs.symlink(path.join(w.root, 'outside', 'secret.txt'), path.join(w.ws, 'secret-link'));
      // The refusal says a link leads out, never where to: the model must not learn the host's layout.
      assert.equal(refusal(await w.sandbox.resolve('escape/secret.txt')), '"escape/secret.txt" is outside the workspace (a symbolic link along it leads out)');
      assert.match(refusal(await w.sandbox.resolve('secret-link')), /outside the workspace/);
      // A file that does not exist yet, through the link, would be created outside.
      assert.match(refusal(await w.sandbox.resolve('escape/new-file.txt')), /outside the workspace/);
    });

    it('a dangling symbolic link, which a write would follow out of the workspace', async () => {
      await fs.symlink(path.join(w.root, 'outside', 'not-yet.txt'), path.join(w.ws, 'dangling'));
      assert.equal(refusal(await w.sandbox.resolve('dangling')), '"dangling" goes through a symbolic link whose target does not exist (dangling)');
    });

    it('percent-encoded escapes, decoded before resolving', async () => {
      assert.match(refusal(await w.sandbox.resolve('%2e%2e%2foutside%2fsecret.txt')), /outside the workspace/);
      assert.match(refusal(await w.sandbox.resolve('src/%2E%2E/%2e%2e/outside/secret.txt')), /outside the workspace/);
      assert.match(refusal(await w.sandbox.resolve('%252e%252e%252foutside')), /percent-encoded more than once/);
      assert.match(refusal(await w.sandbox.resolve('%E0%A4%A')), /malformed percent-encoding/);
    });

    it('file:// URIs outside, and URIs of other schemes or hosts', async () => {
      assert.equal(refusal(await w.sandbox.resolve('file:///etc/passwd')), '"file:///etc/passwd" is outside the workspace');
      assert.match(refusal(await w.sandbox.resolve('file://evil.example/etc/passwd')), /names a host \(evil\.example\)/);
      assert.match(refusal(await w.sandbox.resolve('https://example.com/x')), /is a https: URI/);
    });

    it('a sibling folder whose name starts with the workspace folder name', async () => {
      assert.match(refusal(await w.sandbox.resolve(path.join(w.root, 'ws-evil', 'secret.txt'))), /outside the workspace/);
      assert.match(refusal(await w.sandbox.resolve('../ws-evil/secret.txt')), /outside the workspace/);
    });

    it('NUL bytes, raw or encoded', async () => {
      assert.match(refusal(await w.sandbox.resolve('src/board.ts\0.png')), /contains a NUL byte/);
      assert.match(refusal(await w.sandbox.resolve('src/board.ts%00.png')), /contains a NUL byte/);
    });
  });

  describe('allows paths inside the workspace', () => {
    it('a nested relative path, with its real path and posix relative path', async () => {
      const outcome = allowed(await w.sandbox.resolve('src/board.ts'));
      assert.deepEqual(outcome, { ok: true, path: path.join(w.ws, 'src', 'board.ts'), folder: w.ws, relative: 'src/board.ts' });
    });

    it('an absolute path inside, a file:// URI inside, and the folder itself', async () => {
      assert.equal(allowed(await w.sandbox.resolve(path.join(w.ws, 'src/board.ts'))).relative, 'src/board.ts');
      assert.equal(allowed(await w.sandbox.resolve(`file://${w.ws}/src/board.ts`)).relative, 'src/board.ts');
      assert.equal(allowed(await w.sandbox.resolve('.')).relative, '.');
      assert.equal(allowed(await w.sandbox.resolve('src/..')).relative, '.');
    });

    it('a symbolic link pointing inside, reported at its real path', async () => {
      await fs.symlink(path.join(w.ws, 'src'), path.join(w.ws, 'alias'));
      const outcome = allowed(await w.sandbox.resolve('alias/board.ts'));
      assert.equal(outcome.path, path.join(w.ws, 'src', 'board.ts'));
      assert.equal(outcome.relative, 'src/board.ts');
    });

    it('a file that does not exist yet', async () => {
      const outcome = allowed(await w.sandbox.resolve('src/new/deeper/file.ts'));
      assert.equal(outcome.path, path.join(w.ws, 'src/new/deeper/file.ts'));
      assert.equal(outcome.relative, 'src/new/deeper/file.ts');
    });

    it('an encoded space in a name', async () => {
      assert.equal(allowed(await w.sandbox.resolve('src/my%20file.ts')).relative, 'src/my file.ts');
    });
  });

  it('records every refusal, in order, and nothing for allowed paths', async () => {
    await w.sandbox.resolve('src/board.ts');
    await w.sandbox.resolve('../outside/secret.txt');
    await w.sandbox.resolve('/etc/passwd');
    assert.deepEqual(
      w.sandbox.refusals.map((r) => r.requested),
      ['../outside/secret.txt', '/etc/passwd'],
    );
    assert.match(w.sandbox.refusals[1]?.reason ?? '', /outside the workspace/);
  });

  it('resolves folder-name prefixes in a multi-root workspace and shows paths that way', async () => {
    const api = path.join(w.root, 'api');
    await fs.mkdir(api);
    await fs.writeFile(path.join(api, 'server.ts'), '');
    const sandbox = await WorkspaceSandbox.create([w.ws, api], nodeWorkspaceFiles);
    const inApi = allowed(await sandbox.resolve('api/server.ts'));
    assert.equal(inApi.folder, api);
    assert.equal(sandbox.displayPath(inApi), 'api/server.ts');
    const inWs = allowed(await sandbox.resolve('src/board.ts'));
    assert.equal(sandbox.displayPath(inWs), 'ws/src/board.ts');
    assert.equal(allowed(await sandbox.resolve('ws/src/board.ts')).path, inWs.path);
    assert.match(refusal(await sandbox.resolve('../outside/secret.txt')), /outside the workspace/);
  });

  it('scrubs absolute paths from text meant for the model: workspace paths stay, others become <outside the workspace>', () => {
    const inside = path.join(w.ws, 'src', 'board.ts');
    assert.equal(w.sandbox.scrub(`EACCES: permission denied, open '${inside}'`), "EACCES: permission denied, open 'src/board.ts'");
    assert.equal(w.sandbox.scrub(`File '${path.join(w.root, 'outside', 'secret.txt')}' not found.`), "File '<outside the workspace>' not found.");
    assert.equal(w.sandbox.scrub('see src/board.ts and https://example.com/docs'), 'see src/board.ts and https://example.com/docs');
  });

  it('refuses everything when no folder is open', async () => {
    const empty = await WorkspaceSandbox.create([], nodeWorkspaceFiles);
    assert.match(refusal(await empty.resolve('src/board.ts')), /no workspace folder is open/);
  });
});
