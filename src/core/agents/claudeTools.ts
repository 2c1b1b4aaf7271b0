/**
 * Claude Code's subagent tools and what each becomes in Nova. Reading tools map to Nova's reading
 * tools; every other group is left out, each for its own reason, which the load warning names. The
 * names are Claude Code's current ones (and a few older ones that public agent files still use).
 */

/** Why a group of Claude Code tools has no place in a Nova agent, as a person reads it. */
export const droppedToolReasons = {
  writes: 'Nova agents change files only by proposing a change, which a person accepts hunk by hunk',
  shell: 'a Claude Code agent runs no commands in Nova; only the test-runner runs allowlisted commands',
  web: 'Nova agents do not reach the network; only the model client talks to the API',
  tasks: "Nova's orchestrator routes work between agents as validated handoffs; agents start no subagents and keep no task lists",
  person: "Nova agents do not talk to the person mid-run; they return a result, and a disputed decision is escalated",
  lsp: 'Nova has no language-server tool; name typescript_check for TypeScript diagnostics',
  skills: 'Claude Code skills and slash commands do not exist in Nova',
  mcp: 'Nova connects to no MCP servers',
  worktrees: 'Nova agents do not move between worktrees or schedule work',
  unknown: 'not a Claude Code tool Nova knows',
} as const;

export type DroppedToolReason = keyof typeof droppedToolReasons;

/** What a Claude Code tool becomes: a Nova tool, or left out for a reason. */
export type ClaudeToolMapping = { readonly nova: string } | { readonly dropped: DroppedToolReason };

const reading: Record<string, string> = { Read: 'read_file', NotebookRead: 'read_file', Grep: 'search_text', Glob: 'list_files', LS: 'list_files' };

const dropped: Record<DroppedToolReason, readonly string[]> = {
  writes: ['Write', 'Edit', 'MultiEdit', 'NotebookEdit'],
  // run_command is Nova's own name, refused here for the same reason.
  shell: ['Bash', 'BashOutput', 'KillShell', 'KillBash', 'PowerShell', 'run_command'],
  web: ['WebFetch', 'WebSearch'],
  tasks: ['Task', 'Agent', 'TaskCreate', 'TaskGet', 'TaskList', 'TaskUpdate', 'TaskOutput', 'TaskStop', 'TodoWrite', 'TodoRead', 'SendMessage', 'TeamCreate', 'TeamDelete'],
  person: ['AskUserQuestion', 'ExitPlanMode', 'EnterPlanMode'],
  lsp: ['LSP'],
  skills: ['Skill', 'SlashCommand', 'ToolSearch'],
  mcp: ['ListMcpResourcesTool', 'ReadMcpResourceTool'],
  worktrees: ['EnterWorktree', 'ExitWorktree', 'CronCreate', 'CronDelete', 'CronList'],
  unknown: [],
};

const droppedByName = new Map<string, DroppedToolReason>(
  Object.entries(dropped).flatMap(([reason, names]) => names.map((name) => [name, reason as DroppedToolReason] as const)),
);

/** What one tool named in a Claude Code file (`Bash`, `mcp__github__create_issue`) becomes in Nova. */
export function mapClaudeTool(name: string): ClaudeToolMapping {
  const nova = reading[name];
  if (nova) return { nova };
  if (name.startsWith('mcp__')) return { dropped: 'mcp' };
  return { dropped: droppedByName.get(name) ?? 'unknown' };
}

/** What a Claude Code agent that names no tools gets in Nova: reading, never changing. */
export const readOnlyTools: readonly string[] = ['read_file', 'list_files', 'search_text'];

/**
 * Splits a `tools:` value into tool names the way Claude Code reads it: a YAML list or a
 * comma-separated string, where `Tool(args)` is one tool (`Agent(Explore, Plan)` is `Agent`, not two
 * names cut at the comma inside the parentheses). The arguments narrow a tool in Claude Code; Nova
 * keeps only the name.
 */
export function splitToolList(value: string | readonly string[]): string[] {
  const items = typeof value === 'string' ? splitOutsideParentheses(value) : value.flatMap((item) => splitOutsideParentheses(String(item)));
  return items.map((item) => item.replace(/\(.*$/s, '').trim()).filter((item) => item.length > 0);
}

function splitOutsideParentheses(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const char of text) {
    if (char === '(') depth += 1;
    else if (char === ')') depth = Math.max(0, depth - 1);
    if (char === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += char;
  }
  parts.push(current);
  return parts;
}
