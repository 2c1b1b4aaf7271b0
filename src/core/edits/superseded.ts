/**
 * After hunks are applied to a file, other waiting change sets may propose what the file now holds
 * (the same fix proposed twice, by a quick fix and by an agent, say). Their hunks are superseded —
 * settled, not left behind as a permanent conflict. Hunks that merely no longer match are not
 * decided here: the person may still undo what made them stale.
 */
import type { ChangeSet } from './changeSet';
import { isOpen } from './changeSetState';
import { placeHunks } from './placement';

/** A change set's hunks that `text` (the file at `path` as it is now) already holds. */
export interface SupersededHunks {
  readonly changeSetId: string;
  readonly hunkIds: readonly string[];
}

/** For each open change set other than `except`, its open hunks on `path` whose result `text` already holds. */
export function supersededBy(changeSets: readonly ChangeSet[], path: string, text: string | undefined, except?: string): SupersededHunks[] {
  const found: SupersededHunks[] = [];
  for (const set of changeSets) {
    if (set.id === except) continue;
    for (const file of set.files.filter((candidate) => candidate.path === path)) {
      const open = file.hunks.filter((hunk) => isOpen(hunk.status));
      if (open.length === 0) continue;
      const placement = placeHunks(text, { path, baseHash: file.baseHash, hunks: open });
      const hunkIds = placement.superseded.map((index) => open[index]?.id as string);
      if (hunkIds.length > 0) found.push({ changeSetId: set.id, hunkIds });
    }
  }
  return found;
}

/** Records as superseded (by `decide`) the hunks of `open` change sets that the files as written already hold; returns them. */
export async function settleSuperseded(
  open: readonly ChangeSet[],
  written: readonly { readonly path: string; readonly text: string | undefined }[],
  acceptedIn: ChangeSet,
  decide: (changeSetId: string, decisions: readonly { readonly hunkId: string; readonly status: 'superseded'; readonly reason: string }[]) => Promise<unknown>,
): Promise<SupersededHunks[]> {
  const byChangeSet = new Map<string, string[]>();
  for (const file of written) {
    for (const found of supersededBy(open, file.path, file.text, acceptedIn.id)) byChangeSet.set(found.changeSetId, [...(byChangeSet.get(found.changeSetId) ?? []), ...found.hunkIds]);
  }
  const reason = `the file already holds this change (accepted from “${acceptedIn.summary.slice(0, 80)}”)`;
  for (const [changeSetId, hunkIds] of byChangeSet) await decide(changeSetId, hunkIds.map((hunkId) => ({ hunkId, status: 'superseded', reason })));
  return [...byChangeSet].map(([changeSetId, hunkIds]) => ({ changeSetId, hunkIds }));
}
