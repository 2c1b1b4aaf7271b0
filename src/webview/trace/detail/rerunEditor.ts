/**
 * "Rerun from here" on a delivered handoff: the payload as JSON in a text box the person may edit,
 * then trace/rerun. JSON that does not parse is said inline and nothing is sent; the payload goes
 * with the request only when it was edited (otherwise the extension uses the recorded one). The
 * extension validates it against the handoff's contract: its issues are listed here, or the new
 * run is named (the extension opens its trace).
 */
import type { HandoffSpan } from '../../../core/trace/spans';
import { traceRerun } from '../../../protocol/webview/trace';
import { prettyJson } from '../../chat/json';
import { button, h } from '../../shared/dom';
import { knownPayload, loadPayload } from './payloadSection';
import type { DetailServices } from './services';

export function rerunSection(span: HandoffSpan, services: DetailServices): HTMLElement {
  const section = h('section', { class: 'rerun', 'aria-label': 'Rerun from here' });
  const open = button('Rerun from here…', () => void showEditor(), { class: 'secondary' });
  section.append(open);

  async function showEditor(): Promise<void> {
    open.disabled = true;
    let known = knownPayload(span.id, span.payload, services);
    if (!known && span.payload?.inSideFile) known = await loadPayload(span.id, services);
    const original = known ? prettyJson(known.value) : '';
    const editor = h('textarea', { class: 'rerun-payload', 'aria-label': `Payload for ${span.to} (${span.contract})`, spellcheck: 'false', rows: 14 });
    editor.value = original;
    const outcome = h('div', { class: 'rerun-outcome', role: 'status', 'aria-live': 'polite' });
    const start = button('Start rerun', () => void submit(), { class: 'primary' });
    const cancel = button('Cancel', () => {
      section.replaceChildren(open);
      open.disabled = false;
      open.focus();
    }, { class: 'secondary' });

    async function submit(): Promise<void> {
      let payload: unknown;
      try {
        payload = JSON.parse(editor.value);
      } catch (error) {
        outcome.replaceChildren(h('p', { class: 'error-text', role: 'alert' }, `Not valid JSON (${error instanceof Error ? error.message : String(error)}); nothing was sent.`));
        return;
      }
      start.disabled = true;
      const edited = editor.value.trim() !== original.trim();
      const answer = await services.actions.ask('start the rerun', traceRerun, edited || !known ? { spanId: span.id, payload } : { spanId: span.id });
      start.disabled = false;
      if (!answer) return outcome.replaceChildren();
      if ('issues' in answer) {
        outcome.replaceChildren(
          h('p', { class: 'error-text', role: 'alert' }, `The payload does not fit ${span.contract}; no run started:`),
          h('ul', { class: 'issues' }, ...answer.issues.map((issue) => h('li', {}, issue))),
        );
      } else {
        outcome.replaceChildren(h('p', { class: 'started' }, `Started run ${answer.runId}`));
      }
    }

    section.replaceChildren(
      h('h3', {}, `Rerun from here: ${span.to} receives this ${span.contract}`),
      h('p', { class: 'muted' }, 'Edit the payload if you want to try a fix; it is checked against the contract like any handoff.'),
      editor,
      h('div', { class: 'button-row' }, start, cancel),
      outcome,
    );
    editor.focus();
  }
  return section;
}
