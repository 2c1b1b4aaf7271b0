/**
 * `nova proposals list | show | accept | reject`: the change sets agents proposed, reviewed from a
 * terminal or CI. The store is the workspace's own (`.nova/proposals`), the one the editor's
 * Proposals view shows, so a proposal from `nova run` can be decided in either, and a decision made
 * in one is seen by the other. Accepting makes the editor's checks against the files on disk
 * (src/core/proposals/acceptOnDisk.ts): nothing is ever partly applied or silently misapplied.
 */
import type { ChangeSet } from '../core/edits/changeSet';
import { changeSetStatus, isOpen } from '../core/edits/changeSetState';
import { nodeWorkspaceFiles } from '../core/host/nodeFiles';
import { acceptOnDisk, type DiskAcceptOutcome } from '../core/proposals/acceptOnDisk';
import { hunkViews } from '../core/proposals/hunkStanding';
import { proposalIdPattern } from '../core/proposals/ids';
import { readProposedFiles } from '../core/proposals/proposedFiles';
import { ProposalStore } from '../core/proposals/store';
import { WorkspaceSandbox } from '../core/workspace/sandbox';
import { takeCheckpointIn } from './checkpoint';
import { printChangeSet, printListEntry } from './proposalPrinter';
import { workspaceFlag, workspaceFolder } from './setup';
import type { TerminalOutput } from './terminalOutput';
import { exitCodes, UsageError } from './usage';

/** What `nova proposals …` was given: the action, its positional arguments, and the flags (by name) that were set. */
export interface ProposalsOptions {
  readonly action: string | undefined;
  readonly args: readonly string[];
  readonly workspace?: string | undefined;
  readonly flags: readonly string[];
  readonly all?: boolean | undefined;
  readonly json?: boolean | undefined;
  readonly hunks?: readonly string[] | undefined;
  readonly reason?: string | undefined;
}

/** The flags each action takes (besides --workspace): any other is a usage error, never silently ignored. */
const actionFlags: Readonly<Record<string, readonly string[]>> = { list: ['all', 'json'], show: ['json'], accept: ['hunk'], reject: ['hunk', 'reason'] };

export async function proposalsCommand(options: ProposalsOptions, out: TerminalOutput): Promise<number> {
  const { action } = options;
  const allowed = action === undefined ? undefined : actionFlags[action];
  if (action === undefined || !allowed) throw new UsageError(`${action === undefined ? 'nova proposals needs an action' : `Unknown proposals action "${action}"`}; use: nova proposals list | show ID | accept ID | reject ID. See nova --help.`);
  const foreign = options.flags.filter((flag) => flag !== 'workspace' && !allowed.includes(flag));
  if (foreign.length > 0) throw new UsageError(`nova proposals ${action} does not take ${foreign.map((flag) => `--${flag}`).join(', ')}${allowed.length > 0 ? ` (it takes ${allowed.map((flag) => `--${flag}`).join(', ')})` : ''}.`);
  const folder = workspaceFolder(options.workspace);
  const store = ProposalStore.open(folder);
  if (action === 'list') {
    if (options.args.length > 0) throw new UsageError(`nova proposals list takes no argument (got "${options.args[0]}").`);
    return listProposals(store, folder, options, out);
  }
  if (options.args.length > 1) throw new UsageError(`nova proposals ${action} takes one proposal id (got ${options.args.length}); name hunks with --hunk ID.`);
  const set = await findChangeSet(store, folder, action, options.args[0]);
  const sandbox = await WorkspaceSandbox.create([folder], nodeWorkspaceFiles);
  if (action === 'show') return showProposal(set, sandbox, options, out);
  if (action === 'accept') {
    const hunkIds = selectHunks(set, options.hunks, 'accepted');
    const outcome = await acceptOnDisk({ store, sandbox, checkpoint: takeCheckpointIn(folder) }, set, hunkIds);
    printAccepted(outcome, out);
    printNowStatus(outcome.changeSet, folder, out);
    return outcome.conflicts.length > 0 ? exitCodes.failed : exitCodes.done;
  }
  if (options.reason !== undefined && options.reason.trim() === '') throw new UsageError('--reason needs the reason as text: --reason "it renames a public function"');
  const hunkIds = selectHunks(set, options.hunks, 'rejected');
  const reason = options.reason?.trim();
  const decided = await store.decide(set.id, hunkIds.map((hunkId) => ({ hunkId, status: 'rejected' as const, ...(reason === undefined ? {} : { reason }) })));
  for (const hunkId of hunkIds) out.write(`✓ rejected ${hunkId}${reason === undefined ? '' : ` (reason: ${reason})`}\n`);
  printNowStatus(decided, folder, out);
  return exitCodes.done;
}

async function listProposals(store: ProposalStore, folder: string, options: ProposalsOptions, out: TerminalOutput): Promise<number> {
  const { changeSets, problems } = await store.list(options.all ? {} : { open: true });
  if (options.json) {
    out.write(`${JSON.stringify({ changeSets: changeSets.map((set) => ({ ...set, status: changeSetStatus(set) })), problems }, null, 2)}\n`);
  } else {
    if (changeSets.length === 0) out.write(options.all ? 'No proposals.\n' : `No open proposals; nova proposals list --all${workspaceFlag(folder)} shows the decided ones too.\n`);
    for (const set of changeSets) printListEntry(set, out);
    for (const problem of problems) out.write(`✗ ${problem}\n`);
  }
  return problems.length > 0 ? exitCodes.failed : exitCodes.done;
}

