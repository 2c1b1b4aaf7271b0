import { AnthropicModel } from './anthropic/anthropicModel';
import { defaultEndpoint, hostOf } from './anthropic/endpoints';
import type { ModelLogSink } from './anthropic/sdkLogger';
import type { ModelClient } from './client';
import { OfflineModel } from './offline/offlineModel';
import { defaultAnthropicModel, readModelField } from './aliases';

/** Which model a run uses, and how to say so to a person. */
export interface ModelChoice {
  readonly client: ModelClient;
  readonly defaultModel: string;
  /** The model the person named (`--model`, the setting): every agent uses it, whatever its file says. */
  readonly override?: string;
  readonly label: string;
}

export interface ModelSettings {
  /** `auto`: Claude when a key is set, the offline model otherwise (the `nova.model.provider` setting). */
  readonly provider: 'auto' | 'offline' | 'anthropic';
  readonly apiKey?: string | undefined;
  /** The endpoint the person configured: ANTHROPIC_BASE_URL or a user-scope setting, never a workspace's. */
  readonly baseURL?: string | undefined;
  /** Endpoints the person allowed for this workspace, which agent files may name (default none). */
  readonly allowedEndpoints?: readonly string[] | undefined;
  /** The model the person chose; it overrides every agent file's `model:` (an alias such as `opus` maps to its id). */
  readonly model?: string | undefined;
  /** Where the SDK's (scrubbed) log lines go; default the console. */
  readonly log?: ModelLogSink | undefined;
  /** The longest `retry-after` waited out (default 60 s); a longer one stops the run saying when to retry. */
  readonly maxRetryAfterMs?: number | undefined;
}

/**
 * Picks the model client. Asking for Claude without a key is an error that says how to add one; so
 * is a configured or allowed endpoint that is not an http(s) URL.
 */
export function chooseModel(settings: ModelSettings): ModelChoice {
  const apiKey = settings.apiKey?.trim();
  if (settings.provider === 'offline' || (settings.provider === 'auto' && !apiKey)) {
    return { client: new OfflineModel(), defaultModel: 'offline', label: 'the offline model (no network; fixed plans over real tools — an Anthropic API key lets the agents reason with Claude)' };
  }
  if (!apiKey) throw new Error('Claude was asked for, but no Anthropic API key is set: use "Nova: Set Anthropic API Key" or set ANTHROPIC_API_KEY.');
  const named = settings.model?.trim() ? readModelField(settings.model, true) : undefined;
  const override = named?.kind === 'id' ? named.id : undefined;
  const model = override ?? defaultAnthropicModel;
  const allowed = settings.allowedEndpoints ?? [];
  const client = new AnthropicModel({
    apiKey,
    ...(settings.baseURL ? { baseURL: settings.baseURL } : {}),
    allowedEndpoints: allowed,
    ...(settings.log ? { log: settings.log } : {}),
    ...(settings.maxRetryAfterMs !== undefined ? { maxRetryAfterMs: settings.maxRetryAfterMs } : {}),
  });
  return { client, defaultModel: model, ...(override ? { override } : {}), label: modelLabel(model, override !== undefined, client.endpoint, allowed) };
}

/**
 * "Claude (model) via <endpoint>", and — when agents of this workspace may use endpoints of their
 * own — which, so the line never claims every call goes where only some do.
 */
function modelLabel(model: string, overrides: boolean, endpoint: string, allowed: readonly string[]): string {
  const via = endpoint === defaultEndpoint ? '' : ` via ${endpoint}`;
  const others = allowed.length === 0 ? '' : `; agents whose files name ${allowed.map(hostOf).join(', ')} use it (allowed for this workspace)`;
  return `Claude (${model}${overrides ? ', for every agent' : ''})${via}${others}`;
}
