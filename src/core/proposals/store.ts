/**
 * The proposals a person has not yet accepted or rejected, kept so they survive a crash or a
 * restart of the language server. With a workspace folder they live on disk (see ./folder.ts) and
 * every read looks at the folder again, so another process's writes are seen; without one (an LSP
 * client with no workspace) they live in memory for the life of the store.
 *
 * Every path a proposal names is checked here on its own, not only by the contract that let it in:
 * when it is added, and again whenever a pending one is listed or accepted — a record planted on
 * disk, or a symbolic link made after the proposal was stored, is reported as a problem, never
 * offered as pending.
 */
import { getContract, type ChangeProposal, type ContractDefinition } from '../contracts';
import { validatePayload } from '../contracts/validate';
import { nodeWorkspaceFiles } from '../host/nodeFiles';
import { resolveProposablePath } from '../workspace/proposablePath';
import { WorkspaceSandbox } from '../workspace/sandbox';
import { proposalsFolder, readProposalFile, readProposalFiles, writeProposalFile } from './folder';
import { assertProposalId, newProposalId } from './ids';
import { ProposalSourceSchema, type ProposalSource, type ProposalStatus, type StoredProposal } from './record';

export type { ProposalSource, ProposalStatus, StoredProposal } from './record';

/** Thrown when no proposal has the id asked for. */
export class ProposalNotFound extends Error {
  constructor(readonly id: string) {
    super(`There is no proposal "${id}".`);
    this.name = 'ProposalNotFound';
  }
}

/** Thrown when a proposal that was already accepted or rejected is resolved again. */
export class ProposalAlreadyResolved extends Error {
  constructor(
    readonly id: string,
    readonly status: Exclude<ProposalStatus, 'pending'>,
  ) {
    super(`Proposal "${id}" was already ${status}.`);
    this.name = 'ProposalAlreadyResolved';
  }
}

/** Thrown when a proposal may not be stored or accepted: it is not a valid ChangeProposal, or a path it names may not be changed. */
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

/** The proposals found, oldest first, and the files that could not be read (`<file>: <reason>`). */
export interface ProposalListing {
  readonly proposals: StoredProposal[];
  readonly problems: string[];
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

/** Finds why a proposal's paths may not be changed: one line per refused path, none when all may. */
type PathCheck = (proposal: ChangeProposal) => Promise<string[]>;

/** Where the records are kept: a folder on disk, or a map in memory. */
interface ProposalShelf {
  readAll(): Promise<ProposalListing>;
  read(id: string): Promise<StoredProposal | undefined>;
  write(record: StoredProposal): Promise<void>;
}

/** Proposals awaiting a person's decision, and the decisions made; open one per workspace folder. */
export class ProposalStore {
  /** Changes run one after another, so two resolves of one proposal cannot both succeed. */
  private writing: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly shelf: ProposalShelf,
    private readonly now: () => number,
    private readonly pathProblems: PathCheck,
  ) {}

  /**
   * The store of a workspace folder (`<folder>/.nova/proposals`), or an in-memory one when `folder`
   * is undefined (then only the contract checks paths: there is no folder to resolve them in).
   */
  static open(folder: string | undefined, options: ProposalStoreOptions = {}): ProposalStore {
    const now = options.now ?? Date.now;
    if (folder === undefined) return new ProposalStore(memoryShelf(), now, () => Promise.resolve([]));
    const sandbox = options.sandbox ?? (() => WorkspaceSandbox.create([folder], nodeWorkspaceFiles));
    return new ProposalStore(folderShelf(proposalsFolder(folder)), now, sandboxPathCheck(sandbox));
  }

