/** A Plan: its goal, and each step with the one agent that owns it. */
import { h } from '../../shared/dom';
import type { ResultView } from './resultView';

export function planView(view: Extract<ResultView, { kind: 'plan' }>): HTMLElement {
  const { value } = view;
  return h(
    'section',
    { class: 'result plan', 'aria-label': `Plan: ${value.goal}` },
    h('div', { class: 'result-title' }, `Plan by ${view.agent}: `, h('strong', {}, value.goal)),
    h(
      'ol',
      { class: 'plan-steps' },
      ...value.steps.map((step) =>
        h('li', { class: 'plan-step' }, h('span', { class: 'agent-name' }, step.owner), ` ${step.action}`, step.dependsOn.length > 0 && h('span', { class: 'muted' }, ` (after ${step.dependsOn.join(', ')})`)),
      ),
    ),
    risks(value.risks),
  );
}

/** A result's risks, when it names any. */
export function risks(list: readonly string[]): HTMLElement | undefined {
  return list.length > 0 ? h('div', { class: 'risks' }, h('span', { class: 'muted' }, 'Risks: '), h('ul', {}, ...list.map((risk) => h('li', {}, risk)))) : undefined;
}
