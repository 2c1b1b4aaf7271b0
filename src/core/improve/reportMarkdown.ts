/**
 * The change report as Markdown, for `nova improve` in CI and for anyone reading it outside the
 * editor (the JSON is the record itself). Evidence is quoted in fenced blocks long enough that the
 * captured output cannot close them, so a test's output never turns into Markdown of its own.
 */
import type { GateRecord, ImproveReport } from './record';

const statusMark: Record<GateRecord['status'], string> = { passed: '✅ passed', failed: '❌ failed', error: '⚠️ error', skipped: '➖ skipped' };

export function reportMarkdown(report: ImproveReport): string {
  const lines: string[] = [];
  lines.push(`# ${report.title}`, '');
  lines.push(report.offered ? '**Offered for acceptance: every gate passed.**' : `**Not offered for acceptance**: ${report.files.length === 0 ? 'there is no change.' : 'not every gate passed.'}`, '');
  lines.push(`Goal: ${report.goal}${report.preset ? ` (${report.preset})` : ''} · scope: ${report.scope.map(code).join(', ')} · target: ${report.target}`);
  lines.push(`Branch ${code(report.branch)} from ${code(report.base.slice(0, 12))}, worktree ${code(report.worktree)} · trace ${code(report.trace)}`, '');
  lines.push('## Summary', '', report.summary, '');

  lines.push('## Changes', '');
  if (report.files.length === 0) lines.push('No file changed.');
  for (const file of report.files) lines.push(`- ${code(file.path)} (${file.change}, +${file.added} −${file.removed}): ${file.why}`);
  lines.push('');

  lines.push('## Gates', '');
  if (report.gates.length === 0) lines.push('No gate ran.', '');
  for (const gate of report.gates) {
    lines.push(`### ${gate.title}: ${statusMark[gate.status]}`, '');
    lines.push(`${gate.summary}${gate.command ? ` — ${code(gate.command)}` : ''}${gate.exitCode === undefined ? '' : `, exit code ${gate.exitCode}`}, ${(gate.durationMs / 1000).toFixed(1)} s`, '');
    if (gate.evidence.trim() !== '') lines.push(fenced(gate.evidence), '');
    if (gate.trimmed || gate.logFile) lines.push(`${gate.trimmed ? 'The output is trimmed to its decisive part. ' : ''}${gate.logFile ? `The whole output: ${code(gate.logFile)}.` : ''}`, '');
  }

  if (report.protectedAttempts.length > 0) {
    lines.push('## Protected paths: refused writes', '');
    for (const attempt of report.protectedAttempts) lines.push(`- **${attempt.agent}** (${attempt.via}) → ${code(attempt.path)}: ${attempt.reason}`);
    lines.push('');
  }
  section(lines, 'Risks', report.risks);
  section(lines, 'Not checked', report.notChecked);
  section(lines, 'Uncommitted work in the scope (not in the worktree, which started from HEAD)', report.dirtyInScope.map(code));

  lines.push('## Phases', '', '| phase | ms |', '| --- | ---: |', ...report.phases.map((phase) => `| ${phase.phase} | ${Math.round(phase.ms)} |`), '');
  return lines.join('\n');
}

function section(lines: string[], title: string, items: readonly string[]): void {
  if (items.length === 0) return;
  lines.push(`## ${title}`, '', ...items.map((item) => `- ${item}`), '');
}

/** Inline code that survives backticks inside it. */
function code(text: string): string {
  const longest = Math.max(0, ...[...text.matchAll(/`+/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return longest === 0 ? `${fence}${text}${fence}` : `${fence} ${text} ${fence}`;
}

/** A fenced block longer than any run of backticks in `text`. */
function fenced(text: string): string {
  const longest = Math.max(2, ...[...text.matchAll(/`{3,}/g)].map((match) => match[0].length));
  const fence = '`'.repeat(longest + 1);
  return `${fence}text\n${text.replace(/\n+$/, '')}\n${fence}`;
}
