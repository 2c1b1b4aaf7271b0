/**
 * The change sets a person has not yet decided on, and the decisions made — per hunk — kept so they
 * survive a crash or a restart of the language server, and shared by the editor and the command
 * line. With a workspace folder they live on disk (see ./folder.ts) and every read looks at the
 * folder again, so another process's writes are seen; without one (an LSP client with no
 * workspace) they live in memory for the life of the store.
 *
 * Every path a change set names is checked here on its own, not only by the contract that let it
 * in: when it is added, and again whenever an open one is listed or a hunk accepted — a record
 * planted on disk, or a symbolic link made after it was stored, is reported as a problem, never
 * offered as pending.
 */
import { getContract, type ChangeProposal, type ContractDefinition } from '../contracts';
import { validatePayload } from '../contracts/validate';
import { ChangeSet as ChangeSetSchema, ChangeSource, isOpen, isPending, type ChangeSet, type FileChange, type Hunk, type HunkStatus } from '../edits/changeSet';
import { hunksBetween } from '../edits/lineDiff';
import { changeSetIdentity, fileChange, newChangeSet } from '../edits/newChangeSet';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import { resolveProposablePath } from '../workspace/proposablePath';
import { WorkspaceSandbox } from '../workspace/sandbox';
import { proposalsFolder, readProposalFile, readProposalFiles, writeProposalFile } from './folder';
import { assertProposalId, newProposalId } from './ids';

/** Thrown when no change set has the id asked for. */
export class ProposalNotFound extends Error {
  constructor(readonly id: string) {
    super(`There is no proposal "${id}".`);
    this.name = 'ProposalNotFound';
  }
}

/** Thrown when a decision does not fit a hunk: an unknown hunk id, or a status it cannot move to from where it is. */
export class HunkDecisionRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HunkDecisionRefused';
  }
}

