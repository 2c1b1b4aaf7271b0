/**
 * Schemas for the core's values as they cross the wire. Contracts are checked in full (they are
 * zod already); spans and run results are checked for the fields the views rely on — the core
 * produced them, and a newer core may add fields an older view does not know.
 */
import { z } from 'zod';
import { ChangeProposal } from '../core/contracts/change';
import { Escalation, StuckReport } from '../core/contracts/control';
import { Settlement, type DecisionRecord } from '../core/contracts/decision';
import { AgentProvenance } from '../core/contracts/provenance';
import type { RunResult } from '../core/orchestrator/result';
import { spanKinds, type Span } from '../core/trace/spans';

export { ChangeProposal, Escalation };

/** A trace span: the fields every span has, its kind among the known ones; the rest passes through. */
export const SpanShape = z.looseObject({
  runId: z.string().min(1),
  id: z.string().min(1),
  parentId: z.string().nullable(),
  kind: z.enum(spanKinds),
  startedAt: z.number(),
  endedAt: z.number(),
  agent: z.string().optional(),
}) as unknown as z.ZodType<Span>;

const Opinion = z.looseObject({ agent: z.string(), stance: z.enum(['support', 'oppose', 'abstain']), reason: z.string(), provenance: AgentProvenance.optional() });

/** A settled (or escalated) decision with its owner, opinions and remaining dissent. */
export const DecisionShape = z.looseObject({
  kind: z.string().min(1),
  owner: z.string().min(1),
  ownerProvenance: AgentProvenance.optional(),
  outcome: z.string(),
  rationale: z.string(),
  proposedOutcome: z.string(),
  opinions: z.array(Opinion),
  dissent: z.array(Opinion),
  settledBy: Settlement,
  rounds: z.number(),
}) as unknown as z.ZodType<DecisionRecord>;

const Usage = z.object({ steps: z.number(), tokens: z.number(), costUsd: z.number() });

/** How a run ended; artifacts' payloads were validated against their contracts inside the run. */
export const RunResultShape = z.looseObject({
  runId: z.string().min(1),
  status: z.enum(['completed', 'stopped', 'escalated', 'cancelled', 'unsupported']),
  artifacts: z.array(z.looseObject({ agent: z.string(), contract: z.string(), payload: z.unknown(), via: z.enum(['handoff', 'result']) })),
  decisions: z.array(DecisionShape),
  escalation: Escalation.optional(),
  stuck: StuckReport.optional(),
  usage: Usage,
  traceProblems: z.array(z.string()),
}) as unknown as z.ZodType<RunResult>;

/** A run's token and cost totals. */
export const RunUsage = Usage;
