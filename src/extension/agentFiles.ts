/**
 * The person's say over workspace agent files in VS Code: the "Review Workspace Agent Files"
 * command asks about every file the server holds back, and each server start says (without a
 * modal) when some wait, so a cloned repository's agents never take over a decision unasked.
 */
import * as vscode from 'vscode';
import type { AgentsListResult } from '../protocol/agents';
import { modalConsentPrompt, type AgentConsentPrompt } from './agentConsentPrompt';
import { commandIds } from './contributions';
import type { LazyServer } from './lazyServer';

/** What the command and the tests use: the prompt (replaceable by tests) and the review itself. */
export interface AgentFileReview {
  /** Asks about pending files and endpoints (`again`: also those declined in this window). */
  review(again: boolean): Promise<AgentsListResult>;
  /** Replaces the modal with `prompt` (tests); undefined restores the modal. */
  answerWith(prompt: AgentConsentPrompt | undefined): void;
}

export function registerAgentFileReview(context: vscode.ExtensionContext, server: LazyServer, log: vscode.LogOutputChannel): AgentFileReview {
  let prompt: AgentConsentPrompt = modalConsentPrompt;
  const review = (again: boolean) => server.features.reviewAgentFiles((question) => prompt(question), again);
  context.subscriptions.push(
    vscode.commands.registerCommand(commandIds.reviewAgentFiles, async () => {
      try {
        const after = await review(true);
        const workspaceAgents = after.agents.filter((agent) => agent.provenance.origin !== 'shipped');
        const waiting = after.pending.length + after.pendingEndpoints.length;
        void vscode.window.showInformationMessage(
          `Nova: ${workspaceAgents.length} workspace agent${workspaceAgents.length === 1 ? '' : 's'} loaded${workspaceAgents.length ? ` (${workspaceAgents.map((agent) => `${agent.name} from ${agent.provenance.file}`).join(', ')})` : ''}; ${waiting === 0 ? 'nothing waits for you' : `${waiting} still not loaded`}.`,
        );
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log.error(`Reviewing workspace agent files failed: ${message}`);
        void vscode.window.showErrorMessage(`Nova: ${message}`);
      }
    }),
    server.onDidStart(() => void announcePending(server, log)),
  );
  return { review, answerWith: (replacement) => (prompt = replacement ?? modalConsentPrompt) };
}

/** After a start: a toast (not a modal) when agent files wait, with a button that reviews them. */
async function announcePending(server: LazyServer, log: vscode.LogOutputChannel): Promise<void> {
  try {
    const { pending, pendingEndpoints } = await server.features.listAgents();
    const waiting = [...new Set([...pending, ...pendingEndpoints].map((file) => file.path))];
    if (waiting.length === 0) return;
    const choice = await vscode.window.showInformationMessage(
      `Nova: ${waiting.length} workspace agent file${waiting.length === 1 ? '' : 's'} (${waiting.join(', ')}) would take over a decision or receive your API key, and load only if you accept.`,
      'Review',
    );
    if (choice === 'Review') await vscode.commands.executeCommand(commandIds.reviewAgentFiles);
  } catch (error) {
    log.warn(`Listing workspace agent files failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}
