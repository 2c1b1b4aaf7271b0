import type { ServerCapabilities } from 'vscode-languageserver/node';
import { proposeFixCommand } from '../protocol/commands';

/**
 * What the Nova server offers any LSP client: synced documents (incremental), review findings as
 * pushed diagnostics, quick fixes that create proposals through `nova.proposeFix`, and folders.
 */
export const novaCapabilities: ServerCapabilities = {
  textDocumentSync: 2, // TextDocumentSyncKind.Incremental
  codeActionProvider: { codeActionKinds: ['quickfix'], resolveProvider: false },
  executeCommandProvider: { commands: [proposeFixCommand] },
  workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
};
