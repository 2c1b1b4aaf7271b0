import { z } from 'zod';
import { proposablePathForm, proposablePathProblem } from '../workspace/proposablePath';

/** A workspace-relative path, as agents name files. The sandbox decides whether it may be touched. */
export const WorkspacePath = z.string().min(1).describe('Path relative to the workspace folder');

/**
 * A path a change proposal may name: plain, workspace-relative and not protected. A bad one is a
 * contract error, so the model that wrote it gets it back with the reason, like any other.
 */
export const ProposablePath = z
  .string()
  .min(1)
  .superRefine((value, context) => {
    const problem = proposablePathProblem(value);
    if (problem) context.addIssue({ code: 'custom', message: `${JSON.stringify(value)} ${problem}; a proposal may only name ${proposablePathForm}` });
  })
    // Short, since it is in every prompt that carries the schema; a bounce spells the whole rule out.
  .describe('Workspace-relative path; never absolute, ".." or in .git/.vscode/.nova');

/** One problem an analyzer or a reviewer found, at a place in a file. */
export const Finding = z.object({
  path: WorkspacePath,
  line: z.int().min(1),
  severity: z.enum(['error', 'warning', 'info', 'hint']).describe('hint: style or noise-prone checks a person may ignore'),
  rule: z.string().min(1).describe('Short id of the check, e.g. "no-floating-promise"'),
  message: z.string().min(1),
  suggestion: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

/** An agent's stance on a decision someone else owns. */
export const Stance = z.enum(['support', 'oppose', 'abstain']);

/** A decision as an owner stated it, shown to advisors and the arbiter. */
export const DecisionStatement = z.object({
  kind: z.string().min(1),
  owner: z.string().min(1),
  outcome: z.string().min(1),
  rationale: z.string().min(1),
});
export type DecisionStatement = z.infer<typeof DecisionStatement>;

/** An advisor's recorded opinion on a decision. */
export const OpinionRecord = z.object({
  agent: z.string().min(1),
  stance: Stance,
  reason: z.string().min(1),
  suggestedOutcome: z.string().optional(),
});
export type OpinionRecord = z.infer<typeof OpinionRecord>;
