/** Contracts that carry work forward: from the person's request to a concrete refactor request. */
import { z } from 'zod';
import { WorkspacePath } from './common';

/** What the person asked, as it enters the front door. */
export const UserRequest = z.object({
  text: z.string().min(1),
  files: z.array(WorkspacePath).default([]).describe('Files the person had open or selected'),
});

/** The front door's understanding of a request: what kind of work, on what, under which constraints. */
export const RoutedTask = z.object({
  intent: z.enum(['refactor', 'review', 'explain', 'improve', 'other']),
  summary: z.string().min(1),
  scope: z.array(WorkspacePath).describe('Files or globs the work is about'),
  constraints: z.array(z.string()).default([]),
});

/** The planner's split of a task into steps, each with exactly one owning agent. */
export const Plan = z.object({
  goal: z.string().min(1),
  steps: z
    .array(
      z.object({
        id: z.string().min(1),
        owner: z.string().min(1).describe('The agent that owns this step'),
        action: z.string().min(1),
        dependsOn: z.array(z.string()).default([]),
      }),
    )
    .min(1),
  risks: z.array(z.string()).default([]),
});

/** A concrete change to make, handed to an agent that owns code changes. */
export const RefactorRequest = z.object({
  goal: z.string().min(1),
  files: z.array(WorkspacePath).min(1),
  constraints: z.array(z.string()).default([]),
});

/** The commands a runner should run as gates. */
export const GateRequest = z.object({
  reason: z.string().min(1),
  gates: z.array(z.object({ name: z.string().min(1), command: z.string().min(1) })).min(1),
});

/** A plain answer with the places it rests on; the result of a specialist that changes nothing. */
export const Answer = z.object({
  answer: z.string().min(1),
  references: z.array(z.object({ path: WorkspacePath, line: z.int().min(1).optional() })).default([]),
});
