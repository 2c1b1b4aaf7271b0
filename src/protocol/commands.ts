/**
 * LSP `workspace/executeCommand` commands the server offers. Kept apart from the schemas so the
 * server's small start-up bundle can name them without loading zod.
 */

/** Run by a fixable finding's code action: stores the fix as a proposal, never an edit. */
export const proposeFixCommand = 'nova.proposeFix';
