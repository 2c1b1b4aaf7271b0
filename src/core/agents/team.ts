/**
 * A loaded team: shipped agents first, then workspace agents admitted one at a time. A workspace
 * file that would break a team rule, or that the person has not allowed to take over what it would
 * (consent.ts), is reported and skipped, so it never takes the shipped team down. A Claude-format
 * file named like a shipped agent loads beside it under a suffixed name (collision.ts). The team
 * carries the workspace's constitution, the person's rules for all of its agents.
 */
import { findContract } from '../contracts';
import type { Constitution } from './constitution';
import { endpointAllowed, fileAccepted, howToAccept, howToAllow, normalizeEndpoint, takeoverReasons, type PendingAgentFile, type PendingEndpoint, type WorkspaceAgentPolicy } from './consent';
import { parseAgentFile, type AgentSource } from './parse';
import { loadBeside } from './collision';
import { oneFilePerName, type ParsedWorkspaceAgent } from './sameName';
import { agentToolId, describeProblem, type AgentLoadProblem, type AgentSpec } from './spec';

export class Team {
  private readonly byName: ReadonlyMap<string, AgentSpec>;

  /** `constitution`: the person's rules every agent's prompt carries (constitution.ts); none: no rules of theirs. */
  constructor(
    agents: readonly AgentSpec[],
    readonly constitution?: Constitution,
  ) {
    this.byName = new Map(agents.map((agent) => [agent.name, agent]));
  }

  get agents(): readonly AgentSpec[] {
    return [...this.byName.values()];
  }

  get(name: string): AgentSpec | undefined {
    return this.byName.get(name);
  }

  /** Where a run starts when the person addresses no one. */
  get frontDoor(): AgentSpec | undefined {
    return this.agents.find((agent) => agent.role === 'front-door');
  }

  get arbiter(): AgentSpec | undefined {
    return this.agents.find((agent) => agent.role === 'arbiter');
  }

  ownerOf(kind: string): AgentSpec | undefined {
    return this.agents.find((agent) => agent.owns.includes(kind));
  }

  advisorsOf(kind: string): readonly AgentSpec[] {
    return this.agents.filter((agent) => agent.advises.includes(kind));
  }

  /**
   * Specialists a workspace added (`.nova/agents`, `.claude/agents`) that the front door may route
   * a request to: they take a RoutedTask and own and advise nothing, so handing them work puts no
   * decision in a workspace file's hands. At most `maxRoutedSpecialists`, by name; the rest are
   * still reachable with `--agent` / `@name`.
   */
  get routableSpecialists(): readonly AgentSpec[] {
    return this.agents
      .filter((agent) => agent.source.origin !== 'shipped' && agent.role === 'specialist' && agent.owns.length === 0 && agent.advises.length === 0 && agent.accepts.includes('RoutedTask'))
      .slice(0, maxRoutedSpecialists);
  }

  /** Who `agent` may hand work to: the agents its file names and, for the front door, the routable specialists. */
  handoffTargets(agent: AgentSpec): readonly AgentSpec[] {
    const named = agent.handoffs.map((name) => this.byName.get(name)).filter((target): target is AgentSpec => target !== undefined);
    if (agent.role !== 'front-door') return named;
    return [...named, ...this.routableSpecialists.filter((specialist) => specialist !== agent && !named.includes(specialist))];
  }
}

/** How many workspace specialists the front door is offered: each is a tool definition in its every call. */
export const maxRoutedSpecialists = 24;

/** A team and what went wrong loading it (skipped files and warnings), and what waits for the person. */
export interface TeamLoad {
  readonly team: Team;
  readonly problems: readonly AgentLoadProblem[];
  /** Workspace files that load once the person accepts their current content. */
  readonly pending: readonly PendingAgentFile[];
  /** Agent files whose `baseURL` the person has not allowed. */
  readonly pendingEndpoints: readonly PendingEndpoint[];
  /** Claude-format files named like a shipped agent, loaded beside it under another name. */
  readonly renamed: readonly RenamedAgentFile[];
}

/** A workspace file whose agent loads under another name than the one it gives. */
export interface RenamedAgentFile {
  readonly path: string;
  /** The name the file gives (a shipped agent's). */
  readonly name: string;
  readonly loadedAs: string;
}

/**
 * Builds the team. Shipped agents must form a valid team (a broken shipped file is a bug in Nova and
 * throws). Workspace agents override shipped ones of the same name; each is admitted only if the team
 * stays valid with it, retrying skipped files once others are in (agents may hand off to each other).
 */
