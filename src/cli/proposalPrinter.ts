/**
 * Change sets as `nova proposals list` and `show` print them: one entry per change set in a list;
 * the whole change set in `show` — where it came from, why, its risks, and each file's hunks with
 * their id, status, author and a diff placed against the file as it is now (what accepting would do).
 */
import { describeProvenance } from '../core/contracts/provenance';
import type { ChangeSet, ChangeSource } from '../core/edits/changeSet';
import { changeSetStatus, hunkStatuses, isOpen } from '../core/edits/changeSetState';
import type { HunkStanding, HunkView } from '../core/proposals/hunkStanding';
import type { TerminalOutput } from './terminalOutput';

/** A change set as one entry of `nova proposals list`: id, status, open hunks, source, time; then its summary and files. */
export function printListEntry(set: ChangeSet, out: TerminalOutput): void {
  const hunks = set.files.flatMap((file) => file.hunks);
  const open = hunks.filter((hunk) => isOpen(hunk.status)).length;
  out.write(`${set.id}  ${changeSetStatus(set)}  ${open} of ${hunks.length} hunk${hunks.length === 1 ? '' : 's'} open  from ${describeSource(set.source)}  ${when(set.createdAt)}\n`);
  out.write(`    ${set.summary}\n`);
  for (const file of set.files) out.write(`    ${file.path}: ${countsByStatus(file.hunks)}\n`);
}

/** `nova proposals show`: the change set, then each file's hunks with where they stand now. */
export function printChangeSet(set: ChangeSet, views: readonly HunkView[], fileProblems: ReadonlyMap<string, string>, out: TerminalOutput): void {
  const hunks = set.files.flatMap((file) => file.hunks);
  out.write(`Proposal ${set.id}: ${changeSetStatus(set)} (${countsByStatus(hunks)})\n`);
  out.write(`Summary:   ${set.summary}\n`);
  out.write(`Source:    ${describeSource(set.source)}\n`);
  out.write(`Created:   ${when(set.createdAt)}\n`);
  out.write(`Rationale: ${set.rationale}\n`);
  out.write(set.risks.length === 0 ? 'Risks:     none named\n' : `Risks:\n${set.risks.map((risk) => `  - ${risk}\n`).join('')}`);
  for (const file of set.files) {
    out.write(`\n── ${file.path}${file.baseHash === null ? ' (a new file)' : ''}\n`);
    const problem = fileProblems.get(file.path);
    if (problem) out.write(`✗ ${problem}\n`);
    for (const view of views.filter((candidate) => candidate.path === file.path)) printHunk(view, out);
  }
}

function printHunk({ hunk, standing, patch }: HunkView, out: TerminalOutput): void {
  // A recorded conflict's reason is said again below, as the file is now.
  const reason = hunk.reason === undefined || standing.kind === 'conflict' ? '' : ` — ${hunk.status === 'rejected' ? 'reason' : 'why'}: ${hunk.reason}`;
  out.write(`\nhunk ${hunk.id}  ${hunk.status}  by ${hunk.author}${reason}\n`);
  const now = describeStanding(standing, hunk.startLine);
  if (now) out.write(`${now}\n`);
  out.write(`  ${hunk.rationale}\n`);
  out.write(patch);
}

/** What accepting the hunk now would do; nothing for a decided hunk. */
function describeStanding(standing: HunkStanding, proposedAt: number): string | undefined {
  switch (standing.kind) {
    case 'applies':
      return standing.rebased ? `  now: applies at line ${standing.startLine} (rebased: proposed at line ${proposedAt}, the file changed since)` : `  now: applies at line ${standing.startLine}`;
    case 'superseded':
      return '  now: superseded — the file already holds this change';
    case 'conflict':
      return `✗ now: conflict — ${standing.reason}`;
    case 'decided':
      return undefined;
  }
}

/** "2 pending, 1 accepted": the hunks' statuses in a fixed order. */
function countsByStatus(hunks: readonly { readonly status: (typeof hunkStatuses)[number] }[]): string {
  return hunkStatuses
    .map((status) => [status, hunks.filter((hunk) => hunk.status === status).length] as const)
    .filter(([, count]) => count > 0)
    .map(([status, count]) => `${count} ${status}`)
    .join(', ');
}

/** Where a change set came from, in words. */
export function describeSource(source: ChangeSource): string {
  switch (source.kind) {
    case 'agent':
      return `${source.agent}${source.provenance && source.provenance.origin !== 'shipped' ? ` [${describeProvenance(source.provenance)}]` : ''} in run ${source.runId}`;
    case 'fix':
      return `quick fix "${source.title}" (${source.rule}) at ${source.path}:${source.line}`;
    case 'person':
      return `you${source.runId ? `, from run ${source.runId}${source.agent ? ` (${source.agent}'s reply)` : ''}` : ''}`;
  }
}

function when(time: number): string {
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
