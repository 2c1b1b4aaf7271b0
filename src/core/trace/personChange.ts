/**
 * The person's edit of a run's proposal, recorded in that run's trace: when they change the proposed
 * side before accepting it, the hunks that are theirs are named in a `person_change` span appended
 * to `.nova/traces/<runId>.jsonl`, under the run's span — the trace then tells the agent's lines
 * from the person's. A change set from no run (a quick fix), a run whose trace is not in this
 * workspace, or an edit that kept the agent's hunks as they were records nothing.
 */
import { diffArrays } from 'diff';
import type { ChangeSet, Hunk } from '../edits/changeSet';
import { hunkLines } from '../edits/lines';
import { JsonlSpanProcessor, loadTrace, traceFilePath } from './jsonl';
import { TraceRecorder } from './recorder';
import type { PersonChangeSpan } from './spans';

/**
 * Appends a `person_change` span for the person-authored hunks among `hunkIds` of `path` (the ids
 * `revise` returned) to the trace of the run the change set came from. Returns the span, or
 * undefined when there is nothing to record or no trace to record it in.
 */
export async function recordPersonChange(workspaceFolder: string, changeSet: ChangeSet, path: string, hunkIds: readonly string[]): Promise<PersonChangeSpan | undefined> {
  const runId = changeSet.source.kind === 'fix' ? undefined : changeSet.source.runId;
  if (runId === undefined) return undefined;
  const hunks = changeSet.files.find((file) => file.path === path)?.hunks.filter((hunk) => hunkIds.includes(hunk.id) && hunk.author === 'person') ?? [];
  if (hunks.length === 0) return undefined;
  const file = traceFilePath(workspaceFolder, runId);
  const trace = await loadTrace(file).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (!trace) return undefined;
  // Span ids are unique within a trace file: the recorder's counter would repeat the run's.
  const taken = new Set(trace.spans.map((span) => span.id));
  let next = 0;
  const newId = () => {
    let id: string;
    do id = `person-${++next}`;
    while (taken.has(id));
    taken.add(id);
    return id;
  };
  const recorder = new TraceRecorder(runId, [new JsonlSpanProcessor(file)], { newId });
  const span = recorder.record('person_change', trace.tree.root?.span.id ?? null, { changeSetId: changeSet.id, path, hunkIds: hunks.map((hunk) => hunk.id), summary: personChangeSummary(hunks) });
  await recorder.flush();
  return span;
}

/** The person's hunks in a line: how many, the lines added and removed, and the first line they wrote. */
export function personChangeSummary(hunks: readonly Pick<Hunk, 'startLine' | 'before' | 'after'>[]): string {
  let added = 0;
  let removed = 0;
  for (const hunk of hunks) {
    // Anchor lines a hunk repeats on both sides are not changes: jsdiff counts only the others.
    for (const change of diffArrays(hunkLines(hunk.before), hunkLines(hunk.after))) {
      if (change.added) added += change.count;
      else if (change.removed) removed += change.count;
    }
  }
  const first = hunks[0];
  const written = first ? hunkLines(first.after).find((line) => !hunkLines(first.before).includes(line)) : undefined;
  const where = first ? ` at line ${first.startLine}${written === undefined ? '' : `: ${JSON.stringify(written.length > 80 ? `${written.slice(0, 79)}…` : written)}`}` : '';
  return `${hunks.length} hunk${hunks.length === 1 ? '' : 's'}, +${added} −${removed} line${added + removed === 1 ? '' : 's'}${where}`;
}
