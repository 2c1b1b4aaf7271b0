/**
 * Proposal ids: short, sortable by creation time, unique enough without coordination between
 * processes — and safe as file names, so an id can never point outside the proposals folder.
 */
import { randomBytes } from 'node:crypto';

/** What an id may look like: lowercase letters, digits and dashes only — no dots, no slashes. */
export const proposalIdPattern = /^[a-z0-9-]{1,64}$/;

/** Width of the time part: base-36 milliseconds fit in 9 digits until the year 5188. */
const timeDigits = 9;
const randomDigits = 8;

/** A new id, `p-<base-36 time>-<random>`; ids from later milliseconds sort after earlier ones. */
export function newProposalId(now: number): string {
  const time = now.toString(36).padStart(timeDigits, '0');
  const random = [...randomBytes(randomDigits)].map((byte) => (byte % 36).toString(36)).join('');
  return `p-${time}-${random}`;
}

/** Throws unless `id` is safe to use as a file name in the proposals folder. */
export function assertProposalId(id: string): void {
  if (!proposalIdPattern.test(id)) throw new Error(`"${id}" is not a valid proposal id (lowercase letters, digits and dashes only).`);
}
