/**
 * "Rerun from here" with a payload the contract refuses: the server answers nova/run.start with an
 * invalid-params error whose data lists the issues, and the page shows them beside the edited
 * payload instead of an error. Pure: Node tests check it.
 */
import { novaErrorCodes } from '../../../protocol/message';

/** The contract's issues, when `error` is the server refusing the rerun's params; undefined for any other failure. */
export function rerunIssues(error: unknown): string[] | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, data } = error as { code?: unknown; data?: unknown };
  if (code !== novaErrorCodes.invalidParams || typeof data !== 'object' || data === null) return undefined;
  const issues = (data as { issues?: unknown }).issues;
  if (!Array.isArray(issues)) return undefined;
  const words = issues.filter((issue): issue is string => typeof issue === 'string' && issue.length > 0);
  return words.length > 0 ? words : undefined;
}
