/**
 * The tool registry: the tools a run offers, their JSON-schema'd definitions for the model, and the
 * one door through which every call goes — validated, refused in Restricted Mode when it would
 * write or execute, and never throwing, so a bad call becomes a result the model can correct.
 */
import { z } from 'zod';
import type { JsonSchema } from '../contracts/jsonSchema';
import type { ToolDefinition } from '../model/client';
import type { Tool, ToolContext, ToolOutcome } from './tool';
import { listFilesTool } from './listFiles';
import { readFileTool } from './readFile';
import { reviewAnalyzersTool } from './reviewAnalyzers';
import { runCommandTool } from './runCommand';
import { searchTextTool } from './searchText';
import { typescriptCheckTool } from './typescriptCheck';
import { typescriptFixesTool } from './typescriptFixes';
import { typescriptSymbolsTool } from './typescriptSymbols';

/** A tool of any input type, as the registry holds it (inputs are validated before `run`). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the registry's zod check is what makes the input type true
export type AnyTool = Tool<any>;

/** The tools of a run, by name. */
export class ToolRegistry {
  private readonly tools = new Map<string, AnyTool>();
  private readonly definitions = new Map<string, ToolDefinition>();

  /** Throws when two tools share a name: which one a model called must never be ambiguous. */
  constructor(tools: readonly AnyTool[]) {
    for (const tool of tools) {
      if (this.tools.has(tool.name)) throw new Error(`Two tools are named ${tool.name}.`);
      this.tools.set(tool.name, tool);
    }
  }

  /** Tool names, in registration order. */
  names(): string[] {
    return [...this.tools.keys()];
  }

  has(name: string): boolean {
    return this.tools.has(name);
  }

  /** The tool as the model sees it; throws for an unknown name (a programming error, not a model's). */
  definition(name: string): ToolDefinition {
    const cached = this.definitions.get(name);
    if (cached) return cached;
    const tool = this.tools.get(name);
    if (!tool) throw new Error(`No tool is named ${name}.`);
    const inputSchema = { ...(z.toJSONSchema(tool.input, { io: 'input', unrepresentable: 'any' }) as JsonSchema) };
    delete inputSchema['$schema']; // models take the bare schema; the draft URI is noise in every request
    const definition: ToolDefinition = { name, description: tool.description, inputSchema };
    this.definitions.set(name, definition);
    return definition;
  }

  /** Calls a tool. Never throws: every failure is an outcome the model and the trace can read. */
  async invoke(name: string, rawInput: unknown, context: ToolContext): Promise<ToolOutcome> {
    const tool = this.tools.get(name);
    if (!tool) {
      return { status: 'refused', output: `There is no tool named ${name}. Available tools: ${this.names().join(', ')}.` };
    }
    if (tool.effect !== 'read' && !context.trusted) {
      return {
        status: 'refused',
        output:
          `${name} was refused: the workspace is in Restricted Mode (not trusted), so Nova only reviews — ` +
          `no tool may ${tool.effect === 'write' ? 'change files' : 'run commands'}. Read-only tools still work.`,
      };
    }
    if (context.signal.aborted) return cancelled;
    const parsed = tool.input.safeParse(rawInput);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => `- ${issuePath(issue.path)}: ${issue.message}`);
      return { status: 'error', output: [`Invalid input for ${name}; fix these and call it again:`, ...issues].join('\n') };
    }
    try {
      const outcome = await tool.run(parsed.data, context);
      return context.signal.aborted ? cancelled : outcome;
    } catch (error) {
      if (context.signal.aborted) return cancelled;
      // Node's error messages name absolute paths; the model sees workspace paths only.
      return { status: 'error', output: `${name} failed: ${context.sandbox.scrub(error instanceof Error ? error.message : String(error))}` };
    }
  }
}

const cancelled: ToolOutcome = { status: 'error', output: 'cancelled' };

function issuePath(path: readonly PropertyKey[]): string {
  return path.length > 0 ? path.map(String).join('.') : '(input)';
}

/**
 * The workspace tools every run starts from: read_file, list_files, search_text, run_command, and
 * the TypeScript tools (typescript_check, typescript_fixes, typescript_symbols, review_analyzers), which only compute.
 */
export function createWorkspaceTools(): ToolRegistry {
  return new ToolRegistry([readFileTool, listFilesTool, searchTextTool, runCommandTool, typescriptCheckTool, typescriptFixesTool, typescriptSymbolsTool, reviewAnalyzersTool]);
}
