import type { RunStatus } from '../core/trace/spans';

/** A mistake in how `nova` was called: one line on stderr and exit code 2, never a stack trace. */
export class UsageError extends Error {}

export const usage = `Usage:
  nova run [--agent NAME] [--workspace DIR] [--model ID] [--accept-agent FILE]... [--allow-endpoint URL]... "task"
      Run a team task on a folder (default: the current directory). Uses Claude when
      ANTHROPIC_API_KEY is set (and ANTHROPIC_BASE_URL, if set), the offline model otherwise.
      Streams the conversation, writes the trace to DIR/.nova/traces/<run>.jsonl, prints any
      proposals as unified diffs and stores them for review (nova proposals, or the editor's
      Proposals view), printing each one's id and its hunks' ids. Nothing is applied to your
      files. --model ID (or NOVA_MODEL) is the model of every agent, whatever its file says
      (sonnet, opus, haiku or a model id).
      NOVA_PRICES=FILE adds or replaces model prices (JSON: model → {input, output, cacheWrite,
      cacheRead} in $ per MTok).
  nova review [PATH]... [--workspace DIR] [--changed] [--format text|json|sarif|markdown] [--output FILE]
              [--fail-on error|warning|never] [--update-baseline]
      Nova's offline review (its analyzers and TypeScript's diagnostics; no model, no key) of DIR
      (default: the current directory), or of the files and folders named (relative to DIR), or
      with --changed of the files changed against HEAD (staged, unstaged and untracked). text: one
      line per finding, path:line:col severity rule message, grouped by file, then a summary
      table; json: the findings with fingerprints, ranges and evidence; sarif: SARIF 2.1.0 (GitHub
      code scanning); markdown: tables for a pull-request comment. --output FILE writes the report
      there and prints the summary. A finding is suppressed by a comment on the line before it or
      at the end of its line: // nova-ignore RULE: REASON (no reason: it suppresses nothing and is
      reported). --update-baseline accepts every finding reported now into
      .nova/review-baseline.json; baselined findings are not reported while their code is
      unchanged. Exit code 1 when a finding is at or above --fail-on (default: error; never: 0),
      2 for a path that does not exist, a bad flag, or --changed outside a git repository.
  nova improve --scope GLOB [--scope GLOB]... --goal TEXT [--preset P] [--agents] [--test-command CMD]
               [--keep-branch] [--report FILE.md] [--json FILE] [--workspace DIR] [--model ID]
      The self-improvement loop: the team changes the files inside the scope (globs, relative to
      DIR) toward the goal in a git worktree of its own, on branch nova/improve/<run>, from HEAD;
      your working tree, index, stash and branches are not touched (uncommitted work in the scope
      is not in the worktree: it is named first). Then the gates, in order: type-check, the test
      command (--test-command; it runs without asking, it is yours), the reviewer's verdict, and
      for --agents (the team's own definitions) the replay of .nova/evals. Prints each phase as it
      goes, then the change report (Markdown; to FILE.md with --report; the record as JSON with
      --json). The branch and its worktree are always left for you or the CI job (--keep-branch
      says so); the report names both. --preset: remove-dead-code, simplify, tighten-types,
      fix-review-findings (its words are the goal when --goal is not given). Exit code 0 only
      when every gate passed and the change is offered; 1 when a gate did not pass or nothing
      changed; 2 when DIR is not in a git repository with a commit.
  nova agents [--workspace DIR] [--model ID] [--accept-agent FILE]... [--allow-endpoint URL]...
      List the team (role, owned decisions, provenance; tools and model on a second line), the
      agent files that failed to load or lost something on the way, and those waiting for you. A workspace agent file that owns a decision, or overrides a shipped
      agent that owns or advises one, loads only with --accept-agent FILE (its current content; a
      changed file needs the flag again). An agent file's own baseURL, which would receive your
      API key, loads only with --allow-endpoint URL naming exactly that endpoint.
  nova proposals list [--all] [--json] [--workspace DIR]
      The proposals waiting for you (--all: the decided ones too), with their open hunks.
  nova proposals show ID [--json] [--workspace DIR]
      A proposal: summary, source (agent, run), rationale, risks, and each hunk with its id,
      status, author and diff, placed against the file as it is now (rebased, superseded or
      conflict is said). ID may be the start of an id, as long as it names one.
  nova proposals accept ID [--hunk HUNK]... [--workspace DIR]
      Writes the proposal's open hunks (or those named) to your files, each exactly where it
      belongs: moved by your edits, it is rebased; edited lines are a conflict, recorded and left
      unwritten. Never a part of a hunk. A checkpoint of the files is taken first.
  nova proposals reject ID [--hunk HUNK]... [--reason TEXT] [--workspace DIR]
      Rejects the open hunks (or those named), with your reason for the agent.
  nova trace show FILE
      Print a run's trace as a tree, with its problems marked.
  nova trace export --format jsonl|otlp FILE [--endpoint URL | --out PATH]
      A run's trace for other tools. jsonl: its spans, one JSON object a line (damaged lines left
      out), to stdout or PATH. otlp: an OpenTelemetry ExportTraceServiceRequest (protobuf; GenAI
      semantic conventions, Nova's own attributes under nova.*) saved to PATH or piped on, or sent
      with --endpoint to an OTLP/HTTP traces endpoint such as http://127.0.0.1:4318/v1/traces
      (Jaeger, an OpenTelemetry Collector, Langfuse, Phoenix). Credentials the endpoint needs go
      in OTEL_EXPORTER_OTLP_HEADERS (e.g. Authorization=Basic …).

Ctrl-C, SIGTERM or SIGHUP cancels a run (its trace is written); a second one exits at once.
Output is inert: control characters show as \\x1b, bidirectional ones as <U+202E>.

Exit codes: 0 done; 1 the run stopped or failed, a hunk conflicts or is refused (nova proposals), or a
  gate did not pass (nova improve);
  2 bad usage (an unknown proposal or hunk id too); 3 escalated to you;
  4 unsupported (offline, the run reached an agent with no offline plan: an API key lets it run);
  129, 130, 143 cancelled by SIGHUP, Ctrl-C (SIGINT), SIGTERM; 141 the output was closed (| head).`;

