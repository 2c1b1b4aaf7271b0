/**
 * What the server is told after every start and whenever it changes: the model setting, the API key
 * (SecretStorage first, then ANTHROPIC_API_KEY of VS Code's environment), workspace trust, the
 * command allowlist (the user setting's, and the commands allowed "always" in this workspace), the
 * improve loop's settings, and the person's answers about this workspace's agent files.
 */
import * as vscode from 'vscode';
import type { z } from 'zod';
import { check } from '../../protocol/message';
import { ImproveConfiguration } from '../../protocol/improve';
import { AllowlistEntry, ConfigureParams } from '../../protocol/session';
import { apiKeySecret } from '../contributions';
import type { NovaServer } from './server';
import { settings, type ModelProvider } from '../settings';
import { workspaceConsent } from './consentStore';
import { rememberedCommands } from './workspaceCommands';

/** What a real-VS Code test may set in place of VS Code's own state (NovaApi.testing); nothing otherwise. */
export interface ConfigurationOverrides {
  trusted?: boolean;
}

export async function currentConfiguration(context: vscode.ExtensionContext, overrides: ConfigurationOverrides = {}): Promise<ConfigureParams> {
  const config = vscode.workspace.getConfiguration();
  const apiKey = (await context.secrets.get(apiKeySecret)) ?? process.env.ANTHROPIC_API_KEY;
  const allowlist = config.get<unknown>(settings.commandAllowlist.key, settings.commandAllowlist.default);
  const trusted = overrides.trusted ?? vscode.workspace.isTrusted;
  return {
    provider: config.get<ModelProvider>(settings.modelProvider.key, settings.modelProvider.default),
    ...modelChoice(config),
    ...(apiKey?.trim() ? { apiKey: apiKey.trim() } : {}),
    ...endpointChoice(config),
    trusted,
    // The user setting's entries, then what the person allowed "always" here; never in Restricted Mode.
    commandAllowlist: [...allowlistEntries(allowlist), ...(trusted ? rememberedCommands(context.workspaceState) : [])],
    ...workspaceConsent(context),
    ...traceExportChoice(config),
    ...improveChoice(config),
    ...reviewBatchChoice(config),
  };
}

/** The batched team review's threshold; a value that is not a whole number of at least 1 is named in a warning and left out. */
function reviewBatchChoice(config: vscode.WorkspaceConfiguration): { reviewBatchThreshold?: number } {
  const value = config.get<unknown>(settings.reviewBatchThreshold.key, settings.reviewBatchThreshold.default);
  const checked = check(ConfigureParams.shape.reviewBatchThreshold, value);
  if (checked.ok && checked.value !== undefined) return { reviewBatchThreshold: checked.value };
  void vscode.window.showWarningMessage(`Nova: ${settings.reviewBatchThreshold.key} is ignored (it must be a whole number of at least 1); its default applies.`);
  return {};
}

/** The improve settings the server is told, by ImproveConfiguration's keys. */
const improveSettings = {
  testCommand: settings.improveTestCommand,
  testTimeoutSeconds: settings.improveTestTimeoutSeconds,
  reviewerConfidence: settings.improveReviewerConfidence,
  evalCostTolerance: settings.improveEvalCostTolerance,
  protectedPaths: settings.improveProtectedPaths,
} as const;

/**
 * The improve loop's settings (`nova.improve.*`). Each value is checked on its own: one that is not
 * valid is named in a warning and left out (the server keeps its default), and an empty test
 * command means none. The test command asks for approval like any command unless it is allowlisted.
 */
function improveChoice(config: vscode.WorkspaceConfiguration): { improve?: ImproveConfiguration } {
  const improve: Record<string, unknown> = {};
  for (const [name, setting] of Object.entries(improveSettings) as [keyof ImproveConfiguration, (typeof improveSettings)[keyof typeof improveSettings]][]) {
    const value = config.get<unknown>(setting.key, setting.default);
    if (name === 'testCommand' && typeof value === 'string' && value.trim() === '') continue;
    const checked = check(ImproveConfiguration.shape[name] as z.ZodType<unknown>, value);
    if (checked.ok) improve[name] = checked.value;
    else void vscode.window.showWarningMessage(`Nova: ${setting.key} is ignored (${checked.issues.join('; ')}); its default applies.`);
  }
  return { improve: improve as ImproveConfiguration };
}

/** The model the person chose for every agent (user settings only), if any. */
function modelChoice(config: vscode.WorkspaceConfiguration): { model?: string } {
  const model = config.get<string>(settings.modelName.key, settings.modelName.default).trim();
  return model ? { model } : {};
}

/**
 * Where the key goes, as the person chose it: the user-scope setting (a workspace cannot set it),
 * else ANTHROPIC_BASE_URL of VS Code's environment, else Anthropic's own endpoint.
 */
function endpointChoice(config: vscode.WorkspaceConfiguration): { baseURL?: string } {
  const configured = config.inspect<string>(settings.anthropicBaseURL.key)?.globalValue?.trim();
  const baseURL = configured || process.env.ANTHROPIC_BASE_URL?.trim();
  return baseURL ? { baseURL } : {};
}

/**
 * Where runs send their spans live, as the person chose it in their user settings (the setting is
 * application-scoped; reading only the user value also ignores any a workspace file carries). A
 * value that is not an http(s) URL is named in a warning and left out: nothing is sent.
 */
function traceExportChoice(config: vscode.WorkspaceConfiguration): { otlpEndpoint?: string } {
  const endpoint = config.inspect<string>(settings.traceOtlpEndpoint.key)?.globalValue?.trim();
  if (!endpoint) return {};
  if (!check(ConfigureParams.shape.otlpEndpoint, endpoint).ok) {
    void vscode.window.showWarningMessage(`Nova: ${settings.traceOtlpEndpoint.key} is ignored: "${endpoint}" is not an http(s) URL such as http://127.0.0.1:4318/v1/traces.`);
    return {};
  }
  return { otlpEndpoint: endpoint };
}

/** The setting's valid entries; each invalid one is named in a warning and left out (it allows nothing). */
function allowlistEntries(value: unknown): AllowlistEntry[] {
  if (!Array.isArray(value)) return [];
  const entries: AllowlistEntry[] = [];
  value.forEach((raw: unknown, index) => {
    const checked = check(AllowlistEntry, raw);
    if (checked.ok) entries.push(checked.value);
    else {
      void vscode.window.showWarningMessage(
        `Nova: ${settings.commandAllowlist.key}[${index}] is ignored: an entry is a command string, or { "command": "npm test", "cwd": "packages/api" } (${checked.issues.join('; ')}).`,
      );
    }
  });
  return entries;
}

/** Re-sends the configuration when a setting, the key or trust changes. */
export function registerConfigurationSync(context: vscode.ExtensionContext, server: NovaServer): void {
  const resend = () => void server.reconfigure();
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((event) => {
      if ([settings.modelProvider, settings.modelName, settings.anthropicBaseURL, settings.commandAllowlist, settings.traceOtlpEndpoint, ...Object.values(improveSettings)].some((setting) => event.affectsConfiguration(setting.key))) resend();
    }),
    context.secrets.onDidChange((event) => {
      if (event.key === apiKeySecret) resend();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(resend),
  );
}
