/**
 * One agent of the loaded team, as views list it. Schema only (no LSP descriptor), so the webviews
 * can check it without bundling the language-server protocol.
 */
import { z } from 'zod';
import { AgentProvenance } from '../core/contracts/provenance';

/** One agent of the loaded team. */
export const TeamMember = z.strictObject({
  name: z.string(),
  role: z.string(),
  owns: z.array(z.string()),
  advises: z.array(z.string()),
  provenance: AgentProvenance,
});
export type TeamMember = z.infer<typeof TeamMember>;

