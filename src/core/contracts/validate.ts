import { z } from 'zod';
import type { ContractDefinition } from './index';

/** The outcome of checking a payload against its contract. */
export type Validation =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly issues: readonly string[] };

/** Validates a payload; issues read `path: message` so a model can fix exactly what is wrong. */
export function validatePayload(contract: ContractDefinition, payload: unknown): Validation {
  const parsed = contract.schema.safeParse(payload);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(describeIssue) };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(payload)';
  return `${where}: ${issue.message}`;
}
