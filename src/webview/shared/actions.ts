/**
 * Everything the page asks the extension, in one place: each request through the endpoint, its
 * failure shown in the problems region (the person sees that it did not happen, and why), never
 * thrown into a click handler. The answer, when there is one, is returned for the caller to use.
 */
import type { WebviewEndpoint } from '../../protocol/webview/endpoint';
import type { WebviewRequest } from '../../protocol/webview/message';
import type { ProblemsView } from './problems';

export class PageActions {
  constructor(
    private readonly endpoint: WebviewEndpoint,
    private readonly problems: ProblemsView,
  ) {}

  /** Sends `request`; on failure says "Could not <what>: …" and resolves undefined. */
  async ask<P, R>(what: string, request: WebviewRequest<P, R>, params: P): Promise<R | undefined> {
    try {
      return await this.endpoint.request(request, params);
    } catch (error) {
      this.problems.show(what, error);
      return undefined;
    }
  }
}