export function assembleTeam(
  shipped: readonly AgentSource[],
  workspace: readonly AgentSource[],
  knownTools: ReadonlySet<string>,
  policy: WorkspaceAgentPolicy,
): TeamLoad {
  const problems: AgentLoadProblem[] = [];
  const pendingFiles: PendingAgentFile[] = [];
  const pendingEndpoints: PendingEndpoint[] = [];
  const renamed: RenamedAgentFile[] = [];
  const agents = new Map<string, AgentSpec>();
  for (const source of shipped) {
    const parsed = parseAgentFile(source, knownTools);
    if (!parsed.ok) throw new Error(`Nova's shipped team is broken: ${parsed.problems.map(describeProblem).join('; ')}`);
    agents.set(parsed.spec.name, parsed.spec);
  }
  const shippedErrors = teamProblems(agents);
  if (shippedErrors.length > 0) throw new Error(`Nova's shipped team is broken: ${shippedErrors.map(describeProblem).join('; ')}`);
  const shippedAgents: ReadonlyMap<string, AgentSpec> = new Map(agents);

  let pending: { spec: AgentSpec; problems: AgentLoadProblem[] }[] = [];
  const parsedFiles: ParsedWorkspaceAgent[] = [];
  for (const source of workspace) {
    const parsed = parseAgentFile(source, knownTools);
    if (parsed.ok) parsedFiles.push(parsed);
    else problems.push(...parsed.problems);
  }
  const named = oneFilePerName(parsedFiles);
  problems.push(...named.problems);
  // Names taken so far, in file order: a Claude namesake's suffixed name counts from where it loads.
  const seen = new Map<string, string>();
  for (const parsed of named.kept) {
    problems.push(...parsed.warnings);
    let spec = parsed.spec;
    const namesake = shippedAgents.get(spec.name);
    const beside = namesake && parsed.claudeFormat ? loadBeside(spec, namesake) : undefined;
    if (beside) spec = beside.spec;
    // A suffixed name must not replace a shipped agent either, nor an earlier file's agent.
    const earlier = seen.get(spec.name) ?? (beside ? shippedAgents.get(spec.name)?.source.file : undefined);
    if (earlier) {
      problems.push({ path: spec.source.file, field: 'name', severity: 'error', message: `"${spec.name}" is already defined by ${earlier}` });
      continue;
    }
    seen.set(spec.name, spec.source.file);
    if (beside) {
      renamed.push({ path: spec.source.file, name: parsed.spec.name, loadedAs: spec.name });
      problems.push(beside.notice);
    }
    const held = holdForPerson(spec, shippedAgents, policy);
    problems.push(...held.problems);
    if (held.file) pendingFiles.push(held.file);
    if (held.endpoint) pendingEndpoints.push(held.endpoint);
    if (held.problems.length === 0) pending.push({ spec, problems: [] });
  }

  for (let admitted = true; admitted && pending.length > 0; ) {
    admitted = false;
    const rejected: typeof pending = [];
    for (const candidate of pending) {
      const previous = agents.get(candidate.spec.name);
      agents.set(candidate.spec.name, candidate.spec);
      const found = teamProblems(agents);
      if (found.length === 0) {
        admitted = true;
        continue;
      }
      if (previous) agents.set(previous.name, previous);
      else agents.delete(candidate.spec.name);
      rejected.push({ spec: candidate.spec, problems: found.map((problem) => blame(problem, candidate.spec, previous)) });
    }
    pending = rejected;
  }
  for (const candidate of pending) problems.push(...candidate.problems);
  return { team: new Team([...agents.values()].sort((a, b) => a.name.localeCompare(b.name))), problems, pending: pendingFiles, pendingEndpoints, renamed };
}

