/**
 * The change model: a ChangeSet is everything one source proposed at once — files, and in each
 * file the hunks a person accepts or rejects one at a time. Every hunk has its own id, author and
 * status; every file records the hash of the text it was proposed against, so a file changed since
 * is noticed rather than misapplied. The zod schemas check each change set read back from disk,
 * because a file in the workspace may be damaged, hand-edited or written by another version.
 */
import { z } from 'zod';
import { ProposablePath } from '../contracts/common';
import { AgentProvenance } from '../contracts/provenance';
import { hunkStatuses } from './changeSetState';

export { allHunks, changeSetStatus, hunkStatuses, isOpen, isPending, resolvedAt, type HunkStatus } from './changeSetState';

/** What ids look like: lowercase letters, digits and dashes only, so an id is safe as a file name. */
export const changeIdPattern = /^[a-z0-9-]{1,64}$/;

const time = z.int().min(0);
const ChangeId = z.string().regex(changeIdPattern);

/** Where a change set came from: an agent in a run, one of TypeScript's code fixes, or the person. */
export const ChangeSource = z.discriminatedUnion('kind', [
  /** `spanId`: the trace span that carried the proposal (its delivered handoff or accepted result), for "Why?". */
  z.strictObject({ kind: z.literal('agent'), agent: z.string().min(1), runId: z.string().min(1), provenance: AgentProvenance.optional(), spanId: z.string().min(1).max(100).optional() }),
  z.strictObject({ kind: z.literal('fix'), rule: z.string().min(1), path: z.string().min(1), line: z.int().min(1), title: z.string().min(1) }),
  /** The person made it: a code block they chose to propose from an agent's reply in a run. */
  z.strictObject({ kind: z.literal('person'), runId: z.string().min(1).optional(), agent: z.string().min(1).optional() }),
]);
export type ChangeSource = z.infer<typeof ChangeSource>;

/** One contiguous edit, decided on by itself. */
export const Hunk = z.strictObject({
  id: ChangeId,
  /** First line of `before` in the file the change set was proposed against, 1-based. */
  startLine: z.int().min(1),
  before: z.string(),
  after: z.string(),
  /**
   * Unchanged lines around `before` when the change was proposed (up to three each side, never
   * another hunk's lines): with `before`, what finds the hunk again after the file changed.
   */
  context: z.strictObject({
    above: z.array(z.string()),
    below: z.array(z.string()),
    /**
     * `before` ended the file (no line below it): the hunk is found only at the end, as one at line 1
     * without lines above is found only at the top. Without it, a line the person added at the end
     * would be indistinguishable from the hunk's own addition there.
     */
    endOfFile: z.literal(true).optional(),
  }),
  rationale: z.string().min(1),
  /** Who wrote these lines: the agent, `quick fix`, or `person` (the person's own edit of the proposal). */
  author: z.string().min(1),
  status: z.enum(hunkStatuses),
  /** Why it is rejected (the person's words) or in conflict (what no longer matches). */
  reason: z.string().optional(),
  resolvedAt: time.optional(),
});
export type Hunk = z.infer<typeof Hunk>;

/**
 * The hunks of one file. `baseHash` is the sha-256 of the text proposed against; `null`: the file did
 * not exist; absent: not known (a proposal stored by an older Nova), so hunks apply only exactly where they say.
 */
export const FileChange = z.strictObject({
  path: ProposablePath,
  baseHash: z.string().regex(/^[0-9a-f]{64}$/).nullable().optional(),
  hunks: z.array(Hunk).min(1),
});
export type FileChange = z.infer<typeof FileChange>;

/** A proposed change set; nothing in it touches the person's files until they accept a hunk. */
export const ChangeSet = z
  .strictObject({
    id: ChangeId,
    source: ChangeSource,
    summary: z.string().min(1),
    rationale: z.string().min(1),
    risks: z.array(z.string()),
    /** Milliseconds since the epoch. */
    createdAt: time,
    files: z.array(FileChange).min(1),
  })
  .refine((set) => new Set(set.files.flatMap((file) => file.hunks.map((hunk) => hunk.id))).size === set.files.reduce((sum, file) => sum + file.hunks.length, 0), {
    message: 'hunk ids must be unique within a change set',
    path: ['files'],
  });
export type ChangeSet = z.infer<typeof ChangeSet>;
