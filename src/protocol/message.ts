/**
 * How a Nova message is declared: a typed LSP descriptor (`RequestType` / `NotificationType`,
 * method named `nova/scope.verb`) paired with the zod schemas the receiving side checks it against.
 * The server checks every request's params; the extension checks every result and notification
 * (and for the one server → client request, `nova/command.approve`, the roles swap: the extension
 * checks its params, the server its result). Nothing unchecked crosses the process boundary in
 * either direction.
 */
import { NotificationType, RequestType } from 'vscode-languageserver-protocol';
import type { z } from 'zod';

/** A request: what one side sends (the client, except nova/command.approve), what the other answers. */
export interface NovaRequest<Params, Result, Method extends string = string> {
  /** The method's name as a literal type, so a request can be named by it (see `NovaRequestNamed`). */
  readonly method: Method;
  readonly type: RequestType<Params, Result, NovaErrorData>;
  readonly params: z.ZodType<Params>;
  readonly result: z.ZodType<Result>;
}

/** A notification: fire and forget, in the direction its declaration says. */
export interface NovaNotification<Params> {
  readonly method: string;
  readonly type: NotificationType<Params>;
  readonly params: z.ZodType<Params>;
}

/** What a Nova error response carries besides its code and message. */
export interface NovaErrorData {
  /** For invalid params: each problem as `path: message`. */
  readonly issues?: readonly string[];
}

/** JSON-RPC error codes Nova answers with (the LSP range -32899..-32800 is reserved; Nova's own are below). */
export const novaErrorCodes = {
  /** The params did not match the method's schema (JSON-RPC's own code). */
  invalidParams: -32602,
  /** The run, proposal or trace named does not exist. */
  notFound: -32001,
  /** The request is valid but cannot be done now (e.g. the proposal was already resolved). */
  conflict: -32002,
} as const;

const methodPattern = /^nova\/[a-z]+\.[a-zA-Z]+$/;

function checkMethod(method: string): string {
  if (!methodPattern.test(method)) throw new Error(`Nova methods are named nova/scope.verb, not ${method}.`);
  return method;
}

/** Declares a request. `Params`/`Result` are the schemas' output types. */
export function request<Method extends string, Params, Result>(method: Method, params: z.ZodType<Params>, result: z.ZodType<Result>): NovaRequest<Params, Result, Method> {
  checkMethod(method);
  return { method, type: new RequestType<Params, Result, NovaErrorData>(method), params, result };
}

/** Declares a notification. */
export function notification<Params>(method: string, params: z.ZodType<Params>): NovaNotification<Params> {
  return { method: checkMethod(method), type: new NotificationType<Params>(method), params };
}

/** The outcome of checking an incoming message. */
export type Checked<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

/** Checks an incoming value against a schema; issues read `path: message`. */
export function check<T>(schema: z.ZodType<T>, value: unknown): Checked<T> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    issues: parsed.error.issues.map((issue) => `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(params)'}: ${issue.message}`),
  };
}

/** The params type of a declared request or notification. */
export type ParamsOf<T> = T extends NovaRequest<infer P, unknown> ? P : T extends NovaNotification<infer P> ? P : never;

/** The result type of a declared request. */
export type ResultOf<T> = T extends NovaRequest<unknown, infer R> ? R : never;
