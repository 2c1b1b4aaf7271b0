import * as assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import * as path from 'node:path';
import { z } from 'zod';
import { readFileTool } from '../../../src/core/tools/readFile';
import { createWorkspaceTools, ToolRegistry } from '../../../src/core/tools/registry';
import type { Tool } from '../../../src/core/tools/tool';
import { makeWorkspace, type TempWorkspace } from './workspace';

describe('the tool registry', () => {
  let w: TempWorkspace;
  const tools = createWorkspaceTools();
  beforeEach(async () => {
    w = await makeWorkspace();
    await w.write('README.md', '# Hello\n');
  });
  afterEach(() => w.dispose());

  it('offers the workspace tools with JSON Schemas of their input', () => {
    assert.deepEqual(tools.names(), ['read_file', 'list_files', 'search_text', 'run_command', 'typescript_check', 'typescript_fixes', 'typescript_symbols', 'review_analyzers']);
    const read = tools.definition('read_file');
    assert.equal(read.name, 'read_file');
    assert.match(read.description, /data from the workspace/);
    assert.equal(read.inputSchema['$schema'], undefined);
    assert.deepEqual(read.inputSchema['required'], ['path']);
    assert.equal(read.inputSchema['additionalProperties'], false);
    // Fields with defaults are optional to the model.
    assert.deepEqual(tools.definition('list_files').inputSchema['required'] ?? [], []);
    assert.equal(tools.definition('read_file'), read, 'definitions are cached');
    assert.throws(() => tools.definition('nope'), /No tool is named nope/);
  });

  it('refuses an unknown tool, naming the ones that exist', async () => {
    const outcome = await tools.invoke('delete_everything', {}, w.context());
    assert.equal(outcome.status, 'refused');
    assert.match(outcome.output, /no tool named delete_everything.*read_file, list_files/);
  });

  it('reports invalid input field by field, so a model can fix its call', async () => {
    const outcome = await tools.invoke('read_file', { path: 42, startLine: 0, start_line: 3 }, w.context());
    assert.equal(outcome.status, 'error');
    assert.match(outcome.output, /^Invalid input for read_file/);
    assert.match(outcome.output, /^- path: .*expected string/m);
    assert.match(outcome.output, /^- startLine: .*>=1/m);
    assert.match(outcome.output, /^- \(input\): Unrecognized key: "start_line"/m);
  });

  it('in Restricted Mode refuses tools that execute or write, and still runs read tools', async () => {
    const untrusted = w.context({ trusted: false, commands: { allowlist: ['touch made-by-agent'] } });
    const run = await tools.invoke('run_command', { command: 'touch made-by-agent' }, untrusted);
    assert.equal(run.status, 'refused');
    assert.match(run.output, /Restricted Mode.*review/);
    assert.equal(existsSync(path.join(w.ws, 'made-by-agent')), false);

    let wrote = false;
    const writer: Tool<{ path: string }> = {
      name: 'write_file',
      description: 'test',
      effect: 'write',
      input: z.object({ path: z.string() }),
      run: () => ((wrote = true), Promise.resolve({ status: 'ok', output: 'written' })),
    };
    const write = await new ToolRegistry([writer]).invoke('write_file', { path: 'x' }, untrusted);
    assert.equal(write.status, 'refused');
    assert.match(write.output, /Restricted Mode.*change files/);
    assert.equal(wrote, false);

    const read = await tools.invoke('read_file', { path: 'README.md' }, untrusted);
    assert.equal(read.status, 'ok');
    assert.match(read.output, /# Hello/);
  });

  it('turns a thrown exception into an error and an aborted signal into "cancelled"', async () => {
    const failing: Tool<Record<string, never>> = {
      name: 'boom',
      description: 'test',
      effect: 'read',
      input: z.object({}),
      run: () => Promise.reject(new Error('disk on fire')),
    };
    const registry = new ToolRegistry([failing]);
    assert.deepEqual(await registry.invoke('boom', {}, w.context()), { status: 'error', output: 'boom failed: disk on fire' });
    const controller = new AbortController();
    controller.abort();
    assert.deepEqual(await registry.invoke('boom', {}, w.context({ signal: controller.signal })), { status: 'error', output: 'cancelled' });
  });

  it('rejects two tools with the same name', () => {
    assert.throws(() => new ToolRegistry([readFileTool, readFileTool]), /Two tools are named read_file/);
  });
});
