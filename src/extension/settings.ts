/**
 * Nova's settings, defined once. package.json's `contributes.configuration` must declare exactly
 * these keys with these types, defaults and choices (test/unit/manifest.test.ts).
 * No `vscode` import here, so Node tests and the language server can read it.
 */

import { defaultBatchThreshold } from '../core/review/batch/threshold';

/** One setting: what package.json declares for it. */
export interface SettingSpec<T> {
  readonly key: string;
  readonly type: 'string' | 'boolean' | 'number' | 'array' | 'object';
  readonly default: T;
  readonly enum?: readonly T[];
  readonly description: string;
  /**
   * VS Code's scope. `machine` and `application` are read only from the person's own settings: a
   * workspace's `.vscode/settings.json` cannot set them (a cloned repository must not choose where
   * the key goes or which commands run unasked). Absent: VS Code's default (`window`).
   */
  readonly scope?: 'application' | 'machine';
}

/** One entry of `nova.commands.allowlist` as a person writes it (checked by the protocol's AllowlistEntry). */
export type AllowlistSetting = string | { readonly command: string; readonly cwd?: string };

/** Which model the agent team talks to. */
export type ModelProvider = 'auto' | 'offline' | 'anthropic';

export const settings = {
  modelProvider: {
    key: 'nova.model.provider',
    type: 'string',
    default: 'auto',
    enum: ['auto', 'offline', 'anthropic'],
    description:
      'Which model the agent team uses: `auto` picks Claude when an Anthropic API key is set and the offline model otherwise; `offline` never uses the network; `anthropic` always uses Claude.',
  } satisfies SettingSpec<ModelProvider>,
  modelName: {
    key: 'nova.model.name',
    type: 'string',
    default: '',
    scope: 'machine',
    description:
      'The Claude model every agent uses, overriding each agent file\'s `model:` — an id (`claude-sonnet-5-5`) or an alias (`sonnet`, `opus`, `haiku`). Empty: each agent\'s own `model:`, else Nova\'s default. Read from your user settings only, so a workspace cannot choose what you pay for.',
  } satisfies SettingSpec<string>,
  anthropicBaseURL: {
    key: 'nova.anthropic.baseURL',
    type: 'string',
    default: '',
    scope: 'application',
    description:
      'The Messages API endpoint the team sends your API key to: a gateway, proxy or compatible server (empty: `ANTHROPIC_BASE_URL` when set, else Anthropic\'s). Read from your user settings only; a workspace cannot set it, and an agent file\'s `baseURL:` needs your allowance per workspace.',
  } satisfies SettingSpec<string>,
  commandAllowlist: {
    key: 'nova.commands.allowlist',
    type: 'array',
    default: [],
    scope: 'machine',
    description:
      'Shell commands agents may run without asking, matched exactly (e.g. `npm test`). A plain string runs without asking only in the root of a workspace folder; `{ "command": "npm test", "cwd": "packages/api" }` only in that folder. Any other command, or an allowlisted one in another folder, needs your approval each time, in a dialog that shows the exact command. Read from your user settings only (a workspace cannot allow commands). Ignored in Restricted Mode, where no command runs.',
  } satisfies SettingSpec<AllowlistSetting[]>,
  traceOtlpEndpoint: {
    key: 'nova.trace.otlpEndpoint',
    type: 'string',
    default: '',
    scope: 'application',
    description:
      'An OTLP/HTTP traces endpoint (e.g. `http://127.0.0.1:4318/v1/traces` for Jaeger or an OpenTelemetry Collector) that receives every run\'s spans live, with the GenAI semantic conventions: agents, model calls with tokens, tool calls with their arguments and output, handoffs with their payloads. Your code and prompts go there, so it is read from your user settings only; a workspace cannot set it. Empty: no live export (`nova trace export` still exports a trace file).',
  } satisfies SettingSpec<string>,
  traceOpenWithReview: {
    key: 'nova.trace.openWithReview',
    type: 'boolean',
    default: true,
    description: 'Opening an agent\'s change set for review (Review changes, Open diff) also opens the trace of its run beside it, at the handoff that produced it.',
  } satisfies SettingSpec<boolean>,
  reviewBatchThreshold: {
    key: 'nova.review.batchThreshold',
    type: 'number',
    default: defaultBatchThreshold,
    scope: 'machine',
    description:
      'With an API key set, a workspace review of more than this many files is also checked by the team — the reviewer decides each analyzer finding (confirm or dismiss, with a reason) and may add its own; the security reviewer advises on security findings — through the Message Batches API, at half the price, with progress and cancel. It can take minutes to hours; the analyzer findings show meanwhile. Read from your user settings only, so a workspace cannot choose what you pay for.',
  } satisfies SettingSpec<number>,
  improveTestCommand: {
    key: 'nova.improve.testCommand',
    type: 'string',
    default: '',
    description:
      'The project\'s test command (e.g. `npm test`), run by the improve loop\'s test gate in the improvement\'s worktree, with its output captured as the gate\'s evidence. Empty: no test gate runs and the change report says the tests were not run.',
  } satisfies SettingSpec<string>,
  improveTestTimeoutSeconds: {
    key: 'nova.improve.testTimeoutSeconds',
    type: 'number',
    default: 600,
    description: 'How long the test gate lets the test command run, in seconds; past it the gate fails with the output so far as its evidence.',
  } satisfies SettingSpec<number>,
  improveReviewerConfidence: {
    key: 'nova.improve.reviewerConfidence',
    type: 'number',
    default: 0.7,
    description: 'The reviewer gate passes only when the reviewer approves with at least this confidence (0 to 1).',
  } satisfies SettingSpec<number>,
  improveEvalCostTolerance: {
    key: 'nova.improve.evalCostTolerance',
    type: 'number',
    default: 0.1,
    description:
      'When an improvement changes agent definitions, the recorded evaluations (`.nova/evals/*.json`) are replayed before and after; one that costs more than this fraction above its cost before (0.1 = 10 %) blocks the change, as does any outcome that got worse.',
  } satisfies SettingSpec<number>,
  improveProtectedPaths: {
    key: 'nova.improve.protectedPaths',
    type: 'array',
    default: [],
    description:
      'Globs (workspace-relative, e.g. `migrations/**`) that no agent may write during an improvement, on top of the built-in ones (the constitution, `.nova/evals/`, the gates\' configuration, the tests the test gate runs, `.git/`, CI configuration, editor settings). A refused write is a problem in the trace and the change report.',
  } satisfies SettingSpec<string[]>,
} as const;

/** Every setting, for checks that walk them all. */
export const allSettings: readonly SettingSpec<unknown>[] = Object.values(settings);
