/**
 * The person's answers about a workspace's agent files, kept in the extension's globalState (not
 * in the workspace, which could forge them), per workspace folder: files accepted by content hash,
 * and endpoints allowed as an agent file's `baseURL`.
 */
import * as vscode from 'vscode';
import { z } from 'zod';
import { AcceptedAgentFile } from '../../protocol/agents';
import { agentConsentKey } from '../contributions';

const WorkspaceConsent = z.object({
  acceptedAgentFiles: z.array(AcceptedAgentFile).default([]),
  allowedEndpoints: z.array(z.string()).default([]),
});
export type WorkspaceConsent = z.infer<typeof WorkspaceConsent>;

const AllConsent = z.record(z.string(), WorkspaceConsent);

/** The folder the server loads agents from (its primary folder), as the key answers are kept under. */
export function consentFolderKey(): string | undefined {
  return vscode.workspace.workspaceFolders?.[0]?.uri.toString();
}

function readAll(context: vscode.ExtensionContext): Record<string, WorkspaceConsent> {
  const parsed = AllConsent.safeParse(context.globalState.get<unknown>(agentConsentKey) ?? {});
  return parsed.success ? parsed.data : {};
}

/** What the person allowed this workspace's agent files; nothing for a window without a folder. */
export function workspaceConsent(context: vscode.ExtensionContext): WorkspaceConsent {
  const folder = consentFolderKey();
  return (folder ? readAll(context)[folder] : undefined) ?? { acceptedAgentFiles: [], allowedEndpoints: [] };
}

/** Records an acceptance (replacing an older one of the same file) or an endpoint allowance. */
export async function rememberConsent(context: vscode.ExtensionContext, change: { accept?: AcceptedAgentFile; allow?: string }): Promise<void> {
  const folder = consentFolderKey();
  if (!folder) return;
  const all = readAll(context);
  const current = all[folder] ?? { acceptedAgentFiles: [], allowedEndpoints: [] };
  const { accept, allow } = change;
  all[folder] = {
    acceptedAgentFiles: accept ? [...current.acceptedAgentFiles.filter((file) => file.path !== accept.path), accept] : current.acceptedAgentFiles,
    allowedEndpoints: allow && !current.allowedEndpoints.includes(allow) ? [...current.allowedEndpoints, allow] : current.allowedEndpoints,
  };
  await context.globalState.update(agentConsentKey, all);
}
