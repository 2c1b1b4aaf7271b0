/**
 * Where checkpoints are kept. Two stores share this interface: private git refs in the folder's
 * repository (./gitStore.ts) and, for a folder without git, JSON snapshots in a folder the caller
 * names (./snapshotStore.ts); `openCheckpoints` (./open.ts) picks one.
 */
import type { Checkpoint, CheckpointFile, CheckpointSummary } from './checkpoint';

/** The checkpoints found, newest first, and one problem per stored one that could not be used. */
export interface CheckpointListing {
  readonly checkpoints: readonly CheckpointSummary[];
  /** `<ref or file>: <why>`: a damaged, foreign or hand-made entry; reported, never thrown. */
  readonly problems: readonly string[];
}

/** A place that keeps checkpoints of one workspace folder's files. */
export interface CheckpointStore {
  /** `git`: private refs in the folder's repository; `snapshot`: files in a folder. */
  readonly kind: 'git' | 'snapshot';
  /** Where the checkpoints are, as a person reads it (for messages and logs). */
  readonly where: string;
  /**
   * Keeps `files` as they are given (texts exactly, `undefined` for a file that does not exist).
   * Throws `CheckpointRefused` when the label or a path is not acceptable; nothing is kept then.
   */
  create(label: string, files: readonly CheckpointFile[]): Promise<CheckpointSummary>;
  /** Every checkpoint, newest first. */
  list(): Promise<CheckpointListing>;
  /** One checkpoint with its texts; throws `CheckpointNotFound`, or `CheckpointRefused` for a malformed id or a damaged entry. */
  read(id: string): Promise<Checkpoint>;
  /** Forgets one checkpoint; throws `CheckpointNotFound` when there is none with this id. */
  remove(id: string): Promise<void>;
}

/** What stores are given besides their place: the clock that stamps `createdAt` (tests set it). */
export interface CheckpointStoreOptions {
  readonly now?: () => number;
}
