/**
 * What the person made of a change set, for the agent that wrote it: each hunk they decided on —
 * accepted, or rejected with their reason — so the next attempt keeps what they took and does not
 * repeat what they turned down. Built from the store's record ("Try again" on a rejected change set),
 * never from the model's memory of it.
 */
import { z } from 'zod';
import { hunkStatuses } from '../edits/changeSetState';
import { WorkspacePath } from './common';

/** One hunk of the change set and the person's decision on it. */
export const FeedbackHunk = z.object({
  path: WorkspacePath,
  startLine: z.int().min(1).describe('Where the hunk was proposed, 1-based'),
  before: z.string(),
  after: z.string(),
  status: z.enum(hunkStatuses).describe('accepted: now in the file; rejected: turned down (see reason)'),
  reason: z.string().optional().describe("The person's words, or what no longer matched"),
});

/** The person's decisions on one change set, handed back to its author for another attempt. */
export const ChangeFeedback = z.object({
  changeSetId: z.string().min(1),
  summary: z.string().min(1).describe('The change set as it was proposed'),
  task: z.string().min(1).optional().describe('What the person asks now, if they said'),
  hunks: z.array(FeedbackHunk).min(1),
});
