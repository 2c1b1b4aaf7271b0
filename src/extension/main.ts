import * as vscode from 'vscode';
import type { StoredProposal } from '../protocol/proposals';
import { registerApiKeyCommand } from './apiKey';
import { registerCommands } from './commands';
import { commandIds } from './contributions';
import { registerProposals } from './proposals/view';
import { registerReviewCommand } from './review';
import { registerRunsView } from './runsView';
import { LazyServer } from './lazyServer';
import { registerViews } from './views';

/** What Nova offers other extensions (and its own tests in a real VS Code). */
export interface NovaApi {
  /** The language server's process id; starts the server if no feature has yet. */
  serverProcessId(): Promise<number>;
  /** The pending proposals the Proposals view lists. */
  pendingProposals(): Promise<readonly StoredProposal[]>;
}

let server: LazyServer | undefined;

/**
 * Nova's entry point. VS Code calls it only when a Nova view or command is first used (package.json
 * declares no startup activation), and it starts nothing heavy: the language server starts when a
 * feature first needs it. Each feature registers itself through its own `registerX`.
 */
export function activate(context: vscode.ExtensionContext): NovaApi {
  const log = vscode.window.createOutputChannel('Nova', { log: true });
  context.subscriptions.push(log);
  server = new LazyServer(context, log);
  const running = server;
  context.subscriptions.push(running);
  registerViews(context);
  registerCommands(context, log);
  registerApiKeyCommand(context, log);
  registerReviewCommand(context, running, log);
  registerRunsView(context, running, log);
  const proposals = registerProposals(context, running, log);
  context.subscriptions.push(vscode.commands.registerCommand(commandIds.restartServer, () => running.features.restart()));
  log.info(`Nova ${String(context.extension.packageJSON.version)} activated`);
  return {
    serverProcessId: () => running.features.serverProcessId(),
    pendingProposals: () => proposals.proposals(),
  };
}

/** Stops the language server and waits for it to exit, so no process outlives the window. */
export async function deactivate(): Promise<void> {
  await server?.stop();
  server = undefined;
}