/** Thrown when a change set may not be stored or accepted: it is not a valid ChangeProposal, or a path it names may not be changed. */
export class ProposalRefused extends Error {
  constructor(
    message: string,
    /** One line per problem (`path: message`, or the path and why it was refused). */
    readonly problems: readonly string[],
  ) {
    super(`${message}:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ProposalRefused';
  }
}

/** The change sets found, oldest first, and the files that could not be read (`<file>: <reason>`). */
export interface ProposalListing {
  readonly changeSets: ChangeSet[];
  readonly problems: string[];
}

/**
 * A decision on one hunk: its new status, and the person's reason (for a rejection) or what no
 * longer matches (for a conflict). An accept may carry `after`, the person's own text for the hunk:
 * what they accepted is what is recorded, as their change (`author: 'person'`).
 */
export interface HunkDecision {
  readonly hunkId: string;
  readonly status: HunkStatus;
  readonly reason?: string;
  readonly after?: string;
}

/** Options: the clock that stamps `createdAt` and `resolvedAt` (for tests), and the sandbox paths are checked in. */
export interface ProposalStoreOptions {
  readonly now?: () => number;
  /**
   * The workspace's sandbox, where each proposed path must resolve (all of a multi-root workspace's
   * folders). Default: a sandbox over the store's folder alone, reading the disk.
   */
  readonly sandbox?: () => Promise<WorkspaceSandbox>;
}

/**
 * Which moves a hunk's status may make. Open hunks are decided; a decision is taken back (Undo after
 * an accept, reopening a rejected or superseded hunk) only by returning it to `pending`.
 */
const allowedMoves: Readonly<Record<HunkStatus, readonly HunkStatus[]>> = {
  pending: ['accepted', 'rejected', 'conflict', 'superseded'],
  conflict: ['accepted', 'rejected', 'conflict', 'superseded', 'pending'],
  accepted: ['pending'],
  rejected: ['pending'],
  superseded: ['pending'],
};

/** Finds why a change set's paths may not be changed: one line per refused path, none when all may. */
type PathCheck = (paths: readonly string[]) => Promise<string[]>;

/** Each path's current text (`undefined`: no such file); a path missing from the map could not be read. */
type TextReader = (paths: readonly string[]) => Promise<Map<string, string | undefined>>;

/** Where the records are kept: a folder on disk, or a map in memory. */
interface ProposalShelf {
  readAll(): Promise<ProposalListing>;
  read(id: string): Promise<ChangeSet | undefined>;
  write(record: ChangeSet): Promise<void>;
}

/** Change sets awaiting a person's decisions, and the decisions made; open one per workspace. */
export class ProposalStore {
  /** Changes run one after another, so two decisions on one hunk cannot both succeed. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly shelf: ProposalShelf,
    private readonly now: () => number,
    private readonly pathProblems: PathCheck,
    private readonly readTexts: TextReader,
  ) {}

  /**
   * The store of a workspace folder (`<folder>/.nova/proposals`), or an in-memory one when `folder`
   * is undefined (then only the contract checks paths and no file is read: there is no folder).
   */
  static open(folder: string | undefined, options: ProposalStoreOptions = {}): ProposalStore {
    const now = options.now ?? Date.now;
    if (folder === undefined) return new ProposalStore(memoryShelf(), now, () => Promise.resolve([]), () => Promise.resolve(new Map()));
    const sandbox = options.sandbox ?? (() => WorkspaceSandbox.create([folder], nodeWorkspaceFiles));
    return new ProposalStore(folderShelf(proposalsFolder(folder)), now, sandboxPathCheck(sandbox), sandboxTexts(sandbox));
  }

  /**
   * Stores a new change set, every hunk pending (or a conflict, saying why, when it does not match
   * the file as it is). The same hunks already waiting in another change set are not stored twice:
   * that one is returned, with `duplicate`. Throws `ProposalRefused`, listing each problem, when the
   * proposal or its source is invalid or a path it names leaves the workspace or is protected.
   */
  async add(source: ChangeSource, proposal: ChangeProposal): Promise<{ readonly changeSet: ChangeSet; readonly duplicate: boolean }> {
    const valid = checked<ChangeProposal>(getContract('ChangeProposal'), proposal, 'The proposal is not a valid ChangeProposal');
    checked(sourceContract, source, 'The proposal source is not valid');
    const paths = valid.files.map((file) => file.path);
    const refused = await this.pathProblems(paths);
    if (refused.length > 0) throw new ProposalRefused('The proposal names a file it may not change', refused);
    const texts = await this.readTexts(paths);
    return this.serially(async () => {
      const createdAt = this.now();
      const changeSet = newChangeSet(newProposalId(createdAt), createdAt, source, valid, texts);
      const identity = changeSetIdentity(changeSet);
      const { changeSets } = await this.shelf.readAll();
      const same = changeSets.find((other) => isPending(other) && changeSetIdentity(other) === identity);
      if (same) return { changeSet: same, duplicate: true };
      await this.shelf.write(changeSet);
      return { changeSet, duplicate: false };
    });
  }

  /**
   * Every stored change set, oldest first; `open: true` only those with a hunk still pending or in
   * conflict, `open: false` only the others. Never throws for one bad file. An open change set whose
   * paths may no longer be changed is left out and named in `problems`.
   */
  async list(filter: { readonly open?: boolean } = {}): Promise<ProposalListing> {
    const { changeSets, problems } = await this.shelf.readAll();
    const wanted = filter.open === undefined ? changeSets : changeSets.filter((set) => isPending(set) === filter.open);
    const usable: ChangeSet[] = [];
    for (const set of wanted) {
      const refused = isPending(set) ? await this.pathProblems(set.files.map((file) => file.path)) : [];
      if (refused.length === 0) usable.push(set);
      else problems.push(`${set.id}.json: names a file it may not change: ${refused.join('; ')}`);
    }
    return { changeSets: usable.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)), problems };
  }

  /** The change set with this id, or undefined; throws for an id that is not a valid id. */
  async get(id: string): Promise<ChangeSet | undefined> {
    assertProposalId(id);
    return await this.shelf.read(id);
  }

  /**
   * Records decisions on hunks of one change set, all or none. Throws `ProposalNotFound` for an
   * unknown change set, `HunkDecisionRefused` for an unknown hunk or a move its status cannot make
   * (accepting a hunk twice, say), `ProposalRefused` when accepting a hunk whose path may no longer be changed.
   */
  async decide(id: string, decisions: readonly HunkDecision[]): Promise<ChangeSet> {
    assertProposalId(id);
    return this.serially(async () => {
      const stored = await this.shelf.read(id);
      if (!stored) throw new ProposalNotFound(id);
      const byId = new Map(stored.files.flatMap((file) => file.hunks.map((hunk) => [hunk.id, { path: file.path, hunk }] as const)));
      for (const decision of decisions) {
        const found = byId.get(decision.hunkId);
        if (!found) throw new HunkDecisionRefused(`Proposal "${id}" has no hunk "${decision.hunkId}".`);
        if (decision.after !== undefined && decision.status !== 'accepted') throw new HunkDecisionRefused(`Only an accept may carry the person's text (hunk ${decision.hunkId} of proposal "${id}").`);
        if (!allowedMoves[found.hunk.status].includes(decision.status)) {
          throw new HunkDecisionRefused(`Hunk ${decision.hunkId} of proposal "${id}" is ${found.hunk.status}; it cannot become ${decision.status}${found.hunk.status === decision.status ? ' again' : ''}.`);
        }
      }
      const accepting = decisions.filter((decision) => decision.status === 'accepted').map((decision) => byId.get(decision.hunkId)?.path as string);
      const refused = await this.pathProblems([...new Set(accepting)]);
      if (refused.length > 0) throw new ProposalRefused(`Proposal "${id}" cannot be accepted: it names a file it may not change`, refused);
      const now = this.now();
      const decided = new Map(decisions.map((decision) => [decision.hunkId, decision]));
      const updated: ChangeSet = {
        ...stored,
        files: stored.files.map((file) => ({ ...file, hunks: file.hunks.map((hunk) => withDecision(hunk, decided.get(hunk.id), now)) })),
      };
      await this.shelf.write(updated);
      return updated;
    });
  }

  /**
   * The person's own version of one file of a change set: `edited` is the whole file as they want
   * it, `current` the file as it is now. Its open hunks are replaced by the hunks between the two —
   * an agent's hunk the person kept as it was keeps its id and author; every other is the person's
   * (`author: 'person'`). The replaced hunks become `superseded`. Returns the change set and the ids of the file's open hunks now.
   */
  async revise(id: string, path: string, current: string, edited: string): Promise<{ readonly changeSet: ChangeSet; readonly hunkIds: readonly string[] }> {
    assertProposalId(id);
    return this.serially(async () => {
      const stored = await this.shelf.read(id);
      if (!stored) throw new ProposalNotFound(id);
      const file = stored.files.find((candidate) => candidate.path === path);
      if (!file) throw new HunkDecisionRefused(`Proposal "${id}" does not change ${path}.`);
      const now = this.now();
      const open = file.hunks.filter((hunk) => isOpen(hunk.status));
      const rationale = 'The person edited the proposed text before accepting it.';
      const proposed = hunksBetween(current, edited).map((hunk) => ({ ...hunk, rationale }));
      const against = proposed.length > 0 ? fileChange(path, { text: current }, proposed, 'person') : { ...file, hunks: [] };
      // An agent's hunk the person left as it was stays the agent's.
      const revised = against.hunks.map((hunk): Hunk => {
        const kept = open.find((old) => old.before === hunk.before && old.after === hunk.after);
        return kept ? { ...hunk, id: kept.id, rationale: kept.rationale, author: kept.author } : hunk;
      });
      const keptIds = new Set(revised.map((hunk) => hunk.id));
      const earlier = file.hunks
        .filter((hunk) => !keptIds.has(hunk.id))
        .map((hunk): Hunk => (isOpen(hunk.status) ? { ...hunk, status: 'superseded', reason: "replaced by the person's edit", resolvedAt: now } : hunk));
      const changedFile: FileChange = { ...file, ...(against.baseHash === undefined ? {} : { baseHash: against.baseHash }), hunks: [...earlier, ...revised] };
      const updated: ChangeSet = { ...stored, files: stored.files.map((candidate) => (candidate === file ? changedFile : candidate)) };
      await this.shelf.write(checked<ChangeSet>(changeSetContract, updated, 'The revised change set is not valid'));
      return { changeSet: updated, hunkIds: revised.map((hunk) => hunk.id) };
    });
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const result = this.writing.then(change);
    this.writing = result.catch(() => undefined);
    return result;
  }
}

