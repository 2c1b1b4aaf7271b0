/** What goes wrong with checkpoints that a person should read as such (not as a crash). */

/** Thrown when a checkpoint may not be taken or used as asked: a bad path, id or label; the message says which and why. */
export class CheckpointRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointRefused';
  }
}

/** Thrown when no checkpoint has the id asked for. */
export class CheckpointNotFound extends Error {
  constructor(readonly id: string) {
    super(`There is no checkpoint "${id}".`);
    this.name = 'CheckpointNotFound';
  }
}
