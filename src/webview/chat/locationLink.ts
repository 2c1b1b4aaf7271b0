/**
 * A link to a place in a workspace file, drawn by a result renderer. The same markup as the
 * Markdown renderer's (`a.location[data-path][data-line]`), so one click handler (page.ts) opens
 * both through chat/openLocation.
 */
import { h } from '../shared/dom';
import { locationLabel, type WorkspaceLocation } from './location';

export function locationLink(location: WorkspaceLocation, label = locationLabel(location)): HTMLAnchorElement {
  return h('a', { href: '#', class: 'location', 'data-path': location.path, 'data-line': location.line, title: `Open ${locationLabel(location)}` }, label);
}
