/**
 * What a person has allowed a workspace's agent files to do, and what each file would take over.
 * A workspace is untrusted input: a cloned repository's `.nova/agents/reviewer.md` must not quietly
 * replace the approval gate, and its `baseURL` must not send the person's API key to a host of the
 * repository's choosing. So a file that takes over a decision loads only once the person accepted
 * exactly its current content (sha256), and an agent file's `baseURL` only once the person allowed
 * exactly that endpoint for this workspace. In Restricted Mode no workspace agent loads at all.
 */
import type { AgentSpec } from './spec';

/** A workspace agent file the person accepted: its workspace-relative path and the content's sha256. */
export interface AcceptedAgentFile {
  readonly path: string;
  readonly sha256: string;
}

/** What the person allowed for one workspace's agent files. */
export interface WorkspaceAgentPolicy {
  /** False in Restricted Mode (an untrusted workspace): no workspace agent file is read or loaded. */
  readonly trusted: boolean;
  /** Files accepted by content; a changed file (another hash) asks again. */
  readonly acceptedFiles: readonly AcceptedAgentFile[];
  /** Messages API endpoints agent files of this workspace may name as `baseURL`, matched exactly. */
  readonly allowedEndpoints: readonly string[];
}

/** A workspace agent file that is waiting for the person's acceptance, and why it needs it. */
export interface PendingAgentFile {
  /** Workspace-relative, with `/`. */
  readonly path: string;
  /** The agent the file defines. */
  readonly name: string;
  readonly sha256: string;
  /** What it would take over, as a person reads it ("owns change.approval", "overrides the shipped reviewer, which …"). */
  readonly reasons: readonly string[];
}

/** An agent file whose `baseURL` waits for the person's allowance. */
export interface PendingEndpoint {
  readonly path: string;
  readonly name: string;
  /** The endpoint exactly as the person would allow it (normalised URL). */
  readonly baseURL: string;
}

/** The form in which endpoints are compared: `http://host:1/` and `http://host:1` are one endpoint. */
export function normalizeEndpoint(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return url;
  }
}

/** Whether the person allowed this exact endpoint. */
export function endpointAllowed(baseURL: string, policy: WorkspaceAgentPolicy): boolean {
  const wanted = normalizeEndpoint(baseURL);
  return policy.allowedEndpoints.some((allowed) => normalizeEndpoint(allowed) === wanted);
}

/** Whether the person accepted this file with exactly this content. */
export function fileAccepted(spec: AgentSpec, policy: WorkspaceAgentPolicy): boolean {
  return policy.acceptedFiles.some((accepted) => accepted.path === spec.source.file && accepted.sha256 === spec.source.sha256);
}

/**
 * What a workspace agent would take over from the shipped team; empty when it needs no acceptance.
 * Owning a decision, or replacing a shipped agent that owns or advises one (or arbitrates them),
 * puts the file between the person and a verdict.
 */
export function takeoverReasons(spec: AgentSpec, shipped: ReadonlyMap<string, AgentSpec>): string[] {
  const reasons: string[] = [];
  if (spec.owns.length > 0) reasons.push(`owns ${spec.owns.join(', ')}`);
  const replaced = shipped.get(spec.name);
  if (replaced) {
    const roles = [
      ...(replaced.owns.length > 0 ? [`owns ${replaced.owns.join(', ')}`] : []),
      ...(replaced.advises.length > 0 ? [`advises on ${replaced.advises.join(', ')}`] : []),
      ...(replaced.role === 'arbiter' ? ['rules on disagreements'] : []),
    ];
    if (roles.length > 0) reasons.push(`overrides the shipped ${replaced.name}, which ${roles.join(' and ')}`);
  }
  return reasons;
}

/** How a person accepts a pending file, in each place Nova runs. */
export function howToAccept(file: string): string {
  return `VS Code asks before a run (or run "Nova: Review Workspace Agent Files"); the CLI takes --accept-agent ${file}`;
}

/** How a person allows an endpoint, in each place Nova runs. */
export function howToAllow(baseURL: string): string {
  return `VS Code asks you once, naming the host; the CLI takes --allow-endpoint ${baseURL}`;
}
