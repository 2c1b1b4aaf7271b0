/**
 * How the Runs view words a run: its status (as an icon and a word), entry agent, duration (for a
 * running run, the time so far), cost and problem count in one line, and the full story in a
 * Markdown tooltip. Pure and vscode-free (type imports only), so Node tests read exactly what the
 * person reads; src/extension/runsView.ts turns these into tree items.
 */
import { isTeamReviewTask } from '../../core/review/batch/teamReviewTask';
import type { RunSummary } from '../../protocol/run';

/** A theme icon by id, with the theme colour it is drawn in (undefined: the icon's own). */
export interface RunIcon {
  readonly id: string;
  readonly color?: string;
}

const statusWords: Record<RunSummary['status'], string> = {
  running: 'running',
  completed: 'completed',
  stopped: 'stopped',
  escalated: 'escalated',
  cancelled: 'cancelled',
  unsupported: 'unsupported',
  // A trace without its run span: the process ended before the run did.
  unknown: 'unfinished',
};

const statusIcons: Record<RunSummary['status'], RunIcon> = {
  running: { id: 'sync~spin' },
  completed: { id: 'pass', color: 'charts.green' },
  stopped: { id: 'error', color: 'list.errorForeground' },
  escalated: { id: 'report', color: 'list.warningForeground' },
  cancelled: { id: 'circle-slash' },
  unsupported: { id: 'circle-large-outline' },
  unknown: { id: 'question', color: 'list.warningForeground' },
};

/** The status in a word ("completed", "unfinished" for a trace cut off before its run ended). */
export function statusWord(status: RunSummary['status']): string {
  return statusWords[status];
}

/** The status icon; a run that went sideways somewhere is drawn in the warning colour whatever its status. */
export function runIcon(run: Pick<RunSummary, 'status' | 'problems'>): RunIcon {
  const icon = statusIcons[run.status];
  if ((run.problems ?? 0) > 0 && run.status !== 'stopped' && run.status !== 'running') return { id: icon.id, color: 'list.warningForeground' };
  return icon;
}

/**
 * A length of time as a person reads it: `0.4 s`, `12 s`, `4 min 05 s`, `2 h 03 min`. `live`: whole
 * seconds only, for a running run's clock (so it ticks once a second instead of flickering tenths).
 */
export function durationText(ms: number, live = false): string {
  const safe = Math.max(0, ms);
  if (!live && safe < 9_950) return `${(safe / 1000).toFixed(1)} s`;
  const seconds = live ? Math.floor(safe / 1000) : Math.round(safe / 1000);
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ${String(seconds % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** How long the run took, or (running) has been going at `now`; undefined when its end was never recorded. */
export function runDuration(run: Pick<RunSummary, 'status' | 'startedAt' | 'endedAt'>, now: number): string | undefined {
  if (run.status === 'running') return durationText(now - run.startedAt, true);
  return run.endedAt === undefined ? undefined : durationText(run.endedAt - run.startedAt);
}

/** `$0` (nothing spent, e.g. offline), `$0.0123`, `$1.23`: as the chat shows cost. */
export function costText(costUsd: number): string {
  if (costUsd === 0) return '$0';
  return costUsd < 0.1 ? `$${costUsd.toFixed(4)}` : `$${costUsd.toFixed(2)}`;
}

/** `1 problem`, `2 problems`. */
export function problemsText(count: number): string {
  return `${count} problem${count === 1 ? '' : 's'}`;
}

/** The row's description: `completed · coder · 12 s · $0.0123 · 2 problems` (what is unknown is left out). */
export function runDescription(run: RunSummary, now: number): string {
  const problems = run.problems ?? 0;
  return [statusWord(run.status), run.entryAgent, runDuration(run, now), run.usage ? costText(run.usage.costUsd) : undefined, problems > 0 ? problemsText(problems) : undefined]
    .filter((part): part is string => part !== undefined && part !== '')
    .join(' · ');
}

const labelLength = 120;

/** The row's label: the task on one line (the run id when there is none). */
export function runLabel(run: Pick<RunSummary, 'task' | 'runId'>): string {
  const text = run.task.replace(/\s+/g, ' ').trim();
  if (text === '') return run.runId;
  return text.length > labelLength ? `${text.slice(0, labelLength - 1)}…` : text;
}

/** Where the run's trace is kept, relative to the workspace folder. */
export function traceFileLabel(runId: string): string {
  return `.nova/traces/${runId}.jsonl`;
}

/** Text shown literally in Markdown: every character Markdown could read as syntax is escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!|<>~&$]/g, (character) => `\\${character}`);
}

/** The tooltip, as Markdown: task, status, started, entry agent, what it reran, cost, trace file. */
export function runTooltip(run: RunSummary, now: number, locale?: string): string {
  const task = run.task.replace(/\s+/g, ' ').trim();
  const problems = run.problems ?? 0;
  const duration = runDuration(run, now);
  const status = [statusWord(run.status), problems > 0 ? problemsText(problems) : run.problems === 0 ? 'no problems' : undefined].filter(Boolean).join(' · ');
  const details = [
    `Status: ${status}`,
    `Started: ${new Date(run.startedAt).toLocaleString(locale)}${duration ? ` · ${run.status === 'running' ? 'running for' : 'took'} ${duration}` : ''}`,
    run.entryAgent && `Entry agent: ${run.entryAgent}`,
    run.rerunOf && `Rerun of: run ${run.rerunOf}`,
    run.usage && `Cost: ${costText(run.usage.costUsd)} · ${run.usage.steps} model call${run.usage.steps === 1 ? '' : 's'} · ${run.usage.tokens.toLocaleString('en-US')} tokens`,
    `Trace: ${traceFileLabel(run.runId)}`,
  ].filter((line): line is string => typeof line === 'string' && line !== '');
  const title = task.length > 500 ? `${task.slice(0, 499)}…` : task || '(no task recorded)';
  // Two spaces end a Markdown line without starting a paragraph.
  return `**${escapeMarkdown(title)}**\n\n${details.map(escapeMarkdown).join('  \n')}`;
}

/**
 * The row's context value, whose `;`-separated flags package.json's menus test: `running` or
 * `ended` (Delete and Export are for ended runs), `again` (a task and an entry agent to run again),
 * `improve` (an improvement: Open Change Report).
 */
export function runContextValue(run: Pick<RunSummary, 'status' | 'task' | 'entryAgent'>): string {
  const flags = [run.status === 'running' ? 'running' : 'ended', canRunAgain(run) ? 'again' : '', isImprovement(run) ? 'improve' : ''].filter((flag) => flag !== '');
  return `nova.run;${flags.join(';')};`;
}

/** Whether the run is an improvement (its root span's task is `Improve: <goal>`), whose change report the row offers. */
export function isImprovement(run: Pick<RunSummary, 'task'>): boolean {
  return run.task.startsWith('Improve: ');
}

/** Whether "Run Again" can start the same task at the same entry agent: both are recorded. */
export function canRunAgain(run: Pick<RunSummary, 'status' | 'task' | 'entryAgent'>): boolean {
  // An improvement's task is no request for the team: "Nova: Improve…" runs one again, through its gates.
  if (isImprovement(run)) return false;
  // Nor is a batched team review's: Review Workspace is how one runs again.
  if (isTeamReviewTask(run.task)) return false;
  return run.status !== 'unknown' && run.task.trim() !== '' && run.entryAgent !== undefined && run.entryAgent !== '';
}
