/** Contracts about changes: what an agent proposes, how it was judged, and the report a person reads. */
import { z } from 'zod';
import { Finding, ProposablePath, WorkspacePath } from './common';

/** One contiguous edit: the exact lines replaced, so a stale base is detected rather than misapplied. */
export const ProposedHunk = z.object({
  startLine: z.int().min(1).describe('First line of `before` in the current file, 1-based'),
  before: z.string().describe('The exact current text being replaced (empty for a pure insertion)'),
  after: z.string().describe('The replacement text'),
  rationale: z.string().min(1),
});

/** A proposed change set; nothing in it touches the person's files until they accept it. */
export const ChangeProposal = z.object({
  summary: z.string().min(1),
  rationale: z.string().min(1),
  files: z.array(z.object({ path: ProposablePath, hunks: z.array(ProposedHunk).min(1) })).min(1),
  risks: z.array(z.string()).default([]),
});

/** What analyzers or a reviewer found over a scope. */
export const FindingList = z.object({
  scope: z.array(WorkspacePath),
  analyzers: z.array(z.string()).default([]),
  findings: z.array(Finding),
});

/** The reviewer's approve/reject decision on a change, with how sure it is. */
export const ReviewVerdict = z.object({
  verdict: z.enum(['approve', 'request_changes', 'reject']),
  confidence: z.number().min(0).max(1),
  summary: z.string().min(1),
  findings: z.array(Finding).default([]),
});

const GateStatus = z.enum(['passed', 'failed', 'skipped', 'error']);

/** The evidence of each gate, reported as it happened. */
export const GateReport = z
  .object({
    gates: z
      .array(
        z.object({
          name: z.string().min(1),
          command: z.string().optional(),
          status: GateStatus,
          evidence: z.string().describe('Output or reason that supports the status'),
          durationMs: z.number().min(0).optional(),
        }),
      )
      .min(1),
    overall: z.enum(['passed', 'failed']),
  })
  .refine((report) => (report.overall === 'passed') === report.gates.every((gate) => gate.status === 'passed' || gate.status === 'skipped'), {
    message: 'overall must be "passed" exactly when no gate failed or errored',
    path: ['overall'],
  });

/** What the reporter is given to write from. */
export const ReportRequest = z.object({
  task: z.string().min(1),
  proposal: ChangeProposal.optional(),
  verdict: ReviewVerdict.optional(),
  gates: GateReport.optional(),
});

/** What changed and why, with each gate's evidence and the risks; what a person reads before accepting. */
export const ChangeReport = z.object({
  title: z.string().min(1),
  whatChanged: z.array(z.object({ path: WorkspacePath, summary: z.string().min(1) })),
  why: z.string().min(1),
  gates: z.array(z.object({ name: z.string().min(1), status: GateStatus, evidence: z.string() })),
  risks: z.array(z.string()).default([]),
});
