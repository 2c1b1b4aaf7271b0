/**
 * `npm start`: Nova in a real VS Code in the browser. Provisions code-server (once), installs the
 * freshly packaged Nova into it, opens a copy of the sample project, and prints the URL. Ctrl-C stops
 * the server and every process it started.
 *
 * NOVA_PORT picks the port (default 8080; 0 for any free one). NOVA_START_DIR keeps the session's
 * state elsewhere than .vscode-test/start (the sample copy there survives restarts).
 */
import { join } from 'node:path';
import { cacheDir, vsixPath } from './paths';
import { startVSCodeSession } from './vscode-session';

async function main(): Promise<void> {
  const port = Number(process.env.NOVA_PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`NOVA_PORT must be a port number, not '${process.env.NOVA_PORT}'`);
  const stateDir = process.env.NOVA_START_DIR ?? join(cacheDir, 'start');
  const session = await startVSCodeSession({ nova: { vsix: vsixPath }, stateDir, port });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`\nNova: ${signal} — stopping VS Code…`);
    await session.dispose();
    console.log('Nova: stopped.');
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('Ctrl-C'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  void session.server.exited.then(() => {
    if (stopping) return;
    console.error(`Nova: VS Code stopped unexpectedly; its log: ${session.server.logFile}`);
    process.exit(1);
  });

  console.log(
    [
      '',
      'Nova is running in VS Code (offline mode).',
      `  Open:       ${session.workbenchUrl()}`,
      `  Workspace:  ${session.workspace} (a copy of sample/, kept between starts)`,
      '  Then click the Nova icon in the activity bar. Press Ctrl-C here to stop.',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
