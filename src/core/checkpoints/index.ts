/** Checkpoints: the content of files before Nova writes to them, kept so a person can go back. */
export { CheckpointMetadataSchema, type Checkpoint, type CheckpointFile, type CheckpointSummary } from './checkpoint';
export { assertCheckpointId, checkpointIdPattern } from './checkpointId';
export { CheckpointNotFound, CheckpointRefused } from './errors';
export { diskCheckpointFiles, type CheckpointFiles } from './files';
export { checkpointRefPrefix } from './gitStore';
export { commandLineSnapshotFolder, openCheckpoints, type OpenCheckpointsOptions } from './open';
export { beforeRestoringLabel, restoreCheckpoint, type RestoreOutcome } from './restore';
export type { CheckpointListing, CheckpointStore } from './store';
