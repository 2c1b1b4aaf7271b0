/**
 * What the client configured: the model (the API key is held here, in memory only — it came in a
 * request, never through the environment or argv), trust, the command allowlist, what the person
 * allowed the workspace's agent files (accepted files, allowed endpoints), and the improve loop's
 * settings.
 */
import type { WorkspaceAgentPolicy } from '../core/agents/consent';
import { defaultImproveSettings, type ImproveSettings } from '../core/improve/settings';
import { chooseModel, type ModelChoice } from '../core/model/select';
import { defaultBatchThreshold } from '../core/review/batch/threshold';
import type { AllowlistEntry } from '../core/tools/commandPolicy';
import type { ImproveConfiguration } from '../protocol/improve';
import type { ConfigureParams, ModelStatus } from '../protocol/session';

export class ServerSession {
  private choice: ModelChoice = chooseModel({ provider: 'offline' });
  private _trusted = false;
  private _allowlist: readonly AllowlistEntry[] = [];
  /** Entries the person allowed with "always" during this session (kept across configure, dropped when untrusted). */
  private remembered: AllowlistEntry[] = [];
  private _acceptedAgentFiles: WorkspaceAgentPolicy['acceptedFiles'] = [];
  private _allowedEndpoints: readonly string[] = [];
  private _otlpEndpoint: string | undefined;
  private _improve: ImproveSettings = defaultImproveSettings;
  private _reviewBatchThreshold = defaultBatchThreshold;

  /**
   * Until the client says otherwise: the offline model, untrusted (review only), no commands. The
   * endpoints the person allowed this workspace's agent files to name (never in Restricted Mode)
   * are both what the team loader admits and the only extra endpoints the model client sends the
   * key to, besides the default and configured ones.
   */
  configure(params: ConfigureParams): ModelStatus {
    const allowedEndpoints = params.trusted ? (params.allowedEndpoints ?? []) : [];
    // Throws (a clear message) when Claude is asked for without a key; the old choice then stays.
    this.choice = chooseModel({ provider: params.provider, apiKey: params.apiKey, baseURL: params.baseURL, allowedEndpoints, model: params.model });
    this._trusted = params.trusted;
    this._allowlist = params.commandAllowlist;
    if (!params.trusted) this.remembered = [];
    this._acceptedAgentFiles = params.acceptedAgentFiles ?? [];
    this._allowedEndpoints = allowedEndpoints;
    this._otlpEndpoint = params.otlpEndpoint;
    this._improve = improveSettingsOf(params.improve);
    this._reviewBatchThreshold = params.reviewBatchThreshold ?? defaultBatchThreshold;
    return this.status;
  }

  get model(): ModelChoice {
    return this.choice;
  }

  get status(): ModelStatus {
    return { label: this.choice.label, offline: this.choice.defaultModel === 'offline' };
  }

  /** Where runs send their spans live (OpenTelemetry), as the person set it; undefined: nowhere. */
  get otlpEndpoint(): string | undefined {
    return this._otlpEndpoint;
  }

  /** The person's improve settings as last configured; the defaults until then. */
  get improveSettings(): ImproveSettings {
    return this._improve;
  }

  /** Above this many files a keyed workspace review goes to the team through the Message Batches API. */
  get reviewBatchThreshold(): number {
    return this._reviewBatchThreshold;
  }

  get trusted(): boolean {
    return this._trusted;
  }

  /** The configured allowlist, then what the person allowed "always" in this session. */
  get allowlist(): readonly AllowlistEntry[] {
    return [...this._allowlist, ...this.remembered];
  }

  /** The person answered "always allow": the command runs without asking in that folder from now on. Never in Restricted Mode. */
  rememberCommand(entry: { readonly command: string; readonly cwd: string }): void {
    if (!this._trusted) return;
    if (this.remembered.some((known) => typeof known !== 'string' && known.command === entry.command && known.cwd === entry.cwd)) return;
    this.remembered.push({ command: entry.command, cwd: entry.cwd });
  }

  /**
   * What the workspace's agent files may do. `allowedEndpoints` is also what the model client must
   * accept as agent endpoints (its own second check), so both read it from here.
   */
  get agentPolicy(): WorkspaceAgentPolicy {
    return { trusted: this._trusted, acceptedFiles: this._acceptedAgentFiles, allowedEndpoints: this._allowedEndpoints };
  }
}

/** The wire's improve settings (seconds, "confidence") as the gates read them; each one absent is its default. */
function improveSettingsOf(configured: ImproveConfiguration | undefined): ImproveSettings {
  if (!configured) return defaultImproveSettings;
  return {
    ...(configured.testCommand ? { testCommand: configured.testCommand } : {}),
    testTimeoutMs: configured.testTimeoutSeconds === undefined ? defaultImproveSettings.testTimeoutMs : configured.testTimeoutSeconds * 1000,
    reviewerMinConfidence: configured.reviewerConfidence ?? defaultImproveSettings.reviewerMinConfidence,
    evalCostTolerance: configured.evalCostTolerance ?? defaultImproveSettings.evalCostTolerance,
    protectedPaths: configured.protectedPaths ?? defaultImproveSettings.protectedPaths,
  };
}