  /**
   * Stores a new pending proposal. Throws `ProposalRefused`, listing each problem, when the proposal
   * or its source is invalid or a path it names leaves the workspace or is protected; nothing is stored then.
   */
  async add(source: ProposalSource, proposal: ChangeProposal): Promise<StoredProposal> {
    const valid = checked<ChangeProposal>(getContract('ChangeProposal'), proposal, 'The proposal is not a valid ChangeProposal');
    checked(sourceContract, source, 'The proposal source is not valid');
    const refused = await this.pathProblems(valid);
    if (refused.length > 0) throw new ProposalRefused('The proposal names a file it may not change', refused);
    return this.serially(async () => {
      const createdAt = this.now();
      const record: StoredProposal = { id: newProposalId(createdAt), createdAt, source, status: 'pending', proposal: valid };
      await this.shelf.write(record);
      return record;
    });
  }

  /**
   * Every stored proposal, oldest first, optionally only those with one status. Never throws for one
   * bad file. A pending proposal whose paths may no longer be changed is left out and named in `problems`.
   */
  async list(filter: { readonly status?: ProposalStatus } = {}): Promise<ProposalListing> {
    const { proposals, problems } = await this.shelf.readAll();
    const wanted = filter.status === undefined ? proposals : proposals.filter((stored) => stored.status === filter.status);
    const usable: StoredProposal[] = [];
    for (const stored of wanted) {
      const refused = stored.status === 'pending' ? await this.pathProblems(stored.proposal) : [];
      if (refused.length === 0) usable.push(stored);
      else problems.push(`${stored.id}.json: names a file it may not change: ${refused.join('; ')}`);
    }
    return { proposals: usable.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)), problems };
  }

  /** The proposal with this id, or undefined; throws for an id that is not a valid proposal id. */
  async get(id: string): Promise<StoredProposal | undefined> {
    assertProposalId(id);
    return await this.shelf.read(id);
  }

  /**
   * Records a person's decision. Throws `ProposalNotFound` for an unknown id, `ProposalAlreadyResolved`
   * when decided before, `ProposalRefused` when accepting one whose paths may no longer be changed.
   */
  async resolve(id: string, status: 'accepted' | 'rejected'): Promise<StoredProposal> {
    assertProposalId(id);
    return this.serially(async () => {
      const stored = await this.shelf.read(id);
      if (!stored) throw new ProposalNotFound(id);
      if (stored.status !== 'pending') throw new ProposalAlreadyResolved(id, stored.status);
      const refused = status === 'accepted' ? await this.pathProblems(stored.proposal) : [];
      if (refused.length > 0) throw new ProposalRefused(`Proposal "${id}" cannot be accepted: it names a file it may not change`, refused);
      const resolved: StoredProposal = { ...stored, status, resolvedAt: this.now() };
      await this.shelf.write(resolved);
      return resolved;
    });
  }

  private serially<T>(change: () => Promise<T>): Promise<T> {
    const result = this.writing.then(change);
    this.writing = result.catch(() => undefined);
    return result;
  }
}

const sourceContract = { name: 'ProposalSource', description: 'Where a proposal came from.', schema: ProposalSourceSchema };

/** The payload as its contract parses it; throws `ProposalRefused` with one `path: message` line per issue. */
function checked<T>(contract: ContractDefinition, payload: unknown, what: string): T {
  const result = validatePayload(contract, payload);
  if (!result.ok) throw new ProposalRefused(what, result.issues);
  return result.value as T;
}

/** Resolves each path through a sandbox made for this check (so its refusals are not mixed with a run's). */
function sandboxPathCheck(sandbox: () => Promise<WorkspaceSandbox>): PathCheck {
  return async (proposal) => {
    const within = await sandbox();
    const refused: string[] = [];
    for (const file of proposal.files) {
      const resolved = await resolveProposablePath(within, file.path);
      if (!resolved.ok) refused.push(resolved.reason);
    }
    return refused;
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
  const records = new Map<string, StoredProposal>();
  return {
    readAll: () => Promise.resolve({ proposals: [...records.values()], problems: [] }),
    read: (id) => Promise.resolve(records.get(id)),
    write: (record) => {
      records.set(record.id, record);
      return Promise.resolve();
    },
  };
}
