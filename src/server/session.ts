/**
 * What the client configured: the model (the API key is held here, in memory only — it came in a
 * request, never through the environment or argv), trust, and the command allowlist.
 */
import { chooseModel, type ModelChoice } from '../core/model/select';
import type { ConfigureParams, ModelStatus } from '../protocol/session';

export class ServerSession {
  private choice: ModelChoice = chooseModel({ provider: 'offline' });
  private _trusted = false;
  private _allowlist: readonly string[] = [];

  /**
   * Until the client says otherwise: the offline model, untrusted (review only), no commands.
   * `allowedEndpoints`: the endpoints the person allowed this workspace's agent files to name; the
   * key goes nowhere else but the default and configured endpoints.
   */
  configure(params: ConfigureParams, allowedEndpoints: readonly string[] = []): ModelStatus {
    // Throws (a clear message) when Claude is asked for without a key; the old choice then stays.
    this.choice = chooseModel({ provider: params.provider, apiKey: params.apiKey, baseURL: params.baseURL, allowedEndpoints, model: params.model });
    this._trusted = params.trusted;
    this._allowlist = params.commandAllowlist;
    return this.status;
  }

  get model(): ModelChoice {
    return this.choice;
  }

  get status(): ModelStatus {
    return { label: this.choice.label, offline: this.choice.defaultModel === 'offline' };
  }

  get trusted(): boolean {
    return this._trusted;
  }

  get allowlist(): readonly string[] {
    return this._allowlist;
  }
}
