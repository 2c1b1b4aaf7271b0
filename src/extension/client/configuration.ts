/**
 * What the server is told after every start and whenever it changes: the model setting, the API key
 * (SecretStorage first, then ANTHROPIC_API_KEY of VS Code's environment), workspace trust, the
 * command allowlist, and the person's answers about this workspace's agent files.
 */
import * as vscode from 'vscode';
import type { ConfigureParams } from '../../protocol/session';
import { apiKeySecret } from '../contributions';
import type { NovaServer } from './server';
import { settings, type ModelProvider } from '../settings';
import { workspaceConsent } from './consentStore';

/** What a real-VS Code test may set in place of VS Code's own state (NovaApi.testing); nothing otherwise. */
export interface ConfigurationOverrides {
  trusted?: boolean;
}

export async function currentConfiguration(context: vscode.ExtensionContext, overrides: ConfigurationOverrides = {}): Promise<ConfigureParams> {
  const config = vscode.workspace.getConfiguration();
  const apiKey = (await context.secrets.get(apiKeySecret)) ?? process.env.ANTHROPIC_API_KEY;
  const allowlist = config.get<unknown>(settings.commandAllowlist.key, settings.commandAllowlist.default);
  return {
    provider: config.get<ModelProvider>(settings.modelProvider.key, settings.modelProvider.default),
    ...(apiKey?.trim() ? { apiKey: apiKey.trim() } : {}),
    ...(process.env.ANTHROPIC_BASE_URL ? { baseURL: process.env.ANTHROPIC_BASE_URL } : {}),
    trusted: overrides.trusted ?? vscode.workspace.isTrusted,
    commandAllowlist: Array.isArray(allowlist) ? allowlist.filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '') : [],
    ...workspaceConsent(context),
  };
}

/** Re-sends the configuration when a setting, the key or trust changes. */
export function registerConfigurationSync(context: vscode.ExtensionContext, server: NovaServer): void {
  const resend = () => void server.reconfigure();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(settings.modelProvider.key) || event.affectsConfiguration(settings.commandAllowlist.key)) resend();
    }),
    context.secrets.onDidChange((event) => {
      if (event.key === apiKeySecret) resend();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(resend),
  );
}
