/**
 * What the proposal store keeps about one proposal: where it came from, whether a person has
 * decided on it, and the change itself. The zod schema checks every record read back from disk,
 * because a file in the workspace may be damaged, hand-edited or written by another version.
 */
import { z } from 'zod';
import { ChangeProposal as ChangeProposalSchema } from '../contracts/change';
import { WorkspacePath } from '../contracts/common';
import type { ChangeProposal } from '../contracts';
import { proposalIdPattern } from './ids';

/** Where a proposal came from: an agent in a run, or one of TypeScript's own code fixes. */
export type ProposalSource =
  | { readonly kind: 'run'; readonly runId: string; readonly agent: string }
  | { readonly kind: 'fix'; readonly rule: string; readonly path: string; readonly line: number; readonly title: string };

/** Whether a person has decided on a proposal yet. */
export type ProposalStatus = 'pending' | 'accepted' | 'rejected';

/** One stored proposal. `resolvedAt` is set exactly when the status is no longer `pending`. */
export interface StoredProposal {
  readonly id: string;
  /** Milliseconds since the epoch. */
  readonly createdAt: number;
  readonly source: ProposalSource;
  readonly status: ProposalStatus;
  readonly resolvedAt?: number;
  readonly proposal: ChangeProposal;
}

const time = z.int().min(0);

/** The schema of `ProposalSource`. */
export const ProposalSourceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('run'), runId: z.string().min(1), agent: z.string().min(1) }),
  z.object({ kind: z.literal('fix'), rule: z.string().min(1), path: WorkspacePath, line: z.int().min(1), title: z.string().min(1) }),
]);

/** The schema of a stored proposal file's content. */
export const StoredProposalSchema = z
  .object({
    id: z.string().regex(proposalIdPattern),
    createdAt: time,
    source: ProposalSourceSchema,
    status: z.enum(['pending', 'accepted', 'rejected']),
    resolvedAt: time.optional(),
    proposal: ChangeProposalSchema,
  })
  .refine((record) => (record.status === 'pending') === (record.resolvedAt === undefined), {
    message: 'resolvedAt must be set exactly when the status is accepted or rejected',
    path: ['resolvedAt'],
  });

