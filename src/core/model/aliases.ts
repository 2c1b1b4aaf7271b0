/**
 * The one place Claude Code's model aliases become model ids. A `.claude/agents` file says
 * `model: sonnet` (or `opus`, `haiku`, `inherit`); the Messages API knows only ids, so each alias
 * names the current id of its family in Nova's price table (pricing.ts) — a test keeps them priced.
 */

/** Claude Code's model aliases and the ids Nova sends for them. */
export const modelAliases: Readonly<Record<string, string>> = {
  sonnet: 'claude-sonnet-5-5',
  opus: 'claude-opus-5-5',
  haiku: 'claude-haiku-5-5',
};

/** The model agents use when neither their file nor the person names one. */
export const defaultAnthropicModel = modelAliases.sonnet as string;

/** What an agent file's `model:` means to Nova. */
export type ModelFieldReading =
  /** The team's default (the field is absent, or says `inherit`). */
  | { readonly kind: 'default' }
  /** A model id to send (an alias already mapped). */
  | { readonly kind: 'id'; readonly id: string; readonly alias?: string }
  /** Not a model Nova knows how to name; the team's default is used and the file gets a warning. */
  | { readonly kind: 'unknown'; readonly written: string };

/**
 * Reads `model:`. An alias maps to its id; a `claude-…` id is sent as written (dated ids and older
 * models are real); anything else is unknown — unless the file names its own endpoint, whose
 * server may well know models Anthropic does not.
 */
export function readModelField(written: string | undefined, ownEndpoint: boolean): ModelFieldReading {
  const value = written?.trim();
  if (!value || value === 'inherit') return { kind: 'default' };
  const alias = modelAliases[value.toLowerCase()];
  if (alias) return { kind: 'id', id: alias, alias: value };
  if (/^claude-[a-z0-9.-]+$/.test(value) || ownEndpoint) return { kind: 'id', id: value };
  return { kind: 'unknown', written: value };
}
