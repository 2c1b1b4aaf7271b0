/**
 * Parses one agent file into an AgentSpec, checking each field on its own. Cross-agent rules
 * (handoff targets, one owner per decision) are the team's job: see team.ts.
 */
import { z } from 'zod';
import { contractNames } from '../contracts';
import { splitFrontMatter } from './frontMatter';
import { claudeToolEquivalents, readOnlyTools } from './claudeTools';
import { defaultBudget, roles, type AgentFileSource, type AgentLoadProblem, type AgentSpec } from './spec';

/** An agent file's text and where it came from. */
export interface AgentSource extends AgentFileSource {
  readonly text: string;
}

export type ParsedAgent =
  | { readonly ok: true; readonly spec: AgentSpec; readonly warnings: readonly AgentLoadProblem[] }
  | { readonly ok: false; readonly problems: readonly AgentLoadProblem[] };

// Agent names become tool names (handoff_to_<name>), which the Messages API limits to [a-zA-Z0-9_-].
const agentName = z.string().regex(/^[a-z][a-z0-9_-]{0,47}$/, 'use lower-case letters, digits, "-" or "_" (at most 48)');
const decisionKind = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'decision kinds look like "change.approval"');
const nameList = z.union([z.array(z.string()), z.string()]).transform((value) =>
  (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item.length > 0),
);

const FrontMatter = z.looseObject({
  name: agentName,
  description: z.string().min(1),
  role: z.enum(roles).optional(),
  tools: nameList.optional(),
  model: z.string().min(1).optional(),
  baseURL: z.url({ protocol: /^https?$/ }).optional(),
  owns: z.array(decisionKind).default([]),
  advises: z.array(decisionKind).default([]),
  accepts: nameList.optional(),
  returns: z.string().min(1).optional(),
  handoffs: z.array(agentName).default([]),
  budget: z
    .strictObject({ turns: z.int().min(1).max(100), tokens: z.int().min(1000), usd: z.number().min(0) })
    .partial()
    .default({}),
  thinking: z.int().min(0).default(0),
});

const novaFields = ['role', 'owns', 'advises', 'accepts', 'returns', 'handoffs'] as const;

/** Parses and checks one agent file against the tools the registry has. */
export function parseAgentFile(source: AgentSource, knownTools: ReadonlySet<string>): ParsedAgent {
  const fail = (message: string, field?: string): ParsedAgent => ({
    ok: false,
    problems: [{ path: source.file, message, severity: 'error', ...(field ? { field } : {}) }],
  });
  const split = splitFrontMatter(source.text);
  if (!split.ok) return fail(split.message);
  if (typeof split.data !== 'object' || split.data === null) return fail('front matter must be a YAML mapping');
  if (split.body.length === 0) return fail('the body (the system prompt) is empty');

  const parsed = FrontMatter.safeParse(split.data);
  if (!parsed.success) {
    return {
      ok: false,
      problems: parsed.error.issues.map((issue) => ({
        path: source.file,
        field: issue.path.map(String).join('.') || '(front matter)',
        message: issue.message,
        severity: 'error' as const,
      })),
    };
  }
  const fields = parsed.data;
  const raw = split.data as Record<string, unknown>;
  // A .claude/agents file without Nova's fields is a specialist that owns nothing (DESIGN.md).
  const claudeFormat = novaFields.every((field) => raw[field] === undefined);
  const warnings: AgentLoadProblem[] = [];

  let tools: string[];
  if (claudeFormat) {
    tools = [];
    for (const tool of fields.tools ?? readOnlyTools) {
      const equivalent = knownTools.has(tool) ? tool : claudeToolEquivalents.has(tool) ? claudeToolEquivalents.get(tool) : tool.startsWith('mcp__') ? null : undefined;
      if (equivalent === undefined) return fail(`unknown tool "${tool}" (Nova's tools: ${[...knownTools].join(', ')})`, 'tools');
      if (equivalent === null) {
        warnings.push({ path: source.file, field: 'tools', severity: 'warning', message: `Claude Code's "${tool}" has no Nova equivalent and is left out: Nova agents change code only by proposing it` });
      } else if (!tools.includes(equivalent)) tools.push(equivalent);
    }
  } else {
    tools = fields.tools ?? [];
    const unknown = tools.find((tool) => !knownTools.has(tool));
    if (unknown) return fail(`unknown tool "${unknown}" (known: ${[...knownTools].join(', ')})`, 'tools');
  }

  const accepts = fields.accepts ?? (claudeFormat ? ['RoutedTask'] : undefined);
  const returns = fields.returns ?? (claudeFormat ? 'Answer' : undefined);
  if (!accepts || accepts.length === 0) return fail('required: the contracts this agent accepts', 'accepts');
  if (!returns) return fail('required: the contract this agent returns', 'returns');
  for (const [field, names] of [['accepts', accepts], ['returns', [returns]]] as const) {
    const unknown = names.find((name) => !contractNames.includes(name));
    if (unknown) return fail(`unknown contract "${unknown}" (known: ${contractNames.join(', ')})`, field);
  }
  const both = fields.owns.find((kind) => fields.advises.includes(kind));
  if (both) return fail(`"${both}" is both owned and advised; an owner decides, it does not advise itself`, 'advises');
  if (fields.handoffs.includes(fields.name)) return fail('an agent cannot hand off to itself', 'handoffs');

  const spec: AgentSpec = {
    name: fields.name,
    description: fields.description,
    role: fields.role ?? 'specialist',
    tools,
    owns: fields.owns,
    advises: fields.advises,
    accepts,
    returns,
    handoffs: fields.handoffs,
    budget: {
      turns: fields.budget.turns ?? defaultBudget.turns,
      tokens: fields.budget.tokens ?? defaultBudget.tokens,
      usd: fields.budget.usd ?? defaultBudget.usd,
    },
    thinking: fields.thinking,
    prompt: split.body,
    source: { path: source.path, origin: source.origin, file: source.file, sha256: source.sha256 },
    ...(fields.model ? { model: fields.model } : {}),
    ...(fields.baseURL ? { baseURL: fields.baseURL } : {}),
  };
  return { ok: true, spec, warnings };
}
