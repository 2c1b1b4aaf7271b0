/**
 * Agents: the team the server would run for the workspace, where each agent came from, and the
 * workspace agent files that wait for the person (an acceptance of the file, an allowance of the
 * endpoint it names). The client asks the person and answers through nova/session.configure.
 */
import { z } from 'zod';
import { request } from './message';
import { TeamMember } from './team';

export { TeamMember };

const Sha256 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in lower-case hex');

/** A workspace agent file the person accepted with exactly this content. */
export const AcceptedAgentFile = z.strictObject({
  /** Workspace-relative, with `/` (as `pending` names it). */
  path: z.string().min(1),
  sha256: Sha256,
});
export type AcceptedAgentFile = z.infer<typeof AcceptedAgentFile>;

/** A file that loads once accepted: what it would take over, and the content hash an acceptance binds to. */
export const PendingAgentFile = z.strictObject({
  path: z.string().min(1),
  name: z.string(),
  sha256: Sha256,
  reasons: z.array(z.string()),
});
export type PendingAgentFile = z.infer<typeof PendingAgentFile>;

/** A file whose `baseURL` loads once the person allows that exact endpoint (the API key would go there). */
export const PendingEndpoint = z.strictObject({
  path: z.string().min(1),
  name: z.string(),
  baseURL: z.string(),
});
export type PendingEndpoint = z.infer<typeof PendingEndpoint>;

export const AgentsListResult = z.strictObject({
  agents: z.array(TeamMember),
  pending: z.array(PendingAgentFile),
  pendingEndpoints: z.array(PendingEndpoint),
  /** Every load problem, as a person reads it (file, field, why). */
  problems: z.array(z.string()),
});
export type AgentsListResult = z.infer<typeof AgentsListResult>;

/** nova/agents.list: the team for the workspace under the current session's trust and acceptances. */
export const agentsList = request('nova/agents.list', z.strictObject({}), AgentsListResult);
