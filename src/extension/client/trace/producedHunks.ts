/**
 * The hunks each span of a run produced, as the trace panel lists them under their handoff or
 * result: the run's agent change sets, grouped by the span that carried each (`source.spanId`).
 * A change set stored before spans were named goes under the run's own span, so it is still listed.
 * Pure: Node tests check it.
 */
import type { ChangeSet, Hunk } from '../../../core/edits/changeSet';
import { hunkLines } from '../../../core/edits/lines';
import type { ProducedHunk } from '../../../protocol/webview/trace';

/** Hunks by span id, for the change sets of `runId` (sets of other runs, quick fixes and the person's own are left out). */
export function producedHunks(runId: string, changeSets: readonly ChangeSet[], unnamedSpanId: string | undefined): Record<string, ProducedHunk[]> {
  const bySpan: Record<string, ProducedHunk[]> = {};
  for (const set of changeSets) {
    if (set.source.kind !== 'agent' || set.source.runId !== runId) continue;
    const spanId = set.source.spanId ?? unnamedSpanId;
    if (spanId === undefined) continue;
    const listed = (bySpan[spanId] ??= []);
    for (const file of set.files) {
      for (const hunk of file.hunks) listed.push({ changeSetId: set.id, hunkId: hunk.id, path: file.path, startLine: hunk.startLine, status: hunk.status, summary: hunkSummary(hunk) });
    }
  }
  return bySpan;
}

/** One line: how many lines it adds and removes, and its first changed line. */
export function hunkSummary(hunk: Pick<Hunk, 'before' | 'after'>): string {
  const added = hunkLines(hunk.after);
  const removed = hunkLines(hunk.before);
  const first = (added.find((line) => line.trim() !== '') ?? removed.find((line) => line.trim() !== '') ?? '').trim();
  const shown = first.length > 80 ? `${first.slice(0, 79)}…` : first;
  return `+${added.length} −${removed.length} lines${shown ? `: ${shown}` : ''}`;
}
