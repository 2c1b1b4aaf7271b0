/**
 * Text made inert for a terminal or a log: what a model, a tool or a workspace file says is shown,
 * never executed. Terminals act on control characters — OSC 52 writes the clipboard, OSC 0 sets the
 * window title, CSI 2J clears the screen, a lone CR overwrites the line — and bidirectional controls
 * reorder what a person reads (Trojan Source). So:
 *
 * - C0 controls other than newline and tab, DEL and C1 controls become `\xHH` (lowercase hex, the
 *   four characters a person can read, e.g. ESC → `\x1b`);
 * - the hidden and bidirectional characters of core/workspace/hiddenText.ts become `<U+202E>`.
 *
 * Everything else passes unchanged. The result holds no character either rule matches, so making
 * inert text inert again changes nothing: layers that each make their text inert cannot garble it.
 */
import { hiddenCharacterSource } from './workspace/hiddenText';

/** C0 but newline (0a) and tab (09), then DEL and C1 (7f–9f); or one hidden character. */
const actionable = new RegExp(`[\\u0000-\\u0008\\u000b-\\u001f\\u007f-\\u009f]|${hiddenCharacterSource}`, 'g');

function shown(character: string): string {
  const codePoint = character.codePointAt(0) ?? 0;
  if (codePoint <= 0x9f) return `\\x${codePoint.toString(16).padStart(2, '0')}`;
  return `<U+${codePoint.toString(16).toUpperCase().padStart(4, '0')}>`;
}

/** `text` with every control and hidden character shown as its escape (see the top of this file). */
export function inertText(text: string): string {
  return text.replace(actionable, shown);
}
