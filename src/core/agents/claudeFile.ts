/**
 * Reads a Claude Code subagent's front matter (name, description, tools, disallowedTools, model,
 * color, maxTurns, …) as Claude Code does: tools as a list or a comma-separated string, `Tool(args)`
 * as one tool, an empty `tools:` as none (Claude Code then gives every tool; Nova gives its reading
 * ones), unknown tools dropped rather than refused, `maxTurns` as the turn budget. Fields Claude Code
 * has and Nova does not use (color, permissionMode, hooks, …) are ignored.
 */
import { droppedToolReasons, mapClaudeTool, readOnlyTools, splitToolList, type ClaudeToolMapping, type DroppedToolReason } from './claudeTools';

/** A Claude Code file's front matter, turned into what Nova's own parser checks. */
export interface ClaudeFileReading {
  /** The fields for Nova's front-matter schema: Claude Code's own tool and turn fields taken out. */
  readonly fields: Record<string, unknown>;
  readonly tools: readonly string[];
  /** From `maxTurns`; absent means Nova's default. */
  readonly turns?: number;
  /** What the file lost on the way, each naming its field and why. */
  readonly notes: readonly string[];
}

/** The most turns one activation may have (Nova's `budget.turns` bound). */
const maxTurnsCap = 100;

/** Reads the Claude Code parts of `raw`; `knownTools` are Nova's tool names, which a file may also use. */
export function claudeFileFields(raw: Record<string, unknown>, knownTools: ReadonlySet<string>): ClaudeFileReading {
  const { tools: toolsField, disallowedTools, maxTurns, ...rest } = raw;
  const notes: string[] = [];
  const fields: Record<string, unknown> = { ...rest };
  if (fields.model === null) delete fields.model;

  const named = toolNames(toolsField, 'tools', notes);
  const dropped = new Map<DroppedToolReason, string[]>();
  const tools: string[] = [];
  for (const tool of named ?? []) {
    const mapped = novaOrClaudeTool(tool, knownTools);
    if ('nova' in mapped) {
      if (!tools.includes(mapped.nova)) tools.push(mapped.nova);
    } else dropped.set(mapped.dropped, [...(dropped.get(mapped.dropped) ?? []), tool]);
  }
  if (named === undefined) tools.push(...readOnlyTools);
  const denied = toolNames(disallowedTools, 'disallowedTools', notes) ?? [];
  for (const tool of denied) {
    const mapped = novaOrClaudeTool(tool, knownTools);
    if ('nova' in mapped && tools.includes(mapped.nova)) tools.splice(tools.indexOf(mapped.nova), 1);
  }
  if (dropped.size > 0) {
    const groups = [...dropped].map(([reason, names]) => `${names.join(', ')} (${droppedToolReasons[reason]})`);
    const left = tools.length > 0 ? `it keeps ${tools.join(', ')}` : 'it keeps no tools and answers from the task it is given';
    notes.push(`tools: left out ${groups.join('; ')}; ${left}`);
  }
  return { fields, tools, ...readTurns(maxTurns, notes), notes };
}

/** A Nova tool name (`read_file`, `typescript_check`) is taken as written, except the one that runs commands. */
function novaOrClaudeTool(tool: string, knownTools: ReadonlySet<string>): ClaudeToolMapping {
  const mapped = mapClaudeTool(tool);
  return knownTools.has(tool) && !('dropped' in mapped && mapped.dropped === 'shell') ? { nova: tool } : mapped;
}

/** A tool field's names; undefined when it names none (absent, empty, or not a list or string). */
function toolNames(value: unknown, field: string, notes: string[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' && !(Array.isArray(value) && value.every((item) => typeof item === 'string'))) {
    notes.push(`${field}: not a list of tool names or a comma-separated string, so it is ignored`);
    return undefined;
  }
  const names = splitToolList(value);
  return names.length > 0 ? names : undefined;
}

function readTurns(value: unknown, notes: string[]): { turns?: number } {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    notes.push(`maxTurns: ${JSON.stringify(value)} is not a whole number of turns of at least 1, so Nova's default turn budget is used`);
    return {};
  }
  if (value > maxTurnsCap) {
    notes.push(`maxTurns: ${value} is more than Nova allows one activation, so it gets ${maxTurnsCap}`);
    return { turns: maxTurnsCap };
  }
  return { turns: value };
}
