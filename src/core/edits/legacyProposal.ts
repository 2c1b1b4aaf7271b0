/**
 * Proposals stored by an earlier Nova (one status for the whole proposal, hunks without ids) still
 * load: each becomes a ChangeSet whose hunks carry the old status. They have no recorded base, so
 * their hunks apply only exactly where they say (see ./placement.ts).
 */
import { z } from 'zod';
import { ChangeProposal } from '../contracts/change';
import { changeIdPattern, type ChangeSet, type ChangeSource } from './changeSet';
import { authorOf, hunkId } from './newChangeSet';

const time = z.int().min(0);

/** A proposal file as an earlier Nova wrote it. */
export const LegacyProposal = z
  .object({
    id: z.string().regex(changeIdPattern),
    createdAt: time,
    source: z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('run'), runId: z.string().min(1), agent: z.string().min(1) }),
      z.object({ kind: z.literal('fix'), rule: z.string().min(1), path: z.string().min(1), line: z.int().min(1), title: z.string().min(1) }),
    ]),
    status: z.enum(['pending', 'accepted', 'rejected']),
    resolvedAt: time.optional(),
    proposal: ChangeProposal,
  })
  .refine((record) => (record.status === 'pending') === (record.resolvedAt === undefined), { message: 'resolvedAt must be set exactly when the status is accepted or rejected', path: ['resolvedAt'] });
export type LegacyProposal = z.infer<typeof LegacyProposal>;

/** The change set an earlier Nova's proposal stands for. */
export function fromLegacyProposal(record: LegacyProposal): ChangeSet {
  const source: ChangeSource = record.source.kind === 'run' ? { kind: 'agent', agent: record.source.agent, runId: record.source.runId } : record.source;
  const author = authorOf(source);
  const seen = new Set<string>();
  return {
    id: record.id,
    source,
    summary: record.proposal.summary,
    rationale: record.proposal.rationale,
    risks: record.proposal.risks,
    createdAt: record.createdAt,
    files: record.proposal.files.map((file) => ({
      path: file.path,
      hunks: file.hunks
        .map((hunk) => ({
          id: hunkId(file.path, hunk.startLine, hunk.before, hunk.after),
          startLine: hunk.startLine,
          before: hunk.before,
          after: hunk.after,
          context: { above: [], below: [] },
          rationale: hunk.rationale,
          author,
          status: record.status,
          ...(record.resolvedAt === undefined ? {} : { resolvedAt: record.resolvedAt }),
        }))
        .filter((hunk) => !seen.has(hunk.id) && seen.add(hunk.id)),
    })),
  };
}