/** The hunk with a decision made (or as it was, without one): `resolvedAt` for decided statuses, a reason only where one applies. */
function withDecision(hunk: Hunk, decision: HunkDecision | undefined, now: number): Hunk {
  if (!decision) return hunk;
  const { reason: _reason, resolvedAt: _resolvedAt, ...rest } = hunk;
  const decided = decision.status === 'accepted' || decision.status === 'rejected' || decision.status === 'superseded';
  const edited = decision.after !== undefined && decision.after !== hunk.after ? { after: decision.after, author: 'person' } : {};
  return { ...rest, ...edited, status: decision.status, ...(decision.reason === undefined || decision.status === 'pending' ? {} : { reason: decision.reason }), ...(decided ? { resolvedAt: now } : {}) };
}

const sourceContract = { name: 'ChangeSource', description: 'Where a change set came from.', schema: ChangeSource };
const changeSetContract = { name: 'ChangeSet', description: 'A change set as stored.', schema: ChangeSetSchema };

/** The payload as its contract parses it; throws `ProposalRefused` with one `path: message` line per issue. */
function checked<T>(contract: ContractDefinition, payload: unknown, what: string): T {
  const result = validatePayload(contract, payload);
  if (!result.ok) throw new ProposalRefused(what, result.issues);
  return result.value as T;
}

