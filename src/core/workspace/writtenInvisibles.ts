/**
 * When an invisible character is part of correct writing rather than a hiding place:
 * - ZERO WIDTH NON-JOINER and ZERO WIDTH JOINER between two letters of a script whose spelling
 *   uses them (Persian `می‌خواهم`, Kannada `ಇನ್‌ಪುಟ್`, Hindi, Bengali, Sinhala, Khmer…);
 * - ZERO WIDTH JOINER between emoji (`👩‍💻` is one emoji written as three code points);
 * - LEFT-TO-RIGHT MARK, RIGHT-TO-LEFT MARK and ARABIC LETTER MARK in text that holds right-to-left
 *   letters (they fix where digits and punctuation go beside Arabic or Hebrew words).
 * Neighbours are code points, so a letter outside the Basic Multilingual Plane counts as one.
 * One rule for everything that warns about hidden text: the review's hidden-unicode analyzer and the
 * tools' warnings to the model (hiddenText.ts) alike.
 */

/** Scripts whose spelling uses ZWNJ/ZWJ between letters (Unicode's joining and Indic scripts). */
const joiningScript = new RegExp(
  `[${['Arabic', 'Syriac', 'Nko', 'Mongolian', 'Thaana', 'Devanagari', 'Bengali', 'Gurmukhi', 'Gujarati', 'Oriya', 'Tamil', 'Telugu', 'Kannada', 'Malayalam', 'Sinhala', 'Khmer', 'Myanmar', 'Tibetan']
    .map((script) => `\\p{Script=${script}}`)
    .join('')}]`,
  'u',
);

/** A code point that is (part of) an emoji: a pictograph, a skin-tone modifier or the emoji variation selector. */
const emojiPart = /[\p{Extended_Pictographic}\p{Emoji_Modifier}\uFE0F]/u;

/** A right-to-left letter. */
const rightToLeft = /[\p{Script=Arabic}\p{Script=Hebrew}\p{Script=Syriac}\p{Script=Thaana}\p{Script=Nko}]/u;

const joiners = new Set(['\u200c', '\u200d']);
const directionMarks = new Set(['\u200e', '\u200f', '\u061c']);

/**
 * Whether the invisible character at `offset` of `text` is correct writing there. `region` is the
 * string or comment it is in (offsets into `text`): direction marks are judged by its letters.
 */
export function isWrittenInvisible(text: string, offset: number, region: { readonly start: number; readonly end: number }): boolean {
  const character = text[offset] ?? '';
  if (directionMarks.has(character)) return rightToLeft.test(text.slice(region.start, region.end));
  if (!joiners.has(character)) return false;
  const before = codePointBefore(text, offset);
  const after = String.fromCodePoint(text.codePointAt(offset + 1) ?? 0);
  if (joiningScript.test(before) && joiningScript.test(after)) return true;
  return character === '\u200d' && emojiPart.test(before) && emojiPart.test(after);
}

/** The code point that ends just before `offset` (a surrogate pair read as one). */
function codePointBefore(text: string, offset: number): string {
  const low = text.charCodeAt(offset - 1);
  const pair = low >= 0xdc00 && low <= 0xdfff && offset >= 2 ? text.codePointAt(offset - 2) : undefined;
  return pair !== undefined && pair > 0xffff ? String.fromCodePoint(pair) : text.charAt(offset - 1);
}
