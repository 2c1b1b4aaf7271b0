/** Proposals: changes the agents (or a code action) proposed, waiting for a person to accept or reject. */
import { z } from 'zod';
import { notification, request } from './message';
import { ChangeProposal } from '../core/contracts/change';
import { proposalIdPattern } from '../core/proposals/ids';
import { StoredProposalSchema, type StoredProposal as StoredProposalRecord } from '../core/proposals/record';

const ProposalId = z.string().regex(proposalIdPattern, 'a proposal id');

export const ProposalStatus = z.enum(['pending', 'accepted', 'rejected']);

/** A proposal as stored: where it came from, whether a person resolved it, and the change itself. */
// The cast only bridges zod's `resolvedAt?: number | undefined` and exactOptionalPropertyTypes.
export const StoredProposal = StoredProposalSchema as unknown as z.ZodType<StoredProposalRecord>;
export type StoredProposal = StoredProposalRecord;

/** nova/proposals.list: stored proposals (optionally only one status); damaged files are named in `problems`. */
export const proposalsList = request(
  'nova/proposals.list',
  z.strictObject({ status: ProposalStatus.optional() }),
  z.strictObject({ proposals: z.array(StoredProposal), problems: z.array(z.string()) }),
);

/**
 * nova/proposals.resolve: records the person's decision. The server never writes the files: the
 * editor applies an accepted proposal itself (undoable), then tells the server.
 */
export const proposalsResolve = request(
  'nova/proposals.resolve',
  z.strictObject({ id: ProposalId, resolution: z.enum(['accepted', 'rejected']) }),
  z.strictObject({ proposal: StoredProposal }),
);

/**
 * nova/proposals.add: stores a proposal the person made from a run's reply (a code block they chose
 * to propose, with the target they picked). Never a write: it waits in the store like any other,
 * with the same checks (a valid ChangeProposal; no path outside the workspace or protected). The
 * source names the run and the agent whose reply held the code.
 */
export const proposalsAdd = request(
  'nova/proposals.add',
  z.strictObject({ runId: z.string().min(1).max(200), agent: z.string().min(1).max(200), proposal: ChangeProposal }),
  z.strictObject({ proposal: StoredProposal }),
);

/** nova/proposals.changed (server → client): a proposal was added or resolved; list again. */
export const proposalsChanged = notification('nova/proposals.changed', z.strictObject({ id: ProposalId, change: z.enum(['added', 'resolved']) }));
