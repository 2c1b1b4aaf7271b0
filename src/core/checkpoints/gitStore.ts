/**
 * Checkpoints on private git refs: each is a commit (author and committer Nova) whose tree holds
 * the files that existed, with the label, time and absent files as JSON in its message, and
 * `refs/nova/checkpoints/<id>` pointing at it. Only plumbing is used, so nothing the person sees in
 * git moves: blobs are written by `hash-object -w` (one process for every file), the tree is built
 * in a temporary index (`GIT_INDEX_FILE` names a file in a temporary folder; the repository's own
 * index is never read or written), and `commit-tree` makes a commit with no parent. HEAD, the
 * index, branches, tags, the stash and the working tree are never touched; nothing here cleans,
 * resets, checks out or stashes. The objects stay reachable from the refs, so `git gc` keeps them
 * until the ref is deleted (`git update-ref -d refs/nova/checkpoints/<id>`).
 *
 * Git prints nothing for some commands, and simple-git waits 50 ms for output from a command that
 * printed none, so every command here is chosen to print something (`update-index --verbose`,
 * `update-ref --stdin` with a transaction): a checkpoint costs five short git processes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
import type { GitCommand } from './gitCommand';
import type { CheckpointListing, CheckpointStore, CheckpointStoreOptions } from './store';

/** The namespace of Nova's refs; `git for-each-ref refs/nova/checkpoints` lists them. */
export const checkpointRefPrefix = 'refs/nova/checkpoints/';

/** One ref as `for-each-ref` printed it: name, object, type and message body. */
interface RefRecord {
  readonly ref: string;
  readonly object: string;
  readonly type: string;
  readonly body: string;
}

export class GitCheckpointStore implements CheckpointStore {
  readonly kind = 'git';
  readonly where: string;
  private readonly now: () => number;

  constructor(
    private readonly git: GitCommand,
    options: CheckpointStoreOptions = {},
  ) {
    this.where = `private git refs (${checkpointRefPrefix}) in ${git.topFolder}`;
    this.now = options.now ?? Date.now;
  }

  async create(label: string, files: readonly CheckpointFile[]): Promise<CheckpointSummary> {
    checkCheckpointRequest(label, files);
    const createdAt = this.now();
    const metadata = checkpointMetadata(newCheckpointId(createdAt), label, createdAt, files);
    const scratch = await mkdtemp(join(tmpdir(), 'nova-checkpoint-'));
    try {
      const tree = await this.writeTree(scratch, files);
      const message = `Nova checkpoint: ${metadata.label}\n\n${JSON.stringify(metadata)}\n`;
      const commit = (await this.git.text(['commit-tree', '--no-gpg-sign', tree], { input: message })).trim();
      // `create` refuses to overwrite: two checkpoints can never share a ref.
      await this.git.text(['update-ref', '--stdin'], { input: `start\ncreate ${checkpointRefPrefix}${metadata.id} ${commit}\ncommit\n` });
    } finally {
      await rm(scratch, { recursive: true, force: true });
    }
    return summaryOf(metadata);
  }

  async list(): Promise<CheckpointListing> {
    const checkpoints: CheckpointSummary[] = [];
    const problems: string[] = [];
    for (const record of await this.refs(checkpointRefPrefix)) {
      const checked = checkRecord(record);
      if (typeof checked === 'string') problems.push(`${record.ref}: ${checked}`);
      else checkpoints.push(summaryOf(checked));
    }
    return { checkpoints: checkpoints.sort(newestFirst), problems };
  }

  async read(id: string): Promise<Checkpoint> {
    const { record, metadata } = await this.find(id);
    const entries = await this.treeEntries(record.object);
    const absent = new Set(metadata.absent);
    const problems: string[] = [];
    const byPath = new Map(entries.map((entry) => [entry.path, entry]));
    for (const entry of entries) {
      if (!metadata.paths.includes(entry.path) || absent.has(entry.path)) problems.push(`its tree holds ${JSON.stringify(entry.path)}, which its message does not list as present`);
      else if (entry.mode !== '100644' || entry.type !== 'blob') problems.push(`${JSON.stringify(entry.path)} is a ${entry.type} (mode ${entry.mode}), not a file`);
    }
    for (const path of metadata.paths) if (!absent.has(path) && !byPath.has(path)) problems.push(`${JSON.stringify(path)} is listed but missing from its tree`);
    if (problems.length > 0) throw new CheckpointRefused(`Checkpoint "${id}" is damaged: ${problems.join('; ')}.`);
    const present = metadata.paths.filter((path) => !absent.has(path));
    const texts = await this.blobTexts(present.map((path) => byPath.get(path)?.object ?? ''));
    const files = metadata.paths.map((path) => ({ path, text: absent.has(path) ? undefined : texts[present.indexOf(path)] }));
    return { id: metadata.id, label: metadata.label, createdAt: metadata.createdAt, files };
  }

