/**
 * Checkpoints as files, for a folder without git (or a machine without git): in a folder the
 * caller names — the extension's workspace storage, or `.nova/checkpoints` for the command line —
 * each checkpoint is two JSON files: `<id>.texts.json` (the texts) written first, then `<id>.json`
 * (label, time, paths, absent files), so a listing never shows a checkpoint whose texts are not
 * all there. Each is written to a temporary name and renamed, so a crash leaves no half file.
 * Everything read back is checked (a file in that folder can be edited by anyone).
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import {
  checkCheckpointRequest,
  checkpointMetadata,
  newestFirst,
  parseCheckpointMetadata,
  summaryOf,
  type Checkpoint,
  type CheckpointFile,
  type CheckpointMetadata,
  type CheckpointSummary,
} from './checkpoint';
import { assertCheckpointId, checkpointIdPattern, newCheckpointId } from './checkpointId';
import { CheckpointNotFound, CheckpointRefused } from './errors';
import type { CheckpointListing, CheckpointStore, CheckpointStoreOptions } from './store';

const TextsSchema = z.object({ format: z.literal('nova-checkpoint-texts/1'), texts: z.record(z.string(), z.string()) });

export class SnapshotCheckpointStore implements CheckpointStore {
  readonly kind = 'snapshot';
  readonly where: string;
  private readonly now: () => number;

  constructor(
    /** The folder the snapshots are kept in (created on the first checkpoint). */
    readonly folder: string,
    options: CheckpointStoreOptions = {},
  ) {
    this.where = `file snapshots in ${folder}`;
    this.now = options.now ?? Date.now;
  }

  async create(label: string, files: readonly CheckpointFile[]): Promise<CheckpointSummary> {
    checkCheckpointRequest(label, files);
    const createdAt = this.now();
    const metadata = checkpointMetadata(newCheckpointId(createdAt), label, createdAt, files);
    const texts: Record<string, string> = {};
    for (const file of files) if (file.text !== undefined) texts[file.path] = file.text;
    await mkdir(this.folder, { recursive: true });
    await writeAtomically(join(this.folder, `${metadata.id}.texts.json`), JSON.stringify({ format: 'nova-checkpoint-texts/1', texts }));
    await writeAtomically(join(this.folder, `${metadata.id}.json`), `${JSON.stringify(metadata, null, 2)}\n`);
    return summaryOf(metadata);
  }

  async list(): Promise<CheckpointListing> {
    let names: string[];
    try {
      names = await readdir(this.folder);
    } catch (error) {
      if (isMissing(error)) return { checkpoints: [], problems: [] };
      throw error;
    }
    const checkpoints: CheckpointSummary[] = [];
    const problems: string[] = [];
    // Only `<id>.json` names a checkpoint; texts and temporary files are read through it.
    const ids = names.filter((name) => name.endsWith('.json') && checkpointIdPattern.test(name.slice(0, -'.json'.length))).map((name) => name.slice(0, -'.json'.length));
    for (const id of ids) {
      const metadata = await this.metadata(id).catch((error: unknown) => (error instanceof Error ? error.message : String(error)));
      if (typeof metadata === 'string') problems.push(`${id}.json: ${metadata}`);
      else if (metadata) checkpoints.push(summaryOf(metadata));
    }
    return { checkpoints: checkpoints.sort(newestFirst), problems };
  }

  async read(id: string): Promise<Checkpoint> {
    const metadata = await this.existing(id);
    const absent = new Set(metadata.absent);
    let texts: Record<string, string>;
    try {
      const parsed = TextsSchema.safeParse(JSON.parse(await readFile(join(this.folder, `${id}.texts.json`), 'utf8')));
      if (!parsed.success) throw new Error('not the texts of a Nova checkpoint');
      texts = parsed.data.texts;
    } catch (error) {
      throw new CheckpointRefused(`Checkpoint "${id}" is damaged: ${id}.texts.json ${isMissing(error) ? 'is missing' : `cannot be used (${(error as Error).message})`}.`);
    }
    const expected = metadata.paths.filter((path) => !absent.has(path));
    const extra = Object.keys(texts).filter((path) => !expected.includes(path));
    const missing = expected.filter((path) => !Object.hasOwn(texts, path));
    if (extra.length > 0 || missing.length > 0) {
      throw new CheckpointRefused(`Checkpoint "${id}" is damaged: its texts ${[...extra.map((path) => `hold ${JSON.stringify(path)}, which it does not list`), ...missing.map((path) => `lack ${JSON.stringify(path)}`)].join('; ')}.`);
    }
    return { id, label: metadata.label, createdAt: metadata.createdAt, files: metadata.paths.map((path) => ({ path, text: absent.has(path) ? undefined : texts[path] })) };
  }

  async remove(id: string): Promise<void> {
    await this.existing(id);
    // The metadata first: a checkpoint whose removal stopped halfway is no longer listed.
    await rm(join(this.folder, `${id}.json`), { force: true });
    await rm(join(this.folder, `${id}.texts.json`), { force: true });
  }

  private async existing(id: string): Promise<CheckpointMetadata> {
    assertCheckpointId(id);
    let metadata: CheckpointMetadata | undefined;
    try {
      metadata = await this.metadata(id);
    } catch (error) {
      throw new CheckpointRefused(`Checkpoint "${id}" cannot be used: ${(error as Error).message}.`);
    }
    if (!metadata) throw new CheckpointNotFound(id);
    return metadata;
  }

  /** The checked metadata of `id`, `undefined` when it has none; throws why it cannot be used. */
  private async metadata(id: string): Promise<CheckpointMetadata | undefined> {
    let text: string;
    try {
      text = await readFile(join(this.folder, `${id}.json`), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw new Error(`could not be read (${(error as NodeJS.ErrnoException).code ?? 'error'})`, { cause: error });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new Error('not valid JSON');
    }
    const checked = parseCheckpointMetadata(json, id);
    if (typeof checked === 'string') throw new Error(checked);
    return checked;
  }
}

async function writeAtomically(file: string, content: string): Promise<void> {
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, content, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
