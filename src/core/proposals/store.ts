/**
 * The proposals a person has not yet accepted or rejected, kept so they survive a crash or a
 * restart of the language server. With a workspace folder they live on disk (see ./folder.ts) and
 * every read looks at the folder again, so another process's writes are seen; without one (an LSP
 * client with no workspace) they live in memory for the life of the store.
 */
import { getContract, type ChangeProposal, type ContractDefinition } from '../contracts';
import { validatePayload } from '../contracts/validate';
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

/** The proposals found, oldest first, and the files that could not be read (`<file>: <reason>`). */
export interface ProposalListing {
  readonly proposals: StoredProposal[];
  readonly problems: string[];
}

/** Options for tests: the clock that stamps `createdAt` and `resolvedAt`. */
export interface ProposalStoreOptions {
  readonly now?: () => number;
}

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
  ) {}

  /** The store of a workspace folder (`<folder>/.nova/proposals`), or an in-memory one when `folder` is undefined. */
  static open(folder: string | undefined, options: ProposalStoreOptions = {}): ProposalStore {
    return new ProposalStore(folder === undefined ? memoryShelf() : folderShelf(proposalsFolder(folder)), options.now ?? Date.now);
  }

  /** Stores a new pending proposal; rejects, listing each `path: message` issue, when the proposal or its source is invalid. */
  async add(source: ProposalSource, proposal: ChangeProposal): Promise<StoredProposal> {
    const valid = checked<ChangeProposal>(getContract('ChangeProposal'), proposal, 'The proposal is not a valid ChangeProposal');
    checked(sourceContract, source, 'The proposal source is not valid');
    return this.serially(async () => {
      const createdAt = this.now();
      const record: StoredProposal = { id: newProposalId(createdAt), createdAt, source, status: 'pending', proposal: valid };
      await this.shelf.write(record);
      return record;
    });
  }

  /** Every stored proposal, oldest first, optionally only those with one status. Never throws for one bad file. */
  async list(filter: { readonly status?: ProposalStatus } = {}): Promise<ProposalListing> {
    const { proposals, problems } = await this.shelf.readAll();
    const wanted = filter.status === undefined ? proposals : proposals.filter((stored) => stored.status === filter.status);
    return { proposals: [...wanted].sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)), problems };
  }

  /** The proposal with this id, or undefined; throws for an id that is not a valid proposal id. */
  async get(id: string): Promise<StoredProposal | undefined> {
    assertProposalId(id);
    return await this.shelf.read(id);
  }

  /** Records a person's decision. Throws `ProposalNotFound` for an unknown id, `ProposalAlreadyResolved` when decided before. */
  async resolve(id: string, status: 'accepted' | 'rejected'): Promise<StoredProposal> {
    assertProposalId(id);
    return this.serially(async () => {
      const stored = await this.shelf.read(id);
      if (!stored) throw new ProposalNotFound(id);
      if (stored.status !== 'pending') throw new ProposalAlreadyResolved(id, stored.status);
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

/** The payload as its contract parses it; throws with one `path: message` line per issue. */
function checked<T>(contract: ContractDefinition, payload: unknown, what: string): T {
  const result = validatePayload(contract, payload);
  if (!result.ok) throw new Error(`${what}:\n${result.issues.map((issue) => `  ${issue}`).join('\n')}`);
  return result.value as T;
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
