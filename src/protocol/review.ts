/**
 * Review: Nova's analyzers over workspace files. Findings arrive as LSP diagnostics (source "Nova")
 * for every editor; Nova's own extension also hears each reviewed file's findings with their
 * fingerprints (`nova/review.findings`), for its Findings view and comment threads, and can dismiss
 * one. The last review is kept in `.nova/review/`, so a restarted server publishes it again.
 */
import { z } from 'zod';
import { notification, request } from './message';

const Position = z.strictObject({ line: z.int().min(0), character: z.int().min(0) });
/** An LSP range (0-based lines and characters). */
export const LspRange = z.strictObject({ start: Position, end: Position });

/** nova/review.run: reviews the paths (default: every TypeScript file of the workspace; `changed`: the files git says changed against HEAD) and publishes diagnostics. */
export const reviewRun = request(
  'nova/review.run',
  z.strictObject({ paths: z.array(z.string().min(1)).optional(), changed: z.boolean().optional() }),
  z.strictObject({
    files: z.int().min(0),
    findings: z.int().min(0),
    /** Files with findings, as file URIs (diagnostics were published for each reviewed file, empty ones included). */
    uris: z.array(z.string()),
    problems: z.array(z.string()),
    /** Findings left out because the person dismissed them. */
    dismissed: z.int().min(0).optional(),
    /** What the team's batched pass did, when the review was large enough and a key is set (core/review/batch). */
    team: z
      .strictObject({
        batchId: z.string().min(1),
        /** The batch was submitted by an earlier server and collected now, not submitted again. */
        resumed: z.boolean(),
        /** Analyzer findings the reviewer confirmed, dismissed (with a reason), and findings it added. */
        confirmed: z.int().min(0),
        dismissed: z.int().min(0),
        added: z.int().min(0),
        /** Verdicts the security reviewer's opinion differed from: the reviewer's stands (it owns them), both opinions are in the trace. */
        disagreements: z.int().min(0),
        /** The team's trace (`.nova/traces/<runId>.jsonl`): every verdict, who decided it, and each disagreement; absent when it could not be written. */
        traceRunId: z.string().min(1).optional(),
      })
      .optional(),
  }),
);

/** Server → client: the team's batched pass over a large review, at each poll of its Message Batch. */
export const reviewTeamProgress = notification(
  'nova/review.teamProgress',
  z.strictObject({
    batchId: z.string().min(1),
    /** A batch an earlier server submitted, collected by this one: no review the person started now is waiting on it. */
    resumed: z.boolean(),
    status: z.string().min(1),
    processing: z.int().min(0),
    succeeded: z.int().min(0),
    errored: z.int().min(0),
    canceled: z.int().min(0),
    expired: z.int().min(0),
  }),
);

/** A finding as the editor shows it: its stable fingerprint, what it says and where. */
export const ReviewedFinding = z.strictObject({
  fingerprint: z.string().min(1),
  rule: z.string().min(1),
  severity: z.enum(['error', 'warning', 'info', 'hint']),
  message: z.string(),
  suggestion: z.string().optional(),
  range: LspRange,
  evidence: z.array(z.strictObject({ uri: z.string().min(1), range: LspRange, message: z.string() })).optional(),
  /** How sure the analyzer is (see core/review/analyzer.ts), and which one raised it. */
  confidence: z.enum(['high', 'medium', 'low']).optional(),
  analyzer: z.string().min(1).optional(),
});
export type ReviewedFinding = z.infer<typeof ReviewedFinding>;

/** One reviewed file: its URI, its workspace path and its findings (dismissed ones left out; empty: none). */
export const ReviewedFile = z.strictObject({ uri: z.string().min(1), path: z.string().min(1), findings: z.array(ReviewedFinding) });
export type ReviewedFile = z.infer<typeof ReviewedFile>;

/** Server → client: a file was reviewed (or its last review restored), as soon as it is known. */
export const reviewFindings = notification('nova/review.findings', ReviewedFile);

/** Server → client: how far the review that is running has got. */
export const reviewProgress = notification('nova/review.progress', z.strictObject({ reviewed: z.int().min(0), total: z.int().min(0) }));

/** nova/review.list: every file of the last review that has findings (after a restart: once they are restored). */
export const reviewList = request('nova/review.list', z.strictObject({}), z.strictObject({ files: z.array(ReviewedFile) }));

/** nova/review.dismiss: the finding stays out of diagnostics and later reviews, in this and later sessions. */
export const reviewDismiss = request('nova/review.dismiss', z.strictObject({ fingerprint: z.string().min(1) }), z.strictObject({ dismissed: z.boolean() }));

export { proposeFixCommand } from './commands';

/**
 * The argument of `nova.proposeFix`: the finding's document, rule and range (LSP positions), and
 * either the TypeScript code of a `ts-<code>` finding or the id of Nova's own fix (core/review/fixes.ts).
 */
export const ProposeFixArgument = z.strictObject({
  uri: z.string().min(1),
  code: z.int().optional(),
  fix: z.string().min(1).optional(),
  rule: z.string().min(1),
  range: LspRange,
});
export type ProposeFixArgument = z.infer<typeof ProposeFixArgument>;
