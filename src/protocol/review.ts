/**
 * Review: Nova's analyzers over workspace files. Findings arrive as LSP diagnostics (source "Nova");
 * this request says what was reviewed.
 */
import { z } from 'zod';
import { request } from './message';

/** nova/review.run: reviews the paths (default: every TypeScript file of the workspace) and publishes diagnostics. */
export const reviewRun = request(
  'nova/review.run',
  z.strictObject({ paths: z.array(z.string().min(1)).optional() }),
  z.strictObject({
    files: z.int().min(0),
    findings: z.int().min(0),
    /** Files with findings, as file URIs (diagnostics were published for each reviewed file, empty ones included). */
    uris: z.array(z.string()),
    problems: z.array(z.string()),
  }),
);

export { proposeFixCommand } from './commands';

/** The argument of `nova.proposeFix`: the finding's document, TypeScript code and range (LSP positions). */
export const ProposeFixArgument = z.strictObject({
  uri: z.string().min(1),
  code: z.int(),
  rule: z.string().min(1),
  range: z.strictObject({
    start: z.strictObject({ line: z.int().min(0), character: z.int().min(0) }),
    end: z.strictObject({ line: z.int().min(0), character: z.int().min(0) }),
  }),
});
export type ProposeFixArgument = z.infer<typeof ProposeFixArgument>;
