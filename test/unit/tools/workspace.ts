/** A real temporary workspace for the tool tests: a folder `ws`, with neighbours outside it. */
import { promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { nodeWorkspaceFiles } from '../../../src/core/host/nodeFiles';
import type { CommandPolicy } from '../../../src/core/tools/commandPolicy';
import { WorkspaceSandbox } from '../../../src/core/workspace/sandbox';
import type { ToolContext } from '../../../src/core/tools/tool';

export interface TempWorkspace {
  /** Real path of the temporary directory holding `ws`, `outside` and `ws-evil`. */
  readonly root: string;
  /** Real path of the workspace folder. */
  readonly ws: string;
  readonly sandbox: WorkspaceSandbox;
  /** Writes a file relative to the workspace folder, creating directories. */
  write(relative: string, text: string): Promise<string>;
  /** A tool context over this workspace: trusted, empty allowlist, unless overridden. */
  context(overrides?: Partial<ToolContext> & { commands?: CommandPolicy }): ToolContext;
  dispose(): Promise<void>;
}

/** Creates `<tmp>/ws` (the workspace), `<tmp>/outside/secret.txt` and `<tmp>/ws-evil/secret.txt`. */
export async function makeWorkspace(): Promise<TempWorkspace> {
  const root = await fs.realpath(await fs.mkdtemp(path.join(os.tmpdir(), 'nova-tools-')));
  const ws = path.join(root, 'ws');
  await fs.mkdir(ws);
  for (const neighbour of ['outside', 'ws-evil']) {
    await fs.mkdir(path.join(root, neighbour));
    await fs.writeFile(path.join(root, neighbour, 'secret.txt'), 'secret\n');
  }
  const sandbox = await WorkspaceSandbox.create([ws], nodeWorkspaceFiles);
  return {
    root,
    ws,
    sandbox,
    async write(relative, text) {
      const file = path.join(ws, relative);
      await fs.mkdir(path.dirname(file), { recursive: true });
      await fs.writeFile(file, text);
      return file;
    },
    context(overrides = {}) {
      return {
        agent: 'tester',
        sandbox,
        commands: { allowlist: [] },
        trusted: true,
        signal: new AbortController().signal,
        ...overrides,
      };
    },
    dispose: () => fs.rm(root, { recursive: true, force: true }),
  };
}
