/**
 * A shell command as a person must read it before approving it: every character that does not print
 * as itself is made visible, so nothing can hide what runs — 300 spaces pushing `&& curl … | sh` off
 * the edge of a dialog, a carriage return or ESC sequence that redraws the line, a U+202E that
 * reverses it. Pure: the server sends the result to the editor, which shows it as is.
 *
 * Conventions of the visible text:
 * - one space between words stays a space; a space at either end, and every space of a run of two
 *   or more, is `␠`; a run of `longRun` or more is summarised as `[300 spaces]`;
 * - tab, line feed and carriage return are `\t`, `\n`, `\r` (a `\n` is followed by a real line
 *   break, since to a shell it starts another command); other C0/C1 controls and DEL are `\xHH`;
 * - invisible or direction-changing Unicode (bidi controls, zero-width and other format characters,
 *   spaces other than U+0020, tag characters, unassigned code points, lone surrogates, the `␠`
 *   sign itself) is `<U+XXXX>`;
 * - a run of `longRun` or more of one escaped character is summarised as `[40 × \t]`.
 */
import { findHiddenCharacters } from '../workspace/hiddenText';

/** A command made visible, and what had to be made visible (for the person, in words). */
export interface VisibleCommand {
  readonly text: string;
  /** E.g. `a run of 300 spaces`, `U+202E RIGHT-TO-LEFT OVERRIDE`; empty for a plain command. */
  readonly hidden: readonly string[];
}

/** From this many repeats on, a run is counted instead of drawn. */
export const longRun = 16;

const visibleSpace = '␠';

/**
 * Characters shown as `<U+XXXX>`: format (Cf), separators other than the ASCII space (Z), private
 * use (Co), unassigned (Cn), lone surrogates (Cs), variation selectors, the combining grapheme joiner,
 * the Hangul fillers, the braille blank and the Khmer inherent vowels (all render as nothing or a
 * blank), and `␠` (so a literal one cannot pass for a space).
 */
// Combining characters (the jungseong filler, variation selectors) stand outside the class, as the
// lint rule against misleading classes asks: alone they are one code point each.
const invisible = /^(?:[\p{Cf}\p{Z}\p{Co}\p{Cn}\p{Cs}\u115f\u2420\u2800\u3164\uffa0]|\u034f|\u1160|\u17b4|\u17b5|\p{Variation_Selector})$/u;

const controlNames: Readonly<Record<string, string>> = {
  '\t': 'tab (\\t)',
  '\n': 'line break (\\n): the shell runs each line as its own command',
  '\r': 'carriage return (\\r)',
  '\x1b': 'ESC (\\x1b): a terminal escape sequence',
};

/** One character of the command: shown as itself, or escaped with a name for the person. */
interface Piece {
  readonly char: string;
  readonly shown: string;
  readonly name?: string;
}

function pieceOf(char: string): Piece {
  const code = char.codePointAt(0) ?? 0;
  if (char === ' ') return { char, shown: ' ' };
  if (char === '\t') return { char, shown: '\\t', name: controlNames[char] as string };
  if (char === '\n') return { char, shown: '\\n\n', name: controlNames[char] as string };
  if (char === '\r') return { char, shown: '\\r', name: controlNames[char] as string };
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) {
    const shown = `\\x${code.toString(16).padStart(2, '0')}`;
    return { char, shown, name: controlNames[char] ?? `control character ${shown}` };
  }
  if (invisible.test(char)) {
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    const known = findHiddenCharacters(char, 2)[0]?.kind;
    return { char, shown: `<${hex}>`, name: known ?? `${hex} (does not print as itself)` };
  }
  return { char, shown: char };
}

/** Makes `command` visible (see the conventions above). */
export function visibleCommand(command: string): VisibleCommand {
  const pieces = Array.from(command, pieceOf);
  const hidden = new Set<string>();
  let text = '';
  let longestSpaces = 0;
  for (let start = 0; start < pieces.length; ) {
    const piece = pieces[start] as Piece;
    let end = start + 1;
    while (end < pieces.length && (pieces[end] as Piece).char === piece.char) end++;
    const count = end - start;
    if (piece.char === ' ') {
      const atEdge = start === 0 || end === pieces.length;
      if (count > 1 || atEdge) longestSpaces = Math.max(longestSpaces, count);
      text += count >= longRun ? `[${count} spaces]` : count === 1 && !atEdge ? ' ' : visibleSpace.repeat(count);
    } else if (piece.name !== undefined) {
      hidden.add(piece.name);
      text += count >= longRun ? `[${count} × ${piece.shown.trimEnd()}]${piece.char === '\n' ? '\n' : ''}` : piece.shown.repeat(count);
    } else {
      text += piece.char.repeat(count);
    }
    start = end;
  }
  const spaces = longestSpaces === 0 ? [] : [longestSpaces === 1 ? 'a space at the start or end' : `a run of ${longestSpaces} spaces`];
  return { text, hidden: [...spaces, ...hidden] };
}
