/**
 * The detail pane for the selected span: what it is and what it cost, then what a person needs to
 * judge it — the reasoning as written, a handoff's payload with its validation history and the
 * hunks it produced, a decision's owner, advisors and dissent, a tool call's input and output, a
 * stop's report, a gate's captured evidence, a refused write and why the path is protected. Everything an agent or a model wrote is set as text, never parsed as markup.
 */
import type { SpanOfKind } from '../../../core/trace/spans';
import { traceCopy } from '../../../protocol/webview/trace';
import { decisionView } from '../../chat/entries/decision';
import { opinionList } from '../../chat/entries/opinions';
import { provenanceBadge } from '../../chat/entries/provenance';
import { prettyJson } from '../../chat/json';
import { button, h, type Child } from '../../shared/dom';
import { formatCost, formatDuration, formatTokens } from '../format';
import { lineOf } from '../rows';
import type { TraceNode } from '../traceModel';
import { historyText, validationHistory, type Attempt } from '../validationHistory';
import { hunkList } from './hunkList';
import { jsonView } from './jsonView';
import { payloadSection } from './payloadSection';
import { rerunSection } from './rerunEditor';
import type { DetailServices } from './services';

/** Label and value rows. */
function facts(...rows: [string, Child][]): HTMLElement {
  return h('dl', { class: 'facts' }, ...rows.flatMap(([label, value]) => (value === undefined || value === '' ? [] : [h('dt', {}, label), h('dd', {}, value)])));
}

function spanLink(label: string, spanId: string, services: DetailServices): HTMLElement {
  return button(label, () => services.select(spanId), { class: 'link-button' });
}

export function spanDetail(node: TraceNode, services: DetailServices): HTMLElement {
  const { span } = node;
  const { totals } = node;
  const copy = button('Copy span JSON', () => void services.actions.ask('copy the span', traceCopy, { text: prettyJson(span) }), { class: 'link-button' });
  const usage = totals.modelCalls > 0 ? `${formatTokens(totals.tokens)} · ${formatCost(totals.costUsd)} · ${totals.modelCalls} model call${totals.modelCalls === 1 ? '' : 's'}` : 'no model calls';
  return h(
    'article',
    { class: `detail kind-${span.kind}`, 'aria-label': `Details: ${lineOf(node)}` },
    h('header', { class: 'detail-head' }, h('h2', {}, lineOf(node)), copy),
    node.problem && h('p', { class: 'problem-note', role: 'note' }, `Problem: ${node.problem.summary}`),
    facts(['Kind', span.kind.replace('_', ' ')], ['Agent', span.kind === 'handoff' ? (span.agent ?? span.from) : span.agent], ['Took', formatDuration(span.endedAt - span.startedAt)], ['Usage (with what is under it)', usage]),
    ...body(node, services),
  );
}

function body(node: TraceNode, services: DetailServices): Child[] {
  const span = node.span;
  switch (span.kind) {
    case 'run':
      return [facts(['Task', span.task], ['Entry agent', span.entryAgent], ['Status', span.status]), span.rerunOf && h('p', {}, `A rerun of run ${span.rerunOf.runId}${span.rerunOf.edited ? ', with an edited payload' : ''}.`)];
    case 'agent':
      return agentBody(span, services);
    case 'turn':
      return [facts(['Turn', String(span.index)])];
    case 'model_call':
      return [facts(['Model', `${span.model} (${span.provider})`], ['Tokens', `${span.usage.inputTokens} in, ${span.usage.outputTokens} out, cache read ${span.usage.cacheReadTokens}, cache written ${span.usage.cacheCreationTokens}`], ['Cost', formatCost(span.costUsd)], ['Latency', formatDuration(span.latencyMs)], ['Stop reason', span.stopReason])];
    case 'reasoning':
      return [h('section', { class: 'reasoning', 'aria-label': 'Reasoning' }, h('h3', {}, span.source === 'thinking' ? 'Thinking' : 'What it wrote'), h('div', { class: 'reasoning-text' }, span.text))];
    case 'tool_call':
      return [
        facts(['Tool', span.tool], ['Status', span.status]),
        h('section', { 'aria-label': 'Input' }, h('h3', {}, 'Input'), jsonView(span.input)),
        h('section', { 'aria-label': 'Output' }, h('h3', {}, 'Output'), h('pre', { class: 'tool-output' }, span.output || '(empty)')),
      ];
    case 'handoff':
      return handoffBody(node, span, services);
    case 'validation':
      return [
        facts(['Contract', span.contract], ['Checked', span.direction === 'result' ? 'a result' : 'a handoff payload'], ['Attempt', String(span.attempt)], ['Verdict', span.verdict]),
        issueList(span.issues),
        historySection(validationHistory(services.model, node), services),
        span.direction === 'result' && payloadSection('Submitted result', span.id, span.payload, services),
        hunkList(span.id, services),
      ];
    case 'decision':
      return [decisionView(span.decision), span.decision.answers.length > 0 && h('section', { 'aria-label': "Owner's answers" }, h('h3', {}, "The owner's answers to the dissent"), h('ul', {}, ...span.decision.answers.map((answer) => h('li', {}, `${answer.agent}: ${answer.answer}`))))];
    case 'escalation':
      return escalationBody(span);
    case 'governor_stop':
      return stopBody(span);
    case 'person_change':
      return [facts(['File', span.path], ['Change set', span.changeSetId], ['Hunks', span.hunkIds.join(', ')]), h('p', {}, span.summary)];
    case 'improve_phase':
      return [facts(['Phase', span.phase], ['Status', span.status], ['Detail', span.detail])];
    case 'gate':
      return gateBody(span);
    case 'protected_write':
      return [
        facts(['Attempted by', span.attempt.agent], ['Path', span.attempt.path], ['Via', span.attempt.via === 'proposal' ? 'a change proposal (refused before anyone saw it)' : 'a command in the worktree (the file was restored from the base)'], ['Why it is protected', span.attempt.reason]),
      ];
  }
}

