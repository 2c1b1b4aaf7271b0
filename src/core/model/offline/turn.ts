/**
 * What the offline model knows when it is asked for the next step: which agent it plays, the
 * contract and payload that started the activation (read back from the first message), the tool
 * calls made so far with their results, and which tools — submit and handoffs included — exist.
 */
import { readInputMessage } from '../../orchestrator/inputMessage';
import { handoffPrefix, readHandoffToolDescription, readSpecialistRoute, specialistRouteTool } from '../../orchestrator/toolbox';
import type { ModelRequest, ToolUseBlock } from '../client';
import { readJsonBlock } from '../../tools/structuredOutput';

/** One tool call of this activation and what came back. */
export interface PastCall {
  readonly name: string;
  readonly input: Record<string, unknown>;
  readonly output: string;
  readonly isError: boolean;
}

/** The activation so far, as the offline plans read it. */
export class OfflineTurn {
  readonly agent: string;
  /** The contract that started the activation, its sender and payload; undefined if unreadable. */
  readonly input: { readonly from: string; readonly contract: string; readonly payload: Record<string, unknown> } | undefined;
  readonly calls: readonly PastCall[];
  private readonly tools: ReadonlyMap<string, string>;

  constructor(request: ModelRequest) {
    this.agent = request.agent;
    this.tools = new Map(request.tools.map((tool) => [tool.name, tool.description]));
    const first = request.messages[0]?.content.find((block) => block.type === 'text');
    const parsed = first?.type === 'text' ? readInputMessage(first.text) : undefined;
    this.input = parsed && typeof parsed.payload === 'object' && parsed.payload !== null ? { ...parsed, payload: parsed.payload as Record<string, unknown> } : undefined;
    this.calls = pastCalls(request);
  }

  /** Whether the activation offers this tool (a registry tool, its submit tool, or a handoff). */
  has(tool: string): boolean {
    return this.tools.has(tool);
  }

  /** The submit tool of this activation (`submit_<Contract>`). */
  get submitTool(): string | undefined {
    return [...this.tools.keys()].find((tool) => tool.startsWith('submit_'));
  }

  /** The agents this activation may hand off to, with the description each handoff tool gives. */
  get handoffTargets(): readonly { readonly name: string; readonly description: string; readonly routed: boolean }[] {
    return [...this.tools].flatMap(([tool, description]): { name: string; description: string; routed: boolean }[] => {
      if (tool === specialistRouteTool) return readSpecialistRoute(description).map((target) => ({ ...target, routed: true }));
      return tool.startsWith(handoffPrefix) ? [{ name: tool.slice(handoffPrefix.length), description: readHandoffToolDescription(description) ?? description, routed: false }] : [];
    });
  }

  /** Calls of one tool, oldest first. */
  callsOf(name: string): PastCall[] {
    return this.calls.filter((call) => call.name === name);
  }

  /** The JSON block ending the last successful result of `name`, if any. */
  lastData(name: string): unknown {
    const call = this.callsOf(name).filter((past) => !past.isError).at(-1);
    return call ? readJsonBlock(call.output) : undefined;
  }
}

/** Pairs each tool use of the assistant turns with the tool result that answered it. */
function pastCalls(request: ModelRequest): PastCall[] {
  const results = new Map<string, { content: string; isError: boolean }>();
  const uses: ToolUseBlock[] = [];
  for (const message of request.messages) {
    for (const block of message.content) {
      if (block.type === 'tool_use') uses.push(block);
      if (block.type === 'tool_result') results.set(block.toolUseId, { content: block.content, isError: block.isError });
    }
  }
  return uses.flatMap((use) => {
    const result = results.get(use.id);
    if (!result) return [];
    const input = typeof use.input === 'object' && use.input !== null ? (use.input as Record<string, unknown>) : {};
    return [{ name: use.name, input, output: result.content, isError: result.isError }];
  });
}
