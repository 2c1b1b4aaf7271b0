/**
 * Proposals: change sets the agents (or a quick fix, or the person) proposed, decided on hunk by hunk.
 * The server keeps the record; it never writes the person's files: the editor (or `nova proposals
 * accept`) applies an accepted hunk itself, exactly, after a checkpoint, then records the decision.
 */
import { z } from 'zod';
import { notification, request } from './message';
import { ChangeProposal } from '../core/contracts/change';
import { ChangeSet as ChangeSetSchema, changeIdPattern, hunkStatuses, type ChangeSet as ChangeSetModel } from '../core/edits/changeSet';

const ChangeSetId = z.string().regex(changeIdPattern, 'a change set id');
const HunkId = z.string().regex(changeIdPattern, 'a hunk id');

/** A change set as stored (src/core/edits/changeSet.ts). */
// The cast only bridges zod's optional `| undefined` and exactOptionalPropertyTypes.
export const ChangeSet = ChangeSetSchema as unknown as z.ZodType<ChangeSetModel>;
export type ChangeSet = ChangeSetModel;

/** nova/proposals.list: stored change sets (`open`: only those still waiting, or only the others); damaged files are named in `problems`. */
export const proposalsList = request(
  'nova/proposals.list',
  z.strictObject({ open: z.boolean().optional() }),
  z.strictObject({ changeSets: z.array(ChangeSet), problems: z.array(z.string()) }),
);

/**
 * nova/proposals.decide: records decisions on hunks of one change set, all or none — `accepted`
 * once the editor applied them, `rejected` with the person's optional reason, `conflict` with what
 * no longer matches, `superseded` when the file already holds the result, `pending` to take one back.
 * An accept may carry `after`, the person's edited text for that hunk, recorded as their change.
 */
export const proposalsDecide = request(
  'nova/proposals.decide',
  z.strictObject({
    id: ChangeSetId,
    hunks: z
      .array(z.strictObject({ id: HunkId, status: z.enum(hunkStatuses), reason: z.string().max(2000).optional(), after: z.string().max(8 * 1024 * 1024).optional().describe("the person's own text for an accepted hunk") }))
      .min(1)
      .max(10_000),
  }),
  z.strictObject({ changeSet: ChangeSet }),
);

/**
 * nova/proposals.revise: the person's own version of one file of a change set (the proposed side
 * they edited in the diff editor): its open hunks become the hunks between `current` and `edited`,
 * the person's where they differ from the agent's. Returns the open hunks' ids, to accept.
 */
export const proposalsRevise = request(
  'nova/proposals.revise',
  z.strictObject({ id: ChangeSetId, path: z.string().min(1).max(4096), current: z.string().max(8 * 1024 * 1024), edited: z.string().max(8 * 1024 * 1024) }),
  z.strictObject({ changeSet: ChangeSet, hunkIds: z.array(HunkId) }),
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
  z.strictObject({ changeSet: ChangeSet, duplicate: z.boolean() }),
);

/** nova/proposals.changed (server → client): a change set was added, decided on or revised; list again. */
export const proposalsChanged = notification('nova/proposals.changed', z.strictObject({ id: ChangeSetId, change: z.enum(['added', 'decided', 'revised']) }));