/** A gate's own record: its verdict, the command as run, and its captured evidence as the gate kept it (not an agent's account). */
function gateBody(span: SpanOfKind<'gate'>): Child[] {
  const { record } = span;
  return [
    facts(
      ['Gate', record.title],
      ['Status', h('span', { class: `gate-status gate-${record.status}` }, record.status)],
      ['Why', record.summary],
      ['Command', record.command && h('code', {}, record.command)],
      ['Exit code', record.exitCode === undefined ? undefined : String(record.exitCode)],
      ['Took', formatDuration(record.durationMs)],
      ['Whole log', record.logFile],
    ),
    h('section', { 'aria-label': 'Evidence' }, h('h3', {}, record.trimmed ? "Evidence (the output's decisive part)" : 'Evidence'), h('pre', { class: 'gate-evidence' }, record.evidence || '(empty)')),
  ];
}

function agentBody(span: SpanOfKind<'agent'>, services: DetailServices): Child[] {
  const constitution = span.constitution && `.nova/constitution.md in its prompt (${span.constitution.bytes.toLocaleString('en-US')} bytes, sha256 ${span.constitution.sha256.slice(0, 12)}…)`;
  return [
    facts(['Provenance', provenanceBadge(span.provenance)], ['Received', span.accepted], ['From', span.from], ['Outcome', span.outcome.replace('_', ' ')], ['Returned', span.returned], ['Constitution', constitution]),
    span.handoffSpanId && h('p', {}, 'Activated by ', spanLink('the handoff that brought the work', span.handoffSpanId, services)),
  ];
}

function handoffBody(node: TraceNode, span: SpanOfKind<'handoff'>, services: DetailServices): Child[] {
  const attempts = validationHistory(services.model, node);
  return [
    facts(['From', span.from], ['To', span.to], ['Contract', span.contract || '(none)'], ['Status', span.status], ['Reason', span.reason], ['Detail', span.detail]),
    issueList(span.issues ?? []),
    span.status !== 'refused' && historySection(attempts, services),
    span.status !== 'refused' && payloadSection(span.status === 'delivered' ? 'Payload (validated)' : 'Payload (as sent, refused by the contract)', span.id, span.payload, services),
    hunkList(span.id, services),
    span.status === 'delivered' && rerunSection(span, services),
  ];
}

function historySection(attempts: readonly Attempt[], services: DetailServices): HTMLElement | undefined {
  if (attempts.length === 0) return undefined;
  return h(
    'section',
    { class: 'history', 'aria-label': 'Validation history' },
    h('h3', {}, 'Validation history'),
    h('p', { class: 'history-line' }, historyText(attempts)),
    h('ol', {}, ...attempts.map((attempt) => h('li', { class: `verdict-${attempt.verdict}` }, spanLink(`attempt ${attempt.attempt}: ${attempt.verdict}`, attempt.spanId, services), issueList(attempt.issues)))),
  );
}

function issueList(issues: readonly string[]): HTMLElement | undefined {
  return issues.length === 0 ? undefined : h('ul', { class: 'issues', 'aria-label': 'Issues' }, ...issues.map((issue) => h('li', {}, issue)));
}

function escalationBody(span: SpanOfKind<'escalation'>): Child[] {
  const { escalation } = span;
  return [
    h('p', { class: 'question' }, escalation.question),
    facts(['Decision', escalation.decision.kind], ['Owner', escalation.decision.owner], ['Proposed', escalation.decision.outcome], ['Why', escalation.decision.rationale], ['Options', escalation.options.join(', ')]),
    opinionList(escalation.opinions, 'Advisors'),
  ];
}

function stopBody(span: SpanOfKind<'governor_stop'>): Child[] {
  const { report } = span;
  return [
    facts(
      ['Why', report.reason.replace(/_/g, ' ')],
      ['Agent', report.agent],
      ['Handoff', report.handoff ? `${report.handoff.from} → ${report.handoff.to} (${report.handoff.contract})` : undefined],
      ['Used', `${report.steps} steps, ${formatTokens(report.tokens)}, ${formatCost(report.costUsd)}`],
    ),
    h('p', { class: 'stop-detail' }, report.detail),
  ];
}