/** The part of the usage about one command (`nova review --help`), then the exit codes; undefined for an unknown command. */
export function commandUsage(command: string): string | undefined {
  const lines = usage.split('\n');
  const sections: string[] = [];
  let inCommand = false;
  for (const line of lines.slice(1)) {
    if (line === '') break;
    if (/^ {2}nova /.test(line)) inCommand = line.startsWith(`  nova ${command} `) || line === `  nova ${command}`;
    if (inCommand) sections.push(line);
  }
  if (sections.length === 0) return undefined;
  return ['Usage:', ...sections, '', ...lines.slice(lines.findIndex((line) => line.startsWith('Exit codes:')))].join('\n');
}

/** Exit codes, so scripts can tell a stopped run from a decision waiting for the person. */
export const exitCodes = {
  done: 0,
  failed: 1,
  usage: 2,
  escalated: 3,
  /** The run reached an agent its model cannot play (offline, no plan): not done, and not a failure of the team. */
  unsupported: 4,
  /** 128 + SIGPIPE: what a shell reports for a program that a closed pipe ended, as `yes | head` does. */
  outputClosed: 141,
} as const;

/** A run's exit code: only a completed run is 0. */
export function exitCodeOf(status: RunStatus): number {
  switch (status) {
    case 'completed':
      return exitCodes.done;
    case 'escalated':
      return exitCodes.escalated;
    case 'unsupported':
      return exitCodes.unsupported;
    case 'stopped':
    case 'cancelled':
      return exitCodes.failed;
  }
}
