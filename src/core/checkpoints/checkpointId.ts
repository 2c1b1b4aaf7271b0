/**
 * Checkpoint ids: sortable by creation time, unique without coordination between processes, and
 * safe both as the last part of a git ref (`refs/nova/checkpoints/<id>`) and as a file name — so an
 * id read back from a store, or given on a command line, can never name another ref or file.
 */
import { randomBytes } from 'node:crypto';
import { CheckpointRefused } from './errors';

/** `c-`, nine base-36 digits of milliseconds, `-`, eight base-36 random digits. Nothing else is an id. */
export const checkpointIdPattern = /^c-[0-9a-z]{9}-[0-9a-z]{8}$/;

/** A new id; ids from later milliseconds sort after earlier ones. */
export function newCheckpointId(now: number): string {
  const time = now.toString(36).padStart(9, '0');
  const random = [...randomBytes(8)].map((byte) => (byte % 36).toString(36)).join('');
  return `c-${time}-${random}`;
}

/** Throws `CheckpointRefused` unless `id` has the one shape ids have. */
export function assertCheckpointId(id: string): void {
  if (!checkpointIdPattern.test(id)) {
    throw new CheckpointRefused(`${JSON.stringify(id)} is not a checkpoint id (they look like "c-0mi6x2k1c-7f3k9q2a").`);
  }
}
