/**
 * The contracts of a batched team review: what the reviewer returns for one file (a verdict on each
 * analyzer finding, plus findings of its own) and what the security reviewer returns as advice on the
 * file's security findings. A result is checked twice before it is merged: against the schema, then
 * against the request it answers (each finding decided exactly once, added lines inside the file).
 * Either failing leaves the file's analyzer findings as they were.
 */
import { z } from 'zod';
import { Finding } from '../../contracts/common';
import type { JsonSchema } from '../../contracts/jsonSchema';
import type { ToolDefinition } from '../../model/client';

/** How the request names the file's analyzer findings: F1, F2… in the order they were listed. */
export const FindingId = z.string().regex(/^F[1-9]\d*$/).describe('The finding id as listed, e.g. "F1"');

export const Decision = z.enum(['confirm', 'dismiss']);
export type Decision = z.infer<typeof Decision>;

export const FindingVerdict = z.strictObject({
  finding: FindingId,
  decision: Decision.describe('confirm: a real problem worth the person’s time; dismiss: a false positive or not worth reporting'),
  reason: z.string().min(1).describe('One sentence: why'),
});

/** A finding the reviewer adds: the contract's Finding, less the path (the file under review). */
export const AddedFinding = Finding.pick({ line: true, severity: true, rule: true, message: true, suggestion: true });
export type AddedFinding = z.infer<typeof AddedFinding>;

/** The reviewer's result for one file. */
export const FileReview = z.strictObject({
  verdicts: z.array(FindingVerdict).describe('One verdict for every listed finding'),
  added: z.array(AddedFinding).default([]).describe('Real defects in the shown lines that no analyzer reported'),
});
export type FileReview = z.infer<typeof FileReview>;

/** The security reviewer's advice on a file's security findings: what it would decide, and why. */
export const SecurityAdvice = z.strictObject({
  opinions: z.array(FindingVerdict).describe('One opinion for every listed security finding'),
});
export type SecurityAdvice = z.infer<typeof SecurityAdvice>;

/** A result read from a model's reply, or why it was not accepted. */
export type ReadResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly string[] };

export const submitFileReview = 'submit_FileReview';
export const submitSecurityAdvice = 'submit_SecurityAdvice';

export const fileReviewTool: ToolDefinition = tool(submitFileReview, 'Submit your verdict on every listed finding, and any finding you add. Call it once.', FileReview);
export const securityAdviceTool: ToolDefinition = tool(submitSecurityAdvice, 'Submit your opinion on every listed security finding. Call it once.', SecurityAdvice);

function tool(name: string, description: string, schema: z.ZodType): ToolDefinition {
  const { $schema: _schema, ...inputSchema } = z.toJSONSchema(schema, { io: 'input' }) as JsonSchema;
  return { name, description, inputSchema };
}

/**
 * The reviewer's FileReview, valid against the file it reviewed: `ids` are the findings it was shown,
 * `lineCount` the file's lines.
 */
export function readFileReview(input: unknown, ids: readonly string[], lineCount: number): ReadResult<FileReview> {
  const parsed = FileReview.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(describeIssue) };
  const issues = decidedOnce(parsed.data.verdicts, ids, 'verdict');
  parsed.data.added.forEach((added, index) => {
    if (added.line > lineCount) issues.push(`added.${index}.line: ${added.line} is past the file's last line (${lineCount})`);
  });
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/** The security reviewer's advice, valid against the security findings it was shown. */
export function readSecurityAdvice(input: unknown, ids: readonly string[]): ReadResult<SecurityAdvice> {
  const parsed = SecurityAdvice.safeParse(input);
  if (!parsed.success) return { ok: false, issues: parsed.error.issues.map(describeIssue) };
  const issues = decidedOnce(parsed.data.opinions, ids, 'opinion');
  return issues.length === 0 ? { ok: true, value: parsed.data } : { ok: false, issues };
}

/** Each of `ids` has exactly one entry, and no entry names another finding. */
function decidedOnce(entries: readonly { readonly finding: string }[], ids: readonly string[], what: string): string[] {
  const issues: string[] = [];
  const seen = new Set<string>();
  for (const { finding } of entries) {
    if (!ids.includes(finding)) issues.push(`${finding}: no such finding was listed`);
    else if (seen.has(finding)) issues.push(`${finding}: more than one ${what}`);
    seen.add(finding);
  }
  for (const id of ids) if (!seen.has(id)) issues.push(`${id}: no ${what}`);
  return issues;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.length > 0 ? issue.path.map(String).join('.') : '(result)'}: ${issue.message}`;
}
