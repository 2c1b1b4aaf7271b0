/**
 * The path forms a model actually sends, and the workspace shapes a person actually opens, each
 * checked by the file it reaches: a path that resolves "somewhere inside" but to the wrong file is
 * the bug a person would hit (issue 18 found these untested).
 */
import * as assert from 'node:assert/strict';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { CheckedRead, WorkspaceFiles } from '../../../src/core/host';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import { WorkspaceSandbox, type SandboxResolution } from '../../../src/core/workspace/sandbox';
import { makeWorkspace, type TempWorkspace } from '../tools/workspace';

describe('the workspace sandbox: path forms and workspace shapes', () => {
  let w: TempWorkspace;
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('src/board.ts', 'export const board = 1;\n');
  });
  afterEach(() => w.dispose());

  function allowed(outcome: SandboxResolution): Extract<SandboxResolution, { ok: true }> {
    assert.ok(outcome.ok, `expected the path to be allowed: ${outcome.ok ? '' : outcome.reason}`);
    return outcome;
  }

  async function textAt(sandbox: WorkspaceSandbox, requested: string): Promise<string> {
    const read = await sandbox.readFile(requested, 1000);
    assert.ok(read.ok, `expected ${requested} to be read: ${read.ok ? '' : read.reason}`);
    return read.text;
  }

  it('in a single-root workspace, a first segment named like the folder is a subfolder, not the folder', async () => {
    await w.write('notes.md', 'top\n');
    await w.write('ws/notes.md', 'inner\n');
    assert.equal(await textAt(w.sandbox, 'ws/notes.md'), 'inner\n');
    assert.equal(allowed(await w.sandbox.resolve('ws/notes.md')).relative, 'ws/notes.md');
    // Shown without the folder's name, so what the model is shown resolves back to the same file.
    assert.equal(w.sandbox.show(path.join(w.ws, 'ws', 'notes.md')), 'ws/notes.md');
  });

  it('in a multi-root workspace, a first segment naming no folder resolves in the first folder', async () => {
    const api = path.join(w.root, 'api');
    await fs.mkdir(api);
    await fs.writeFile(path.join(api, 'board.ts'), 'api\n');
    const sandbox = await WorkspaceSandbox.create([w.ws, api], nodeWorkspaceFiles);
    assert.equal(await textAt(sandbox, 'src/board.ts'), 'export const board = 1;\n');
    assert.equal(await textAt(sandbox, 'api/board.ts'), 'api\n');
    assert.deepEqual(allowed(await sandbox.resolve('api')), { ok: true, path: api, folder: api, relative: '.' });
    assert.equal(sandbox.displayPath({ folder: api, relative: '.' }), 'api');
  });

  it('with nested workspace folders, the innermost folder owns a file, whatever the folders’ order', async () => {
    const inner = path.join(w.ws, 'packages', 'api');
    await fs.mkdir(inner, { recursive: true });
    await fs.writeFile(path.join(inner, 'server.ts'), 'server\n');
    for (const folders of [
      [w.ws, inner],
      [inner, w.ws],
    ]) {
      const sandbox = await WorkspaceSandbox.create(folders, nodeWorkspaceFiles);
      const outcome = allowed(await sandbox.resolve(path.join(inner, 'server.ts')));
      assert.deepEqual({ folder: outcome.folder, relative: outcome.relative }, { folder: inner, relative: 'server.ts' });
      assert.equal(sandbox.show(outcome.path), 'api/server.ts');
      assert.deepEqual(sandbox.locate(path.join(w.ws, 'src', 'board.ts')), { folder: w.ws, relative: 'src/board.ts' });
    }
  });

  it('file URIs with localhost, in upper case, and with one slash reach the same file', async () => {
    const file = path.join(w.ws, 'src', 'board.ts');
    for (const uri of [`file://localhost${file}`, `file://LOCALHOST${file}`, `FILE://${file}`, `File://${file}`, `file:${file}`]) {
      assert.deepEqual(allowed(await w.sandbox.resolve(uri)), { ok: true, path: file, folder: w.ws, relative: 'src/board.ts' }, uri);
    }
    // The host alone is the file system's root, which is outside.
    assert.deepEqual(await w.sandbox.resolve('file://localhost'), { ok: false, reason: '"file://localhost" is outside the workspace' });
  });

  it('a file URI naming a host alone is refused, naming the host', async () => {
    const outcome = await w.sandbox.resolve('file://fileserver');
    assert.deepEqual(outcome, { ok: false, reason: '"file://fileserver" names a host (fileserver); only local file:// URIs are accepted' });
  });

  it('surrounding whitespace, as a model pads a path, is not part of the name', async () => {
    assert.equal(await textAt(w.sandbox, '  src/board.ts \n'), 'export const board = 1;\n');
    assert.equal(allowed(await w.sandbox.resolve('\tsrc/board.ts')).relative, 'src/board.ts');
  });

  it('a relative path with a colon in it is a name, not a URI scheme', async () => {
    await w.write('notes:v2/a.md', 'v2\n');
    assert.equal(await textAt(w.sandbox, 'notes:v2/a.md'), 'v2\n');
    assert.equal(allowed(await w.sandbox.resolve('notes:v2/a.md')).relative, 'notes:v2/a.md');
    // Two slashes after the colon make it a URI of another scheme, which is refused.
    assert.deepEqual(await w.sandbox.resolve('notes://v2/a.md'), { ok: false, reason: '"notes://v2/a.md" is a notes: URI; only workspace paths and file:// URIs are accepted' });
  });

  it('an empty path, or only whitespace, is the workspace folder itself', async () => {
    assert.equal(allowed(await w.sandbox.resolve('')).path, w.ws);
    assert.equal(allowed(await w.sandbox.resolve('   ')).relative, '.');
  });

  it('an empty path is the first folder even when a later folder is the file-system root, whose name is empty', async () => {
    // path.basename('/') is '', the same as an empty path's first segment: the root must not claim it.
    const sandbox = await WorkspaceSandbox.create([w.ws, path.parse(w.ws).root], nodeWorkspaceFiles);
    assert.deepEqual(allowed(await sandbox.resolve('')), { ok: true, path: w.ws, folder: w.ws, relative: '.' });
    assert.deepEqual(allowed(await sandbox.resolve('  ')), { ok: true, path: w.ws, folder: w.ws, relative: '.' });
  });

  it('a path on a volume whose root does not exist is refused as outside; the walk up to an existing ancestor stops at the root', async () => {
    // As Z:\x on Windows with no drive Z: here nothing outside the temporary folder exists, not even
    // the root. Each step of the walk asks for a real path; a walk that passed the root would never end.
    const asked: string[] = [];
    const noRoot: WorkspaceFiles = {
      ...nodeWorkspaceFiles,
      realPath: async (at) => {
        asked.push(at);
        if (asked.length > 100) throw new Error('the walk went on past the root');
        return at === w.root || at.startsWith(`${w.root}${path.sep}`) ? nodeWorkspaceFiles.realPath(at) : undefined;
      },
    };
    const sandbox = await WorkspaceSandbox.create([w.ws], noRoot);
    asked.length = 0;
    const outside = path.join(path.parse(w.root).root, 'volume', 'x.ts');
    assert.deepEqual(await sandbox.resolve(outside), { ok: false, reason: `${JSON.stringify(outside)} is outside the workspace` });
    assert.deepEqual(asked, [outside, path.dirname(outside), path.parse(w.root).root]);
    // Inside the workspace the walk stops at the nearest existing ancestor, as before.
    assert.equal(allowed(await sandbox.resolve('src/new/file.ts')).relative, 'src/new/file.ts');
  });

  it('a workspace folder that does not exist is an error naming it, not an empty workspace', async () => {
    const missing = path.join(w.root, 'gone');
    await assert.rejects(WorkspaceSandbox.create([w.ws, missing], nodeWorkspaceFiles), { message: `Workspace folder ${missing} does not exist.` });
  });

  it('workspace folders are kept as their real paths, in order', async () => {
    await fs.symlink(w.ws, path.join(w.root, 'ws-link'));
    const sandbox = await WorkspaceSandbox.create([path.join(w.root, 'ws-link'), path.join(w.root, 'outside')], nodeWorkspaceFiles);
    assert.deepEqual(sandbox.folders, [w.ws, path.join(w.root, 'outside')]);
  });

  it('the folder’s parent, and a path under a file, are told apart from the workspace', async () => {
    assert.deepEqual(await w.sandbox.resolve('..'), { ok: false, reason: '".." is outside the workspace' });
    assert.equal(w.sandbox.locate(w.root), undefined);
    // Under a file is not "through a dangling link": the write fails later, naming no link.
    assert.equal(allowed(await w.sandbox.resolve('src/board.ts/child')).relative, 'src/board.ts/child');
  });

  it('a new file beside a symbolic link that stays inside is allowed (only the missing piece itself may be a link)', async () => {
    await fs.symlink(path.join(w.ws, 'src'), path.join(w.ws, 'alias'));
    assert.equal(allowed(await w.sandbox.resolve('new-file.ts')).relative, 'new-file.ts');
  });

  it('a colon or a "file:" inside a relative path is part of a name', async () => {
    await w.write('docs/file:notes.md', 'notes\n');
    assert.equal(await textAt(w.sandbox, 'docs/file:notes.md'), 'notes\n');
  });

  it('a percent sign left after decoding once, not followed by two hex digits, is a literal percent', async () => {
    await w.write('a%Fz.md', 'literal\n');
    assert.equal(await textAt(w.sandbox, 'a%25Fz.md'), 'literal\n');
  });

  it('a Windows path in a message is scrubbed whole', () => {
    assert.equal(w.sandbox.scrub('cannot open C:\\Users\\me\\secret.txt: denied'), 'cannot open <outside the workspace> denied');
  });

  it('reads that fail say why, naming the file as tools show it; only a swapped file is a refusal', async () => {
    await w.write('big.txt', 'x'.repeat(50));
    assert.deepEqual(await w.sandbox.readFile('nope.ts', 100), { ok: false, problem: 'missing', reason: 'nope.ts does not exist' });
    assert.deepEqual(await w.sandbox.readFile('src', 100), { ok: false, problem: 'directory', reason: 'src is a directory' });
    assert.deepEqual(await w.sandbox.readFile('big.txt', 10), { ok: false, problem: 'too-large', reason: 'big.txt is too large to read (50 bytes; the limit is 10)', size: 50 });
    assert.deepEqual(w.sandbox.refusals, []);
  });

  /** The node host's files, with reads and real paths failing as a host may. */
  const failing = (read: CheckedRead, realPathError?: NodeJS.ErrnoException | Error): WorkspaceFiles => ({
    ...nodeWorkspaceFiles,
    readText: async () => read,
    realPath: async (at) => {
      if (realPathError && at.includes('locked')) throw realPathError;
      return nodeWorkspaceFiles.realPath(at);
    },
  });

  it('a file that is not regular, or too large by a size the host could not tell, is named in the reason', async () => {
    const other = await WorkspaceSandbox.create([w.ws], failing({ ok: false, problem: 'other' }));
    assert.deepEqual(await other.readFile('src/board.ts', 10), { ok: false, problem: 'other', reason: 'src/board.ts is not a regular file (FIFOs, devices and sockets are never read)' });
    const large = await WorkspaceSandbox.create([w.ws], failing({ ok: false, problem: 'too-large' }));
    assert.deepEqual(await large.readFile('src/board.ts', 10), { ok: false, problem: 'too-large', reason: 'src/board.ts is too large to read (more than 10 bytes; the limit is 10)' });
  });

  it('a path that cannot be resolved says why in words, never with the host’s paths', async () => {
    const words: [NodeJS.ErrnoException | Error, string][] = [
      [Object.assign(new Error(`ELOOP ${w.ws}`), { code: 'ELOOP' }), 'too many levels of symbolic links'],
      [Object.assign(new Error(`EACCES ${w.ws}`), { code: 'EACCES' }), 'permission denied'],
      [Object.assign(new Error(`EPERM ${w.ws}`), { code: 'EPERM' }), 'permission denied'],
      [Object.assign(new Error(`EIO ${w.ws}`), { code: 'EIO' }), 'EIO'],
      [new Error(`odd ${w.ws}`), 'it could not be read'],
    ];
    for (const [error, said] of words) {
      const sandbox = await WorkspaceSandbox.create([w.ws], failing({ ok: false, problem: 'missing' }, error));
      assert.deepEqual(await sandbox.resolve('locked/a.ts'), { ok: false, reason: `"locked/a.ts" cannot be resolved (${said})` });
    }
  });
});
