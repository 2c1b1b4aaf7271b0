import { AnthropicModel } from './anthropic/anthropicModel';
import type { ModelClient } from './client';
import { OfflineModel } from './offline/offlineModel';
import { defaultAnthropicModel } from './pricing';

/** Which model a run uses, and how to say so to a person. */
export interface ModelChoice {
  readonly client: ModelClient;
  readonly defaultModel: string;
  readonly label: string;
}

export interface ModelSettings {
  /** `auto`: Claude when a key is set, the offline model otherwise (the `nova.model.provider` setting). */
  readonly provider: 'auto' | 'offline' | 'anthropic';
  readonly apiKey?: string | undefined;
  readonly baseURL?: string | undefined;
  readonly model?: string | undefined;
}

/** Picks the model client. Asking for Claude without a key is an error that says how to add one. */
export function chooseModel(settings: ModelSettings): ModelChoice {
  const apiKey = settings.apiKey?.trim();
  if (settings.provider === 'offline' || (settings.provider === 'auto' && !apiKey)) {
    return { client: new OfflineModel(), defaultModel: 'offline', label: 'the offline model (no network; fixed plans over real tools — an Anthropic API key lets the agents reason with Claude)' };
  }
  if (!apiKey) throw new Error('Claude was asked for, but no Anthropic API key is set: use "Nova: Set Anthropic API Key" or set ANTHROPIC_API_KEY.');
  const model = settings.model ?? defaultAnthropicModel;
  return {
    client: new AnthropicModel({ apiKey, ...(settings.baseURL ? { baseURL: settings.baseURL } : {}) }),
    defaultModel: model,
    label: `Claude (${model})${settings.baseURL ? ` via ${settings.baseURL}` : ''}`,
  };
}
