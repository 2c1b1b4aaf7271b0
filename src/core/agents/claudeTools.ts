/**
 * Claude Code's subagent tool names and what they become in Nova. `null`: no equivalent, because
 * Nova agents never write files or reach the network directly — they propose, and a person accepts.
 */
export const claudeToolEquivalents: ReadonlyMap<string, string | null> = new Map([
  ['Read', 'read_file'],
  ['Grep', 'search_text'],
  ['Glob', 'list_files'],
  ['LS', 'list_files'],
  ['Bash', 'run_command'],
  ['Edit', null],
  ['MultiEdit', null],
  ['Write', null],
  ['NotebookEdit', null],
  ['NotebookRead', null],
  ['WebFetch', null],
  ['WebSearch', null],
  ['TodoWrite', null],
  ['Task', null],
  ['BashOutput', null],
  ['KillShell', null],
  ['SlashCommand', null],
  ['ExitPlanMode', null],
]);

/** What a Claude Code agent that names no tools gets in Nova: reading, never changing. */
export const readOnlyTools: readonly string[] = ['read_file', 'list_files', 'search_text'];
