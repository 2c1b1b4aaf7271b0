/** Findings as a list of clickable `path:line` locations, and the reviewer's verdict above them. */
import type { Finding } from '../../../core/contracts/common';
import { h } from '../../shared/dom';
import { locationLink } from '../locationLink';
import type { ResultView } from './resultView';

type Of<K extends ResultView['kind']> = Extract<ResultView, { kind: K }>;

export function findingsList(findings: readonly Finding[]): HTMLElement {
  if (findings.length === 0) return h('p', { class: 'no-findings' }, 'No findings.');
  return h(
    'ul',
    { class: 'findings', 'aria-label': `${findings.length} finding${findings.length === 1 ? '' : 's'}` },
    ...findings.map((finding) =>
      h(
        'li',
        { class: `finding severity-${finding.severity}` },
        h('span', { class: 'severity' }, finding.severity),
        ' ',
        locationLink({ path: finding.path, line: finding.line }),
        ' ',
        h('code', { class: 'rule' }, finding.rule),
        ` ${finding.message}`,
        finding.suggestion && h('div', { class: 'suggestion' }, `Suggestion: ${finding.suggestion}`),
      ),
    ),
  );
}

const verdictText = { approve: 'Approved', request_changes: 'Changes requested', reject: 'Rejected' } as const;

export function verdictView(view: Of<'verdict'>): HTMLElement {
  const { value } = view;
  return h(
    'section',
    { class: `result verdict verdict-${value.verdict}`, 'aria-label': `Review verdict: ${verdictText[value.verdict]}` },
    h('div', { class: 'result-title' }, h('span', { class: 'badge verdict-badge' }, verdictText[value.verdict]), ` by ${view.agent} · ${Math.round(value.confidence * 100)}% confident`),
    h('p', {}, value.summary),
    findingsList(value.findings),
  );
}

export function findingListView(view: Of<'findings'>): HTMLElement {
  const { value } = view;
  const scope = value.scope.length > 0 ? value.scope.join(', ') : 'the workspace';
  return h(
    'section',
    { class: 'result finding-list', 'aria-label': 'Findings' },
    h('div', { class: 'result-title' }, `${value.findings.length} finding${value.findings.length === 1 ? '' : 's'} in ${scope}`, value.analyzers.length > 0 && h('span', { class: 'muted' }, ` · ${value.analyzers.join(', ')}`)),
    findingsList(value.findings),
  );
}