  async remove(id: string): Promise<void> {
    await this.find(id);
    await this.git.text(['update-ref', '--stdin'], { input: `start\ndelete ${checkpointRefPrefix}${id}\ncommit\n` });
  }

  /** The ref of `id` and its checked metadata; throws `CheckpointNotFound` or `CheckpointRefused`. */
  private async find(id: string): Promise<{ record: RefRecord; metadata: CheckpointMetadata }> {
    assertCheckpointId(id);
    const record = (await this.refs(`${checkpointRefPrefix}${id}`)).find((candidate) => candidate.ref === `${checkpointRefPrefix}${id}`);
    if (!record) throw new CheckpointNotFound(id);
    const checked = checkRecord(record);
    if (typeof checked === 'string') throw new CheckpointRefused(`Checkpoint "${id}" cannot be used: ${checked}.`);
    return { record, metadata: checked };
  }

  /** Writes the present files' blobs and a tree of them, in a temporary index inside `scratch`. */
  private async writeTree(scratch: string, files: readonly CheckpointFile[]): Promise<string> {
    const present = files.filter((file): file is CheckpointFile & { text: string } => file.text !== undefined);
    const indexFile = join(scratch, 'index');
    if (present.length > 0) {
      const copies = present.map((_, index) => join(scratch, `blob-${index}`));
      await Promise.all(present.map((file, index) => writeFile(copies[index] as string, file.text, 'utf8')));
      // --no-filters: the bytes exactly as given, whatever .gitattributes says (no CRLF or clean filter).
      const written = (await this.git.text(['hash-object', '-w', '--no-filters', '--stdin-paths'], { input: `${copies.join('\n')}\n` })).split('\n').filter(Boolean);
      if (written.length !== present.length) throw new Error(`git hash-object wrote ${written.length} objects for ${present.length} files.`);
      // -z: NUL-terminated records, so no path is ever read as quoted.
      const entries = present.map((file, index) => `100644 ${written[index]}\t${file.path}\0`).join('');
      await this.git.text(['update-index', '-z', '--add', '--verbose', '--index-info'], { input: entries, indexFile });
    }
    return (await this.git.text(['write-tree'], { indexFile })).trim();
  }

  private async refs(pattern: string): Promise<RefRecord[]> {
    const output = await this.git.text(['for-each-ref', '--format=%(refname)%00%(objectname)%00%(objecttype)%00%(contents:body)%00', pattern]);
    return output
      .split('\0\n')
      .filter((chunk) => chunk.length > 0)
      .map((chunk) => {
        const [ref = '', object = '', type = '', body = ''] = chunk.split('\0');
        return { ref, object, type, body };
      });
  }

  private async treeEntries(commit: string): Promise<{ mode: string; type: string; object: string; path: string }[]> {
    const output = await this.git.text(['ls-tree', '-r', '-z', '--full-tree', commit]);
    return output
      .split('\0')
      .filter(Boolean)
      .map((line) => {
        const tab = line.indexOf('\t');
        const [mode = '', type = '', object = ''] = line.slice(0, tab).split(' ');
        return { mode, type, object, path: line.slice(tab + 1) };
      });
  }

  /** The texts of blobs, read by one `cat-file --batch` (bytes, so sizes are exact). */
  private async blobTexts(objects: readonly string[]): Promise<string[]> {
    if (objects.length === 0) return [];
    const output = await this.git.catFileBytes(['--batch'], { input: `${objects.join('\n')}\n` });
    const texts: string[] = [];
    let offset = 0;
    for (const object of objects) {
      const headerEnd = output.indexOf(0x0a, offset);
      const [name, type, size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
      if (name !== object || type !== 'blob' || size === undefined) throw new Error(`git cat-file did not return blob ${object}.`);
      const start = headerEnd + 1;
      texts.push(output.subarray(start, start + Number(size)).toString('utf8'));
      offset = start + Number(size) + 1;
    }
    return texts;
  }
}

/** A ref's metadata when it is a Nova checkpoint, else why not. */
function checkRecord(record: RefRecord): CheckpointMetadata | string {
  const id = record.ref.slice(checkpointRefPrefix.length);
  if (!checkpointIdPattern.test(id)) return 'not a checkpoint id';
  if (record.type !== 'commit') return `points to a ${record.type}, not a commit`;
  let json: unknown;
  try {
    json = JSON.parse(record.body);
  } catch {
    return 'its commit message is not a Nova checkpoint (no JSON)';
  }
  return parseCheckpointMetadata(json, id);
}
