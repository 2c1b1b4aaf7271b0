/**
 * Parses one agent file into an AgentSpec, checking each field on its own. Cross-agent rules
 * (handoff targets, one owner per decision) are the team's job: see team.ts. A file without Nova's
 * fields is a Claude Code subagent and is read as Claude Code reads it (claudeFile.ts); whatever a
 * file loses on the way (a tool, a model name) is one warning line for that file.
 */
import { z } from 'zod';
import { contractNames } from '../contracts';
import { readModelField } from '../model/aliases';
import { claudeFileFields } from './claudeFile';
import { splitFrontMatter } from './frontMatter';
import { defaultBudget, roles, type AgentFileSource, type AgentLoadProblem, type AgentSpec } from './spec';

/** An agent file's text and where it came from. */
export interface AgentSource extends AgentFileSource {
  readonly text: string;
}

/** The front-matter fields only Nova's format has; a file with none of them is in Claude Code's format. */
const novaFormatFields = ['role', 'owns', 'advises', 'accepts', 'returns', 'handoffs'] as const;

export type ParsedAgent =
  | {
      readonly ok: true;
      readonly spec: AgentSpec;
      readonly warnings: readonly AgentLoadProblem[];
      /** Whether the file is in Claude Code's format (none of Nova's fields): such an agent never replaces a shipped one. */
      readonly claudeFormat: boolean;
    }
  | { readonly ok: false; readonly problems: readonly AgentLoadProblem[] };

// Names may carry a "." (powershell-5.1-expert); the tool-safe id handoffs use is derived (spec.ts).
/** A field's type error as a person reads it: missing, or not what it should be. */
const requiredText = (what: string) => ({ error: (issue: { input: unknown }) => (issue.input === undefined || issue.input === null ? `required: ${what} (Claude Code requires it too)` : `must be text: ${what}`) });
const agentName = z.string(requiredText("the agent's name")).regex(/^[a-z][a-z0-9._-]{0,47}$/, 'use lower-case letters, digits, ".", "-" or "_", starting with a letter (at most 48)');
const decisionKind = z.string().regex(/^[a-z][a-z0-9-]*(\.[a-z][a-z0-9-]*)+$/, 'decision kinds look like "change.approval"');
const nameList = z.union([z.array(z.string()), z.string()]).transform((value) =>
  (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter((item) => item.length > 0),
);

const FrontMatter = z.looseObject({
  name: agentName,
  description: z.string(requiredText('what this agent is for, which is how the team chooses it')).trim().min(1, 'required: what this agent is for (Claude Code requires it too)'),
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


/** Parses and checks one agent file against the tools the registry has. */
export function parseAgentFile(source: AgentSource, knownTools: ReadonlySet<string>): ParsedAgent {
  const fail = (message: string, field?: string): ParsedAgent => ({
    ok: false,
    problems: [{ path: source.file, message, severity: 'error', ...(field ? { field } : {}) }],
  });
  const split = splitFrontMatter(source.text);
  if (!split.ok) return fail(split.message);
  if (typeof split.data !== 'object' || split.data === null || Array.isArray(split.data)) return fail('front matter must be a YAML mapping');
  if (split.body.length === 0) return fail('the body (the system prompt) is empty');
  const raw = split.data as Record<string, unknown>;
  // A file without Nova's fields is a Claude Code subagent: a specialist that owns nothing (DESIGN.md).
  const claudeFormat = novaFormatFields.every((field) => raw[field] === undefined);
  const notes = split.leniencies.map((lenient) => `line ${lenient.line}: "${lenient.key}" has an unquoted ": " in its value, read as plain text as Claude Code does (quote the value to silence this)`);
  const claude = claudeFormat ? claudeFileFields(raw, knownTools) : undefined;

  const parsed = FrontMatter.safeParse(claude ? claude.fields : raw);
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

  let tools: readonly string[];
  if (claude) {
    tools = claude.tools;
    notes.push(...claude.notes);
  } else {
    tools = fields.tools ?? [];
    const unknown = tools.find((tool) => !knownTools.has(tool));
    if (unknown) return fail(`unknown tool "${unknown}" (known: ${[...knownTools].join(', ')})`, 'tools');
  }

  const accepts = fields.accepts ?? (claude ? ['RoutedTask'] : undefined);
  const returns = fields.returns ?? (claude ? 'Answer' : undefined);
  if (!accepts || accepts.length === 0) return fail('required: the contracts this agent accepts', 'accepts');
  if (!returns) return fail('required: the contract this agent returns', 'returns');
  for (const [field, names] of [['accepts', accepts], ['returns', [returns]]] as const) {
    const unknown = names.find((name) => !contractNames.includes(name));
    if (unknown) return fail(`unknown contract "${unknown}" (known: ${contractNames.join(', ')})`, field);
  }
  const both = fields.owns.find((kind) => fields.advises.includes(kind));
  if (both) return fail(`"${both}" is both owned and advised; an owner decides, it does not advise itself`, 'advises');
  if (fields.handoffs.includes(fields.name)) return fail('an agent cannot hand off to itself', 'handoffs');

  const model = readModelField(fields.model, fields.baseURL !== undefined);
  if (model.kind === 'unknown') notes.push(`model: "${model.written}" is not a model Nova knows (sonnet, opus, haiku, inherit or a claude-… id), so the team's default is used`);

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
      turns: claude?.turns ?? fields.budget.turns ?? defaultBudget.turns,
      tokens: fields.budget.tokens ?? defaultBudget.tokens,
      usd: fields.budget.usd ?? defaultBudget.usd,
    },
    thinking: fields.thinking,
    prompt: split.body,
    source: { path: source.path, origin: source.origin, file: source.file, sha256: source.sha256 },
    ...(model.kind === 'id' ? { model: model.id } : {}),
    ...(fields.baseURL ? { baseURL: fields.baseURL } : {}),
  };
  // One line per file, however much it lost: a person reads it once.
  const warnings: AgentLoadProblem[] = notes.length > 0 ? [{ path: source.file, severity: 'warning', message: `loaded, with changes: ${notes.join('; ')}` }] : [];
  return { ok: true, spec, warnings, claudeFormat };
}
