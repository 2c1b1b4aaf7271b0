/**
 * Builds elements in one expression: `h('button', { class: 'primary', 'aria-label': 'Stop' }, 'Stop')`.
 * Attributes only, never a `style` (the page's CSP allows no inline styles: classes in the page's stylesheet say
 * how things look). Text children become text nodes, so nothing a model wrote is parsed as HTML.
 */

/** What may be a child: nodes and text; absent values are skipped (so conditions read inline). */
export type Child = Node | string | null | undefined | false;

/** Attributes by name; `false`/undefined leaves one out, `true` sets it empty (`disabled`). */
export type Attributes = Record<string, string | number | boolean | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

/** Appends children (text as text nodes). */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
  }
}

/** A button with its accessible name and what it does. */
export function button(label: string, onClick: (event: MouseEvent) => void, attributes: Attributes = {}, ...children: Child[]): HTMLButtonElement {
  const element = h('button', { type: 'button', ...attributes }, ...(children.length > 0 ? children : [label]));
  if (children.length > 0 && attributes['aria-label'] === undefined) element.setAttribute('aria-label', label);
  element.addEventListener('click', onClick);
  return element;
}

/** Replaces an element's children. */
export function replaceChildren(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}
