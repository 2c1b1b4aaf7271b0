/** Contracts of the team's discipline: opinions, dissent, rulings, escalations and stops. */
import { z } from 'zod';
import { DecisionStatement, OpinionRecord, Stance } from './common';

/** Asks an advisor for its opinion on a decision another agent owns. */
export const OpinionRequest = z.object({
  decision: DecisionStatement,
  answers: z.array(z.object({ agent: z.string(), answer: z.string() })).default([]).describe("The owner's answers to earlier dissent"),
});

/** An advisor's opinion. */
export const Opinion = z.object({
  stance: Stance,
  reason: z.string().min(1),
  suggestedOutcome: z.string().optional(),
});

/** Puts each dissent in front of the decision's owner. */
export const DissentBrief = z.object({
  decision: DecisionStatement,
  dissents: z.array(OpinionRecord).min(1),
});

/** The owner's answer to each dissent, keeping or revising its outcome. */
export const DissentAnswer = z.object({
  outcome: z.string().min(1),
  answers: z.array(z.object({ agent: z.string().min(1), answer: z.string().min(1) })).min(1),
});

/** A disagreement the owner could not settle, handed to the arbiter. */
export const Disagreement = z.object({
  decision: DecisionStatement,
  opinions: z.array(OpinionRecord).min(1),
  answers: z.array(z.object({ agent: z.string(), answer: z.string() })).default([]),
});

/**
 * The arbiter's ruling: an outcome, or an honest "undecided" that escalates to the person. One
 * object rather than a union, because a model tool's input schema must be an object at the top.
 */
export const Ruling = z
  .object({
    ruling: z.enum(['decided', 'undecided']),
    outcome: z.string().min(1).optional().describe('The outcome that stands; required when decided'),
    rationale: z.string().min(1),
  })
  .refine((ruling) => ruling.ruling === 'undecided' || ruling.outcome !== undefined, { message: 'a decided ruling names its outcome', path: ['outcome'] });

/**
 * A decision the team could not settle, put to the person who owns the last word. `id` names it
 * within its run, so an answer (nova/decision.ask) can be matched to the question it answers.
 */
export const Escalation = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  decision: DecisionStatement,
  options: z.array(z.string().min(1)).min(1),
  opinions: z.array(OpinionRecord),
});

/** Why a run (or one branch of it) stopped without a result: which agent, which handoff, why. */
export const StuckReport = z.object({
  agent: z.string().min(1),
  handoff: z.object({ from: z.string(), to: z.string(), contract: z.string() }).optional(),
  reason: z.enum([
    'max_steps',
    'token_budget',
    'cost_budget',
    'activation_turns',
    'wall_clock',
    'ping_pong',
    'repeated_error',
    'contract_violation',
    'model_error',
    'cancelled',
    'unsupported',
  ]),
  detail: z.string().min(1),
  steps: z.int().min(0),
  tokens: z.int().min(0),
  costUsd: z.number().min(0),
});
