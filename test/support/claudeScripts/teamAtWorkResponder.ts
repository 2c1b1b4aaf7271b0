/**
 * A scripted Claude that plays the shipped team through the "team at work" session
 * (teamAtWorkScenario.ts). Each reply is chosen from the request alone — which agent asks (its
 * system prompt), what it was handed (its first message) and what it did so far (its tool calls and
 * their results) — so an SDK retry, or agents asked in another order, get the same answers. A request
 * the script did not foresee gets a text reply that names it, and is reported to `onUnexpected`.
 */
import { handoffToolName } from '../../../src/core/orchestrator/toolbox';
import type { MessagesRequestBody, Responder, ScriptedBlock, ScriptedTurn } from '../anthropicServer';
import { readAgentRequest, type AgentRequest, type ToolExchange } from './requestReading';
import * as scenario from './teamAtWorkScenario';

type Reply = ScriptedTurn | { readonly unexpected: string };

/** The responder; `onUnexpected` hears every request it could not answer from the script, and why. */
export function teamAtWorkResponder(onUnexpected: (what: string) => void = () => {}): Responder {
  return (body: MessagesRequestBody) => {
    const request = readAgentRequest(body);
    const reply = replyTo(request);
    if ('content' in reply) return reply;
    const what = `${request.agent ?? 'an unnamed agent'} (${request.contract ?? 'no input message'} from ${request.from ?? '?'}, after ${describeExchanges(request.exchanges)}): ${reply.unexpected}`;
    onUnexpected(what);
    return { content: [{ type: 'text', text: `${scenario.unexpectedMarker} — ${what}` }] };
  };
}

function replyTo(request: AgentRequest): Reply {
  // The violation run: the concierge repeats its malformed handoff whatever the runtime says.
  if (request.agent === 'concierge' && requestText(request) === scenario.violationPrompt) return malformedHandoff(request);
  const last = request.exchanges.at(-1);
  // A refused submission or handoff is the runtime saying the script is out of step — except the
  // reviewer's verdict bounced to agree with a decision the person settled, which it follows.
  if (last?.isError && /^(submit_|handoff_to_)/.test(last.name) && !settledOutcome(last)) return { unexpected: `its ${last.name} was refused: ${last.result ?? ''}` };
  const part = request.agent === undefined ? undefined : parts[request.agent];
  return part ? part(request) : { unexpected: 'the script has no part for this agent' };
}

function requestText(request: AgentRequest): string {
  return String((request.payload as { text?: unknown } | undefined)?.text ?? '').trim();
}

/** The concierge's handoff for the violation prompt: a RoutedTask without its summary, every time. */
function malformedHandoff(request: AgentRequest): Reply {
  const attempt = request.exchanges.length + 1;
  return call(request, `A rename across the project goes to the planner (attempt ${attempt}).`, handoffToolName('planner'), {
    reason: 'The person asked for a rename across the project',
    contract: 'RoutedTask',
    payload: { intent: 'refactor', scope: ['src/board.ts'], constraints: [] },
  });
}

function concierge(request: AgentRequest): Reply {
  if (request.contract !== 'UserRequest') return { unexpected: 'the concierge is only ever handed the person’s request' };
  const text = requestText(request);
  if (text === scenario.testsPrompt) {
    return call(request, 'The person wants the tests run: that is a gate, so it goes to the planner.', handoffToolName('planner'), {
      reason: 'The person asked for the tests to be run and their result',
      payload: { intent: 'other', summary: 'Run the project’s test suite and report whether it passes.', scope: ['package.json'], constraints: [] },
    });
  }
  if (text === scenario.reviewPrompt) {
    return call(request, 'A review of src/sync.ts: that is the reviewer’s.', handoffToolName('reviewer'), {
      reason: 'The person asked for a review of src/sync.ts',
      contract: 'RoutedTask',
      payload: { intent: 'review', summary: 'Review src/sync.ts as it stands and give a verdict with findings.', scope: ['src/sync.ts'], constraints: [] },
    });
  }
  return { unexpected: `the person typed ${JSON.stringify(text)}; the script knows ${JSON.stringify(scenario.testsPrompt)} and ${JSON.stringify(scenario.reviewPrompt)}` };
}

function planner(request: AgentRequest): Reply {
  if (request.contract !== 'RoutedTask') return { unexpected: 'the planner is only handed the concierge’s RoutedTask' };
  if (!request.exchanges.some((exchange) => exchange.name === 'read_file')) return call(request, 'Looking for the project’s test command.', 'read_file', { path: 'package.json' });
  return call(request, 'package.json defines `test`; one step, a gate for the test-runner.', handoffToolName('test-runner'), {
    reason: 's1: run the test gate the person asked for',
    payload: { reason: 'The person asked whether the tests pass', gates: [{ name: scenario.gateName, command: scenario.command }] },
  });
}