/** Why a parsed workspace agent may not load yet (an endpoint not allowed, a takeover not accepted); nothing when it may. */
function holdForPerson(
  spec: AgentSpec,
  shipped: ReadonlyMap<string, AgentSpec>,
  policy: WorkspaceAgentPolicy,
): { problems: AgentLoadProblem[]; file?: PendingAgentFile; endpoint?: PendingEndpoint } {
  const problems: AgentLoadProblem[] = [];
  const file = spec.source.file;
  let endpoint: PendingEndpoint | undefined;
  if (spec.baseURL && !endpointAllowed(spec.baseURL, policy)) {
    const baseURL = normalizeEndpoint(spec.baseURL);
    endpoint = { path: file, name: spec.name, baseURL };
    problems.push({
      path: file,
      field: 'baseURL',
      severity: 'error',
      message: `names its own Messages API endpoint: Nova would send your API key to ${new URL(baseURL).host}, so the file loads only if you allow exactly ${baseURL} for this workspace (${howToAllow(baseURL)}).`,
    });
  }
  const reasons = takeoverReasons(spec, shipped);
  let pendingFile: PendingAgentFile | undefined;
  if (reasons.length > 0 && !fileAccepted(spec, policy)) {
    pendingFile = { path: file, name: spec.name, sha256: spec.source.sha256, reasons };
    const changed = policy.acceptedFiles.some((accepted) => accepted.path === file);
    const meanwhile = shipped.has(spec.name) ? `the shipped ${spec.name} stays until then` : `until then the team has no ${spec.name}`;
    problems.push({
      path: file,
      severity: 'error',
      message: `waits for your acceptance${changed ? ' again (it changed since you accepted it)' : ''}: this workspace file ${reasons.join('; ')}; ${meanwhile}. ${howToAccept(file)}.`,
    });
  }
  return { problems, ...(pendingFile ? { file: pendingFile } : {}), ...(endpoint ? { endpoint } : {}) };
}

/**
 * Puts a team-level problem on the file that caused it. The field named is the other file's, so it
 * is said as such, and a decision the replaced agent owned and this file drops is said plainly.
 */
function blame(problem: AgentLoadProblem, culprit: AgentSpec, replaced: AgentSpec | undefined): AgentLoadProblem {
  if (problem.path === culprit.source.file) return problem;
  const dropped = replaced?.owns.filter((kind) => !culprit.owns.includes(kind)) ?? [];
  const orphaned = dropped.find((kind) => problem.message.includes(`"${kind}" is owned by no agent`));
  if (replaced && orphaned) {
    return {
      path: culprit.source.file,
      field: 'owns',
      severity: 'error',
      message: `replaces the ${replaced.source.origin} ${replaced.name}, which owns "${orphaned}", but does not own it: the decision would have no owner (${problem.path} advises on it); every decision has exactly one owner`,
    };
  }
  const { field, ...rest } = problem;
  return { ...rest, path: culprit.source.file, message: `${problem.message} (in ${problem.path}${field ? `, field "${field}"` : ''}, once this file is loaded)` };
}

/** The cross-agent rules of DESIGN.md: handoff targets exist, each decision kind has exactly one owner. */
function teamProblems(agents: ReadonlyMap<string, AgentSpec>): AgentLoadProblem[] {
  const problems: AgentLoadProblem[] = [];
  const error = (agent: AgentSpec, field: string, message: string) =>
    problems.push({ path: agent.source.file, field, message, severity: 'error' });
  const owners = new Map<string, AgentSpec[]>();
  for (const agent of agents.values()) for (const kind of agent.owns) owners.set(kind, [...(owners.get(kind) ?? []), agent]);

  for (const agent of agents.values()) {
    for (const target of agent.handoffs) {
      if (!agents.has(target)) error(agent, 'handoffs', `unknown handoff target "${target}"`);
    }
    for (const kind of agent.owns) {
      const all = owners.get(kind) ?? [];
      if (all.length > 1 && all[0] !== agent) error(agent, 'owns', `decision "${kind}" is already owned by ${all[0]?.name}; every decision has exactly one owner`);
    }
    for (const kind of agent.advises) {
      if (!owners.has(kind)) error(agent, 'advises', `decision "${kind}" is owned by no agent; every decision has exactly one owner`);
    }
    const carried = findContract(agent.returns)?.decision;
    if (carried && !agent.owns.includes(carried.kind)) {
      error(agent, 'returns', `${agent.returns} records the decision "${carried.kind}", which this agent does not own`);
    }
  }
  const toolIds = new Map<string, AgentSpec>();
  for (const agent of agents.values()) {
    const other = toolIds.get(agentToolId(agent.name));
    if (other) error(agent, 'name', `"${agent.name}" and "${other.name}" would share the handoff tool handoff_to_${agentToolId(agent.name)}; rename one`);
    else toolIds.set(agentToolId(agent.name), agent);
  }
  const frontDoors = [...agents.values()].filter((agent) => agent.role === 'front-door');
  for (const extra of frontDoors.slice(1)) error(extra, 'role', `the team already has a front door (${frontDoors[0]?.name})`);
  return problems;
}
