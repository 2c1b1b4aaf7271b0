/**
 * Accepting hunks without an editor (the command line): the same checks as the editor's accept
 * (src/extension/proposals/accept.ts) against the files on disk. Every path is resolved through the
 * sandbox; each hunk is placed in its file as it is now — exactly, rebased, found already applied,
 * or in conflict — and never partly applied. Hunks in conflict are recorded so and change nothing.
 * Before anything is written a checkpoint of the files keeps their content; each file is then
 * written whole and atomically (the edits keep its byte order mark and line breaks), and only then
 * are the hunks recorded as accepted.
 */
import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { ChangeSet, Hunk } from '../edits/changeSet';
import { isOpen } from '../edits/changeSetState';
import { applyEdits, placeHunks, type HunkConflict } from '../edits/placement';
import { settleSuperseded } from '../edits/superseded';
import { oneLine } from '../oneLine';
import { readLimits } from '../tools/readFile';
import { writeFileAtomically } from '../workspace/atomicWrite';
import type { WorkspaceSandbox } from '../workspace/sandbox';
import { readProposedFiles } from './proposedFiles';
import { ProposalRefused, type HunkDecision, type ProposalStore } from './store';

/**
 * Keeps the files' current content (`undefined`: the file does not exist yet) before hunks are
 * written to them, and returns the checkpoint's id. Paths are workspace paths, as change sets name them.
 */
export type TakeCheckpoint = (files: readonly { readonly path: string; readonly text: string | undefined }[], label: string) => Promise<string>;

/** A hunk written to its file: where it went in the file as it was (`rebased` when the file's changes had moved it). */
export interface AcceptedHunk {
  readonly hunkId: string;
  readonly path: string;
  readonly startLine: number;
  readonly rebased: boolean;
}

/** What accepting came to: the hunks written, those the files already held, those in conflict (and why). */
export interface DiskAcceptOutcome {
  readonly accepted: readonly AcceptedHunk[];
  readonly superseded: readonly string[];
  readonly conflicts: readonly HunkConflict[];
  /** The checkpoint taken before writing; absent when nothing was written. */
  readonly checkpoint?: string;
  /** The change set with the decisions recorded. */
  readonly changeSet: ChangeSet;
}

/** Where accepting reads, records and keeps: the workspace's store and sandbox, and the checkpoint to take first. */
export interface DiskAcceptOptions {
  readonly store: ProposalStore;
  readonly sandbox: WorkspaceSandbox;
  readonly checkpoint: TakeCheckpoint;
}

/**
 * Accepts the open hunks of `set` named by `hunkIds` (all of its open hunks when undefined); the
 * caller checks the ids. Throws `ProposalRefused` when a file may not be changed or cannot be read
 * (nothing is written or recorded then), and whatever the checkpoint throws (likewise).
 */
export async function acceptOnDisk(options: DiskAcceptOptions, set: ChangeSet, hunkIds?: readonly string[]): Promise<DiskAcceptOutcome> {
  const wanted = (hunk: Hunk) => isOpen(hunk.status) && (hunkIds === undefined || hunkIds.includes(hunk.id));
  const changes = set.files.map((file) => ({ file, hunks: file.hunks.filter(wanted) })).filter((change) => change.hunks.length > 0);
  const files = await readProposedFiles(options.sandbox, changes.map((change) => change.file.path));
  const unusable = files.flatMap((file) => (file.ok ? [] : [file.reason]));
  if (unusable.length > 0) throw new ProposalRefused(`Proposal "${set.id}" was not accepted: a file it changes cannot be changed`, unusable);

  const decisions: HunkDecision[] = [];
  const conflicts: HunkConflict[] = [];
  const superseded: string[] = [];
  const writes: { path: string; realPath: string; text: string | undefined; proposed: string; hunks: { index: number; id: string; startLine: number; rebased: boolean }[] }[] = [];
  changes.forEach(({ file, hunks }, index) => {
    const disk = files[index];
    if (!disk?.ok) return;
    const placement = placeHunks(disk.text, { path: file.path, baseHash: file.baseHash, hunks });
    const idOf = (at: number) => (hunks[at] as Hunk).id;
    for (const conflict of placement.conflicts) {
      conflicts.push(conflict);
      decisions.push({ hunkId: idOf(conflict.hunk), status: 'conflict', reason: conflict.reason });
    }
    for (const at of placement.superseded) {
      superseded.push(idOf(at));
      decisions.push({ hunkId: idOf(at), status: 'superseded', reason: 'the file already holds this change' });
    }
    if (placement.placed.length === 0) return;
    const proposed = applyEdits(disk.text ?? '', placement.placed.map((placed) => placed.edit));
    writes.push({ path: file.path, realPath: disk.realPath, text: disk.text, proposed, hunks: placement.placed.map((placed) => ({ index: placed.hunk, id: idOf(placed.hunk), startLine: placed.startLine, rebased: placed.rebased })) });
  });

  let checkpoint: string | undefined;
  const accepted: AcceptedHunk[] = [];
  let failure: unknown;
  if (writes.length > 0) {
    const count = writes.reduce((sum, write) => sum + write.hunks.length, 0);
    checkpoint = await options.checkpoint(
      writes.map((write) => ({ path: write.path, text: write.text })),
      `before accepting ${count} hunk${count === 1 ? '' : 's'} of “${oneLine(set.summary, 120)}”`,
    );
    for (const write of writes) {
      try {
        if (await changedSinceRead(options.sandbox, write)) {
          const reason = 'the file changed while the hunks were being accepted';
          for (const hunk of write.hunks) {
            conflicts.push({ path: write.path, hunk: hunk.index, hunkId: hunk.id, startLine: hunk.startLine, reason });
            decisions.push({ hunkId: hunk.id, status: 'conflict', reason });
          }
          continue;
        }
        if (write.text === undefined) await mkdir(dirname(write.realPath), { recursive: true });
        await writeFileAtomically(write.realPath, write.proposed);
      } catch (error) {
        // What was written is recorded; the rest stays open, and the person hears why.
        failure = new Error(`${write.path} could not be written (${error instanceof Error ? error.message : String(error)}): it and the files after it are unchanged, their hunks still open.`);
        break;
      }
      for (const hunk of write.hunks) {
        accepted.push({ hunkId: hunk.id, path: write.path, startLine: hunk.startLine, rebased: hunk.rebased });
        decisions.push({ hunkId: hunk.id, status: 'accepted' });
      }
    }
  }
  const changeSet = decisions.length > 0 ? await options.store.decide(set.id, decisions) : set;
  // The same change waiting in another change set is settled, not left as a conflict.
  if (accepted.length > 0) {
    const open = (await options.store.list({ open: true })).changeSets;
    const written = writes.filter((write) => accepted.some((hunk) => hunk.path === write.path)).map((write) => ({ path: write.path, text: write.proposed }));
    await settleSuperseded(open, written, set, (id, settled) => options.store.decide(id, settled));
  }
  if (failure) throw failure;
  return { accepted, superseded, conflicts, ...(checkpoint === undefined ? {} : { checkpoint }), changeSet };
}

/** Whether the file is no longer the text its hunks were placed in (someone wrote it meanwhile): then it is left alone. */
async function changedSinceRead(sandbox: WorkspaceSandbox, write: { readonly realPath: string; readonly text: string | undefined }): Promise<boolean> {
  const again = await sandbox.readResolved(write.realPath, readLimits.maxFileBytes);
  const now = again.ok ? again.text : again.problem === 'missing' ? undefined : null;
  return now !== write.text;
}