function testRunner(request: AgentRequest): Reply {
  const gate = (request.payload as { gates?: { name: string; command: string }[] } | undefined)?.gates?.[0];
  if (request.contract !== 'GateRequest' || !gate) return { unexpected: 'the test-runner is only handed a GateRequest with a gate' };
  const ran = request.exchanges.find((exchange) => exchange.name === 'run_command');
  if (!ran) return call(request, `Running the ${gate.name} gate exactly as given.`, 'run_command', { command: gate.command });
  if (ran.result === undefined) return { unexpected: 'its run_command has no result yet' };
  // A refusal is a result too (the agent file says so): the gate could not run, so it is `error`.
  const status = /did not run/.test(ran.result) ? 'error' : /^Exit code: 0$/m.test(ran.result) ? 'passed' : 'failed';
  return call(request, `${gate.name}: ${status} — ${ran.result.split('\n')[0] ?? ''}`, 'submit_GateReport', {
    gates: [{ name: gate.name, command: gate.command, status, evidence: ran.result }],
    overall: status === 'passed' ? 'passed' : 'failed',
  });
}

function reviewer(request: AgentRequest): Reply {
  if (request.contract === 'DissentBrief') {
    const dissents = (request.payload as { dissents?: { agent: string }[] }).dissents ?? [];
    return call(request, scenario.reviewerAnswer, 'submit_DissentAnswer', {
      outcome: scenario.reviewerVerdict,
      answers: dissents.map((dissent) => ({ agent: dissent.agent, answer: scenario.reviewerAnswer })),
    });
  }
  if (request.contract !== 'RoutedTask') return { unexpected: 'the reviewer is handed the concierge’s RoutedTask or, consulted, a DissentBrief' };
  const verdict = (outcome: string, summary: string): Reply => call(request, summary, 'submit_ReviewVerdict', { verdict: outcome, confidence: 0.7, summary, findings: [] });
  const last = request.exchanges.at(-1);
  const settled = last ? settledOutcome(last) : undefined;
  // Once the person settled the decision (an editor that asks them), the verdict follows their answer.
  if (settled) return verdict(settled, `The person settled change.approval as ${settled}; the verdict follows it. ${scenario.reviewerSummary}`);
  if (!request.exchanges.some((exchange) => exchange.name === 'read_file')) return call(request, 'Reading src/sync.ts.', 'read_file', { path: 'src/sync.ts' });
  return verdict(scenario.reviewerVerdict, scenario.reviewerSummary);
}

function securityReviewer(request: AgentRequest): Reply {
  const asked = request.payload as { decision?: { kind?: string }; answers?: unknown[] } | undefined;
  if (request.contract !== 'OpinionRequest' || asked?.decision?.kind !== 'change.approval') return { unexpected: 'the security-reviewer is only asked for its opinion on change.approval' };
  const reason = (asked.answers ?? []).length === 0 ? scenario.securityReason : scenario.securityReasonAgain;
  return call(request, reason, 'submit_Opinion', { stance: 'oppose', reason, suggestedOutcome: scenario.securityOutcome });
}

function arbiter(request: AgentRequest): Reply {
  if (request.contract !== 'Disagreement') return { unexpected: 'the arbiter is only handed a Disagreement' };
  return call(request, `Undecided: ${scenario.arbiterRationale}.`, 'submit_Ruling', { ruling: 'undecided', rationale: scenario.arbiterRationale });
}

/** The outcome a bounced verdict must agree with, when the runtime says the decision was settled. */
/** Each agent's part in the session, by the name its system prompt gives. */
const parts: Readonly<Record<string, (request: AgentRequest) => Reply>> = {
  concierge,
  planner,
  'test-runner': testRunner,
  reviewer,
  'security-reviewer': securityReviewer,
  arbiter,
};

function settledOutcome(exchange: ToolExchange): string | undefined {
  if (exchange.name !== 'submit_ReviewVerdict' || !exchange.isError) return undefined;
  return /the decision "change\.approval" was settled as "([a-z_]+)"/.exec(exchange.result ?? '')?.[1];
}

/** A turn that says `text` and calls `tool` — if the request offers it. */
function call(request: AgentRequest, text: string, tool: string, input: unknown): Reply {
  if (!request.tools.includes(tool)) return { unexpected: `it was not offered ${tool}; its tools: ${request.tools.join(', ')}` };
  const content: ScriptedBlock[] = [
    { type: 'text', text: `${text}\n` },
    { type: 'tool_use', name: tool, input },
  ];
  return { content };
}

function describeExchanges(exchanges: readonly ToolExchange[]): string {
  return exchanges.length === 0 ? 'no tool calls' : exchanges.map((exchange) => `${exchange.name}${exchange.isError ? ' (refused)' : ''}`).join(', ');
}
