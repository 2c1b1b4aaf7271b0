/**
 * A review whose approval is disputed: the reviewer owns change.approval and approves, the
 * security-reviewer (its advisor, agents/*.md) opposes over a committed token, the reviewer keeps
 * its outcome in answer — so the arbiter (or, failing it, the person) has to settle it.
 */
import { examples, boardSource } from './payloads';
import { call, ScriptedModel, type ScriptStep } from './scriptedModel';
import { tempWorkspace } from './team';

export const oppose = call.submit('Opinion', { stance: 'oppose', reason: 'the token in sync.ts is committed in clear', suggestedOutcome: 'request_changes' });
export const keep = call.submit('DissentAnswer', { outcome: 'approve', answers: [{ agent: 'security-reviewer', answer: 'the token is a test fixture' }] });

/** The disputed review's model: the arbiter's steps, then what the reviewer submits once it is settled. */
export function disputedReview(arbiter: ScriptStep[], reviewerAfter: ScriptStep[]): ScriptedModel {
  return new ScriptedModel({
    // The reviewer submits approve; answers the dissent in its own consultation; then resubmits as settled.
    reviewer: [call.submit('ReviewVerdict', examples.ReviewVerdict), keep, ...reviewerAfter],
    'security-reviewer': [oppose, oppose],
    arbiter,
  });
}

/** A fresh workspace holding src/board.ts for each test of the calling suite; returns its folder. */
export function boardWorkspaceEach(): () => string {
  let workspace: Awaited<ReturnType<typeof tempWorkspace>> | undefined;
  beforeEach(async () => {
    workspace = await tempWorkspace({ 'src/board.ts': boardSource });
  });
  afterEach(() => workspace?.cleanup());
  return () => {
    if (!workspace) throw new Error('no workspace outside a test');
    return workspace.folder;
  };
}
