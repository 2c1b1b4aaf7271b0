/**
 * A value drawn as JSON a person can read: indented, each kind of token in its theme colour
 * (classes in trace.css), objects and arrays collapsible. Text only (textContent): a payload is
 * what an agent wrote, never markup. Levels below the first two are drawn when first opened, and a
 * long list shows its first entries, so a large payload costs what is looked at.
 */
import { h } from '../../shared/dom';

/** Open to this depth when drawn. */
const openDepth = 4;
/** Entries drawn per object or array; the rest are counted. */
const shownEntries = 500;

export function jsonView(value: unknown): HTMLElement {
  return h('div', { class: 'json-view' }, valueNode(value, 0));
}

/** The value, then `after` (the comma before the next entry; inside a container, after its closing bracket). */
function valueNode(value: unknown, depth: number, after = ''): Node {
  const token = (kind: string, text: string) => h('span', {}, h('span', { class: kind }, text), after && h('span', { class: 'json-punctuation' }, after));
  if (value === null) return token('json-null', 'null');
  switch (typeof value) {
    case 'string':
      return token('json-string', JSON.stringify(value));
    case 'number':
    case 'bigint':
      return token('json-number', String(value));
    case 'boolean':
      return token('json-boolean', String(value));
    case 'object':
      return containerNode(value as object, depth, after);
    default:
      return token('json-null', String(value));
  }
}

function containerNode(value: object, depth: number, after: string): Node {
  const isArray = Array.isArray(value);
  const entries: [string, unknown][] = isArray ? (value as unknown[]).map((item, index) => [String(index), item]) : Object.entries(value);
  const [open, close] = isArray ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return h('span', { class: 'json-punctuation' }, `${open}${close}${after}`);
  const count = `${entries.length} ${isArray ? (entries.length === 1 ? 'item' : 'items') : entries.length === 1 ? 'key' : 'keys'}`;
  // Closed, the summary ends the value too (`[ 3 items … ],`); open, the entries and the closing bracket do (trace.css hides this one).
  const details = h('details', { class: 'json-container' }, h('summary', {}, h('span', { class: 'json-punctuation' }, open), h('span', { class: 'json-count' }, ` ${count} `), h('span', { class: 'json-punctuation json-closed' }, `… ${close}${after}`)));
  const fill = () => {
    const list = h('div', { class: 'json-entries' });
    const shown = entries.slice(0, shownEntries);
    shown.forEach(([key, item], index) => {
      const comma = index < entries.length - 1 ? ',' : '';
      list.append(h('div', { class: 'json-entry' }, !isArray && h('span', { class: 'json-key' }, JSON.stringify(key)), !isArray && h('span', { class: 'json-punctuation' }, ': '), valueNode(item, depth + 1, comma)));
    });
    if (entries.length > shownEntries) list.append(h('div', { class: 'json-more muted' }, `… ${entries.length - shownEntries} more (Copy has all of it)`));
    details.append(list, h('span', { class: 'json-punctuation' }, `${close}${after}`));
  };
  if (depth < openDepth) {
    details.open = true;
    fill();
  } else {
    details.addEventListener('toggle', () => details.open && details.childElementCount === 1 && fill());
  }
  return details;
}
