/**
 * The server's connection in stdio mode (`--stdio`, how editors other than VS Code start it): LSP
 * framing read by Nova's strict reader, so a client that breaks the framing gets a log line on
 * stderr and a prompt exit instead of a server that silently waits forever. Everything the process
 * logs goes to the client's log, never to stdout, which carries the protocol.
 */
import { format } from 'node:util';
import { createConnection, ProposedFeatures, StreamMessageWriter, type Connection, type ResponseMessage } from 'vscode-languageserver/node';
import { FramedMessageReader, FramingError, MalformedMessage, partialMessageReportMs } from './framing';

/** One line on stderr, where an editor's LSP log (Neovim's lsp.log, for one) picks it up. */
function logLine(text: string): void {
  process.stderr.write(`Nova language server: ${text}\n`);
}

/** The connection over stdin/stdout, with the process's exit tied to what the reader finds. */
export function createStdioConnection(): Connection {
  const reader = new FramedMessageReader(process.stdin);
  const writer = new StreamMessageWriter(process.stdout);
  const connection = createConnection(ProposedFeatures.all, reader, writer);
  // The error answers already written, so a client whose next bytes break the framing still receives them.
  let answered: Promise<void> = Promise.resolve();

  reader.onError((error) => {
    if (error instanceof MalformedMessage) {
      logLine(`a message from the client is malformed: ${error.message}; answered with JSON-RPC error ${error.code}, still serving.`);
      const answer: ResponseMessage = { jsonrpc: '2.0', id: null, error: { code: error.code, message: `Nova: ${error.message}` } };
      answered = answered.then(() => writer.write(answer)).catch(() => undefined);
      return;
    }
    const what = error instanceof FramingError ? 'the client broke LSP framing' : 'the client’s input failed';
    logLine(`${what}: ${error.message}; exiting.`);
    // Exit once the answers already owed are written, or after 1 s if a client that stopped reading blocks them.
    setTimeout(() => process.exit(1), 1_000);
    void answered.then(() => process.exit(1));
  });
  // LSP: a server whose input ends exits with 0 after `shutdown`, 1 otherwise.
  reader.onClose(() => void answered.then(() => process.exit(reader.shutdownRequested ? 0 : 1)));
  reader.onPartialMessage(() => logLine(`waiting for the rest of a message (${reader.describeWait()}): nothing arrived for ${partialMessageReportMs / 1000} s.`));
  routeConsole(connection);
  return connection;
}

/** What vscode-languageserver does for its own stdio mode: console output goes to the client's log, never into stdout. */
function routeConsole(connection: Connection): void {
  console.log = (...args: unknown[]) => connection.console.log(format(...args));
  console.info = (...args: unknown[]) => connection.console.info(format(...args));
  console.debug = (...args: unknown[]) => connection.console.log(format(...args));
  console.warn = (...args: unknown[]) => connection.console.warn(format(...args));
  console.error = (...args: unknown[]) => connection.console.error(format(...args));
  console.dir = (item: unknown) => connection.console.log(format('%O', item));
}
