/**
 * The last check before the key leaves the process: an SDK middleware on each keyed client that lets
 * a request through only to the endpoint the client was built for, and refuses to follow a redirect
 * (fetch is told not to), so neither a URL the API returned (a batch's `results_url`) nor a `Location`
 * header can carry the key to another host.
 */
import type { Middleware } from '@anthropic-ai/sdk';
import { hostOf } from './endpoints';
import { ModelCallError } from './modelCallError';

/** Fetch options for every keyed client: redirects come back as responses, for {@link keyGuard} to refuse. */
export const noRedirects = { redirect: 'manual' } as const;

/** A middleware that refuses requests outside `endpoint` (normalised) and redirect responses. */
export function keyGuard(endpoint: string): Middleware {
  const base = new URL(endpoint);
  const pathPrefix = `${base.pathname.replace(/\/+$/, '')}/`;
  return async (request, next) => {
    const target = new URL(request.url);
    if (target.origin !== base.origin || !target.pathname.startsWith(pathPrefix)) {
      throw new ModelCallError(`a request to ${target.host}${target.pathname} was refused before it was sent: the API key goes only to ${endpoint}.`);
    }
    const response = await next(request);
    if (response.status >= 300 && response.status < 400) {
      await response.body?.cancel().catch(() => undefined);
      const location = response.headers.get('location');
      const to = location ? hostOf(new URL(location, request.url).href) : 'another address';
      throw new ModelCallError(`${hostOf(endpoint)} answered with a redirect (HTTP ${response.status}) to ${to}; Nova does not follow redirects with the API key.`);
    }
    return response;
  };
}
