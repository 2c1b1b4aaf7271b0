/**
 * A tool an agent may call. Tools are data to the orchestrator: a name, a JSON-schema'd input, an
 * effect, and a function. Whether an agent may call one comes only from its spec — never from text
 * the agent read in the workspace.
 */
import type { z } from 'zod';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import type { CommandPolicy } from './commandPolicy';

/** What running a tool can do to the world; only `read` tools run in an untrusted workspace. */
export type ToolEffect = 'read' | 'write' | 'execute';

/** What a tool may reach while it runs. */
export interface ToolContext {
  readonly agent: string;
  readonly sandbox: WorkspaceSandbox;
  readonly commands: CommandPolicy;
  /** False in VS Code's Restricted Mode: review only, nothing runs or changes. */
  readonly trusted: boolean;
  readonly signal: AbortSignal;
}

/** The outcome of one tool call, as the model and the trace see it. */
export type ToolOutcome =
  | { readonly status: 'ok'; readonly output: string }
  | { readonly status: 'error'; readonly output: string }
  | { readonly status: 'refused'; readonly output: string };

export interface Tool<Input = unknown> {
  readonly name: string;
  readonly description: string;
  readonly effect: ToolEffect;
  readonly input: z.ZodType<Input>;
  run(input: Input, context: ToolContext): Promise<ToolOutcome>;
}