async function showProposal(set: ChangeSet, sandbox: WorkspaceSandbox, options: ProposalsOptions, out: TerminalOutput): Promise<number> {
  // Only files with an open hunk are read: a decided hunk is shown as it was decided.
  const openFiles = set.files.filter((file) => file.hunks.some((hunk) => isOpen(hunk.status)));
  const read = new Map((await readProposedFiles(sandbox, openFiles.map((file) => file.path))).map((file) => [file.path, file]));
  const problems = new Map([...read.values()].flatMap((file) => (file.ok ? [] : [[file.path, file.reason] as const])));
  const views = set.files.flatMap((file) => {
    const disk = read.get(file.path);
    return hunkViews(file, disk === undefined ? undefined : disk.ok ? disk.text : { unusable: disk.reason });
  });
  if (options.json) {
    const hunks = views.map(({ path, hunk, standing, patch }) => ({ id: hunk.id, path, status: hunk.status, author: hunk.author, ...(hunk.reason === undefined ? {} : { reason: hunk.reason }), standing, patch }));
    out.write(`${JSON.stringify({ changeSet: set, status: changeSetStatus(set), hunks, problems: [...problems.values()] }, null, 2)}\n`);
  } else {
    printChangeSet(set, views, problems, out);
  }
  return exitCodes.done;
}

/**
 * The change set `id` names: its whole id, or the start of exactly one id (as git takes a short
 * hash). A missing or unknown id is a usage error naming where to look.
 */
async function findChangeSet(store: ProposalStore, folder: string, action: string, id: string | undefined): Promise<ChangeSet> {
  if (id === undefined) throw new UsageError(`nova proposals ${action} needs a proposal id; nova proposals list${workspaceFlag(folder)} shows them.`);
  if (!proposalIdPattern.test(id)) throw new UsageError(`"${id}" is not a proposal id (they look like p-0mio6k2b1-x3f9a0qz: lowercase letters, digits and dashes).`);
  const exact = await store.get(id);
  if (exact) return exact;
  const matches = (await store.list()).changeSets.filter((set) => set.id.startsWith(id));
  if (matches.length === 1) return matches[0] as ChangeSet;
  if (matches.length > 1) throw new UsageError(`"${id}" starts ${matches.length} proposal ids (${matches.map((set) => set.id).join(', ')}); give more of it.`);
  throw new UsageError(`There is no proposal "${id}" in ${folder}; nova proposals list --all${workspaceFlag(folder)} shows them.`);
}

/**
 * The ids of the hunks to decide: those `--hunk` named (a whole id or the start of one), else every
 * open hunk. A hunk the change set does not have is a usage error; a hunk already decided, or
 * nothing open, is refused (exit code 1) — in both cases before anything is changed.
 */
function selectHunks(set: ChangeSet, named: readonly string[] | undefined, verb: 'accepted' | 'rejected'): string[] {
  const hunks = set.files.flatMap((file) => file.hunks);
  if (named === undefined || named.length === 0) {
    const open = hunks.filter((hunk) => isOpen(hunk.status)).map((hunk) => hunk.id);
    if (open.length === 0) throw new Error(`Proposal ${set.id} has no open hunk to be ${verb}: it is ${changeSetStatus(set)}.`);
    return open;
  }
  const ids: string[] = [];
  for (const name of named) {
    const matches = hunks.filter((hunk) => hunk.id === name || hunk.id.startsWith(name));
    const hunk = matches.find((candidate) => candidate.id === name) ?? (matches.length === 1 ? matches[0] : undefined);
    if (!hunk) throw new UsageError(`Proposal ${set.id} has ${matches.length > 1 ? `${matches.length} hunks starting "${name}"` : `no hunk "${name}"`}; its hunks: ${hunks.map((candidate) => `${candidate.id} (${candidate.status})`).join(', ')}.`);
    if (!isOpen(hunk.status)) throw new Error(`Hunk ${hunk.id} of proposal ${set.id} is ${hunk.status}; only a pending hunk or one in conflict can be ${verb}. Nothing was changed.`);
    if (!ids.includes(hunk.id)) ids.push(hunk.id);
  }
  return ids;
}

function printAccepted(outcome: DiskAcceptOutcome, out: TerminalOutput): void {
  if (outcome.checkpoint !== undefined) out.write(`Checkpoint before writing: ${outcome.checkpoint}\n`);
  for (const hunk of outcome.accepted) out.write(`✓ accepted ${hunk.hunkId}: ${hunk.path} at line ${hunk.startLine}${hunk.rebased ? ' (rebased: the file changed since the proposal)' : ''}\n`);
  for (const hunkId of outcome.superseded) out.write(`= ${hunkId}: the file already holds this change (superseded)\n`);
  for (const conflict of outcome.conflicts) out.write(`✗ conflict ${conflict.hunkId ?? `hunk ${conflict.hunk + 1}`}: ${conflict.path}: ${conflict.reason}; the file was not changed by it\n`);
}

/** The change set's status after a decision, and what is still open. */
function printNowStatus(set: ChangeSet, folder: string, out: TerminalOutput): void {
  const open = set.files.flatMap((file) => file.hunks.filter((hunk) => isOpen(hunk.status)).map((hunk) => `${hunk.id} (${hunk.status})`));
  out.write(`Proposal ${set.id} is ${changeSetStatus(set)}.`);
  out.write(open.length === 0 ? '\n' : ` Still open: ${open.join(', ')} — nova proposals show ${set.id}${workspaceFlag(folder)}\n`);
}
