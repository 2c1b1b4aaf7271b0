/**
 * The team as the scripted Messages API server plays it in a batch: each request is read the way
 * the model would read it (which agent, which file, which findings), and answered by the test's
 * script — a submission per agent and file, or any turn at all (malformed, text only, a fault).
 */
import type { MessagesRequestBody, ScriptedServer, ScriptedTurn } from '../../../support/anthropicServer';

export type TeamAgent = 'reviewer' | 'security-reviewer';

/** A listed finding as a request names it. */
export interface ListedFinding {
  readonly id: string;
  readonly line: number;
  readonly rule: string;
}

/** What one agent is asked about one file. */
export interface TeamAsk {
  readonly agent: TeamAgent;
  readonly path: string;
  readonly findings: readonly ListedFinding[];
  readonly text: string;
}

/** The script: the turn for one ask. */
export type TeamScript = (ask: TeamAsk) => ScriptedTurn;

/** Reads a batched review request as the model would. */
export function askOf(body: MessagesRequestBody): TeamAsk {
  const system = typeof body.system === 'string' ? body.system : (body.system ?? []).map((block) => block.text).join('\n');
  const content = body.messages[0]?.content;
  const text = typeof content === 'string' ? content : (content ?? []).map((block) => (block.type === 'text' ? block.text : '')).join('\n');
  const agent: TeamAgent = system.startsWith('You are the security reviewer') ? 'security-reviewer' : 'reviewer';
  const path = /^File: (.+)$/m.exec(text)?.[1] ?? '';
  const findings = [...text.matchAll(/^- (F\d+) line (\d+) \[\w+\] ([^:]+):/gm)].map((match) => ({ id: match[1]!, line: Number(match[2]), rule: match[3]! }));
  return { agent, path, findings, text };
}

/** Answers every request by `script`; returns the asks, in the order the server processed them. */
export function playTeam(server: ScriptedServer, script: TeamScript): TeamAsk[] {
  const asks: TeamAsk[] = [];
  server.setResponder((body) => {
    const ask = askOf(body);
    asks.push(ask);
    return script(ask);
  });
  return asks;
}

/** A submission through the agent's tool. */
export function submits(agent: TeamAgent, input: unknown): ScriptedTurn {
  return { content: [{ type: 'tool_use', name: agent === 'reviewer' ? 'submit_FileReview' : 'submit_SecurityAdvice', input }] };
}

/** Every listed finding decided the same way, unless `decide` says otherwise. */
export function verdicts(ask: TeamAsk, decide: (finding: ListedFinding) => { decision: 'confirm' | 'dismiss'; reason: string } | undefined = () => undefined) {
  return ask.findings.map((finding) => ({ finding: finding.id, ...(decide(finding) ?? { decision: 'confirm' as const, reason: `${finding.rule} is real here` }) }));
}
