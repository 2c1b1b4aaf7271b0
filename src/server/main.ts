/**
 * Entry point of dist/server.js. VS Code's client starts it with `--node-ipc`; any other LSP client
 * can run `node dist/server.js --stdio`. The API key is never read from the environment or argv:
 * a client sends it with `nova/session.configure` after the server started.
 *
 * This file stays small so `initialize` is answered at once: the core (TypeScript, the agents, the
 * Anthropic SDK — megabytes of code) is a second bundle, loaded when the client says `initialized`.
 * LSP clients send nothing else before that, so no message can arrive before its handler exists.
 */
import { createConnection, ProposedFeatures, ResponseError, type InitializeParams } from 'vscode-languageserver/node';
import { join } from 'node:path';
import { version } from '../../package.json';
import { novaCapabilities } from './capabilities';
import { requireCompiled } from './compileCache';
import { collectStartupGarbage } from './startupMemory';
import { createStdioConnection } from './stdio';

const transports = ['--stdio', '--node-ipc', '--socket=', '--pipe='];
const args = process.argv.slice(2);

if (args.includes('--help') || !args.some((arg) => transports.some((transport) => arg.startsWith(transport)))) {
  const usage = [
    'Nova language server: review diagnostics and code actions for TypeScript, plus Nova\'s agent runs.',
    'Usage: node dist/server.js --stdio        (any LSP client, e.g. Neovim)',
    '       node dist/server.js --node-ipc     (VS Code\'s client)',
    '       node dist/server.js --socket=PORT | --pipe=NAME',
  ];
  process.stderr.write(`${usage.join('\n')}\n`);
  process.exit(args.includes('--help') ? 0 : 2);
}

// The key arrives in a request; a copy inherited from a shell must not reach agents' commands either.
for (const name of ['ANTHROPIC_API_KEY', 'ANTHROPIC_AUTH_TOKEN']) delete process.env[name];

// stdio is framed by Nova's strict reader (src/server/framing.ts); the other transports by vscode-languageserver.
const connection = args.includes('--stdio') ? createStdioConnection() : createConnection(ProposedFeatures.all);
let initializeParams: InitializeParams | undefined;

connection.onInitialize((params) => {
  initializeParams = params;
  return { capabilities: novaCapabilities, serverInfo: { name: 'Nova', version } };
});

connection.onInitialized(() => {
  if (!initializeParams) return;
  // Left outside the bundle on purpose (tools/bundle.ts): dist/novaServer.js, or out/src/server/novaServer.js.
  // Loaded from its code cache: compiled, a megabyte of code leaves memory behind (compileCache.ts).
  const core = requireCompiled(join(__dirname, 'novaServer.js')) as typeof import('./novaServer');
  // The core bundles its own vscode-jsonrpc: it must answer errors with this connection's ResponseError.
  core.attachNova(connection, initializeParams, version, ResponseError);
  // Once the messages already queued (the client's first requests) are handled.
  setImmediate(collectStartupGarbage);
});

connection.listen();