/** Resolves each path through a sandbox made for this check (so its refusals are not mixed with a run's). */
function sandboxPathCheck(sandbox: () => Promise<WorkspaceSandbox>): PathCheck {
  return async (paths) => {
    const within = await sandbox();
    const refused: string[] = [];
    for (const path of paths) {
      const resolved = await resolveProposablePath(within, path);
      if (!resolved.ok) refused.push(resolved.reason);
    }
    return refused;
  };
}

/** Change sets are source files: larger ones are not read (their hunks are checked when applied). */
const maxTextBytes = 4 * 1024 * 1024;

function sandboxTexts(sandbox: () => Promise<WorkspaceSandbox>): TextReader {
  return async (paths) => {
    const within = await sandbox();
    const texts = new Map<string, string | undefined>();
    for (const path of new Set(paths)) {
      const read = await within.readFile(path, maxTextBytes);
      if (read.ok) texts.set(path, read.text);
      else if (read.problem === 'missing') texts.set(path, undefined);
    }
    return texts;
  };
}

function folderShelf(folder: string): ProposalShelf {
  return {
    readAll: () => readProposalFiles(folder),
    read: (id) => readProposalFile(folder, id),
    write: (record) => writeProposalFile(folder, record),
  };
}

function memoryShelf(): ProposalShelf {
  const records = new Map<string, ChangeSet>();
  return {
    readAll: () => Promise.resolve({ changeSets: [...records.values()], problems: [] }),
    read: (id) => Promise.resolve(records.get(id)),
    write: (record) => {
      records.set(record.id, record);
      return Promise.resolve();
    },
  };
}
