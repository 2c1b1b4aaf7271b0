/**
 * What a finished run leaves for the person: each distinct ChangeProposal that travelled in it,
 * stored as a change set to accept or reject hunk by hunk. The language server (after a run in the
 * editor) and `nova run` both call this, so a proposal is stored the same way whoever ran it — and
 * the editor's Proposals view and `nova proposals` read the same store.
 */
import type { ChangeProposal } from '../contracts';
import type { ChangeSet } from '../edits/changeSet';
import { payloadHash } from '../orchestrator/payloadHash';
import type { RunResult } from '../orchestrator/result';
import { ProposalRefused, type ProposalStore } from './store';

/** One proposal of the run, as stored: `duplicate` when the same hunks were already waiting in that change set. */
export interface StoredRunProposal {
  readonly agent: string;
  readonly changeSet: ChangeSet;
  readonly duplicate: boolean;
}

/** A proposal of the run the store refused (a path outside the workspace or protected), and why. */
export interface RefusedRunProposal {
  readonly agent: string;
  readonly message: string;
}

/** The run's proposals: those stored (in the order they travelled) and those refused. */
export interface RunProposals {
  readonly stored: readonly StoredRunProposal[];
  readonly refused: readonly RefusedRunProposal[];
}

/**
 * Stores each distinct ChangeProposal of the run (a proposal handed on and then submitted is one),
 * with the run, the agent and the span that first carried it as its source. A refused proposal
 * does not cost the others; any other error (the store cannot be written) is thrown.
 */
export async function storeRunProposals(store: ProposalStore, result: Pick<RunResult, 'runId' | 'artifacts'>): Promise<RunProposals> {
  const seen = new Set<string>();
  const stored: StoredRunProposal[] = [];
  const refused: RefusedRunProposal[] = [];
  for (const artifact of result.artifacts) {
    if (artifact.contract !== 'ChangeProposal') continue;
    const hash = payloadHash(artifact.payload);
    if (seen.has(hash)) continue;
    seen.add(hash);
    try {
      // The first span that carried the proposal: "Why?" on one of its hunks opens the trace there.
      const added = await store.add({ kind: 'agent', runId: result.runId, agent: artifact.agent, ...(artifact.spanId ? { spanId: artifact.spanId } : {}) }, artifact.payload as ChangeProposal);
      stored.push({ agent: artifact.agent, ...added });
    } catch (error) {
      if (!(error instanceof ProposalRefused)) throw error;
      refused.push({ agent: artifact.agent, message: error.message });
    }
  }
  return { stored, refused };
}
