/**
 * Where the API key may go: the default endpoint, the endpoint the person configured
 * (`ANTHROPIC_BASE_URL` or a user-scope setting), and the endpoints the person allowed for this
 * workspace. An agent file cannot add to them. Endpoints are compared normalised: scheme, host and
 * port (default ports dropped), and the path without a trailing slash.
 */
import { ModelCallError } from './modelCallError';

/** The Messages API's own endpoint: where the SDK sends requests when nothing else is configured. */
export const defaultEndpoint = 'https://api.anthropic.com';

/** `url` as an endpoint, `scheme://host[:port][/path]`; undefined if it is not an http(s) URL one could call. */
export function normaliseEndpoint(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  // Credentials, a query or a fragment in a base URL would change where or how the key is sent.
  if ((parsed.protocol !== 'https:' && parsed.protocol !== 'http:') || parsed.username || parsed.password || parsed.search || parsed.hash) return undefined;
  return `${parsed.protocol}//${parsed.host}${parsed.pathname.replace(/\/+$/, '')}`;
}

/** An endpoint's host (and port), as a person would recognise it in a message. */
export function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/** The endpoints one model client may send the key to. */
export class KeyedEndpoints {
  /** Where requests go when the agent names no endpoint of its own. */
  readonly configured: string;
  readonly #chosen: ReadonlySet<string>;

  /** Throws a clear error for a configured or allowed endpoint that is not an http(s) URL. */
  constructor(configured: string | undefined, allowed: readonly string[]) {
    this.configured = configured === undefined ? defaultEndpoint : checked(configured, 'the configured Anthropic base URL');
    this.#chosen = new Set([defaultEndpoint, this.configured, ...allowed.map((endpoint) => checked(endpoint, 'an allowed endpoint'))]);
  }

  /**
   * The normalised endpoint for an agent's request. An endpoint the person did not choose is a
   * ModelCallError naming its host — and nothing is sent there.
   */
  endpointFor(agent: string, requested: string | undefined): string {
    if (requested === undefined) return this.configured;
    const endpoint = normaliseEndpoint(requested);
    if (endpoint !== undefined && this.#chosen.has(endpoint)) return endpoint;
    throw new ModelCallError(
      `${agent}'s agent file sends its model calls to ${endpoint ? hostOf(endpoint) : JSON.stringify(requested)} (${endpoint ?? 'not an http(s) URL'}), ` +
        'an endpoint the person has not allowed for this workspace: nothing was sent there, and the API key never is. ' +
        'Allow that endpoint for this workspace, or remove `baseURL` from the agent file.',
    );
  }
}

function checked(endpoint: string, what: string): string {
  const normalised = normaliseEndpoint(endpoint);
  if (normalised === undefined) throw new Error(`${what} ${JSON.stringify(endpoint)} is not an http(s) URL without credentials, query or fragment.`);
  return normalised;
}
