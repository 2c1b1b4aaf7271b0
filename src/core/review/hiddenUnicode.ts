/**
 * hidden-unicode: bidirectional controls and invisible characters that make code read differently
 * than it runs. How bad a character is depends on what it is and where it is written:
 * - bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069: Trojan Source)
 *   and Unicode tag characters (invisible text that can smuggle instructions to a model) are errors
 *   anywhere, strings and comments included;
 * - any other invisible character (zero-width space, joiners, word joiner, a byte-order mark after
 *   the start of the file, direction marks, invisible operators, line separators) is an error in code:
 *   in an identifier it makes two names that look the same different;
 * - in a string or comment it is a warning, unless it is correct writing there (workspace/writtenInvisibles.ts:
 *   ZWNJ/ZWJ in Persian, Arabic or Indic words, ZWJ in emoji, direction marks in right-to-left text),
 *   which is not a finding at all.
 * One finding per line, from its first reported character to its last, at the worst severity.
 */
import type * as ts from 'typescript';
import { findHiddenCharacters, type HiddenCharacter } from '../workspace/hiddenText';
import { isWrittenInvisible } from '../workspace/writtenInvisibles';
import { finding, type AnalyzedFinding, type Analyzer } from './analyzer';
import { regionAt } from './textRegion';

export const hiddenUnicode: Analyzer = {
  name: 'hidden-unicode',
  description: 'hidden or bidirectional Unicode control characters (Trojan Source, smuggled instructions)',
  security: true,
  analyze(input) {
    const found: AnalyzedFinding[] = [];
    let offset = 0;
    for (const [index, piece] of input.sourceFile.text.split(/(?<=\n)/).entries()) {
      const judged = findHiddenCharacters(piece.replace(/\r?\n$/, ''), index + 1).flatMap((character) => {
        const at = { ...character, start: offset + character.start, end: offset + character.end };
        const reason = judge(input.sourceFile, at);
        return reason ? [{ ...at, reason }] : [];
      });
      const first = judged[0];
      const last = judged.at(-1);
      if (first && last) {
        const worst = reasons.find((reason) => judged.some((character) => character.reason === reason)) ?? 'in text';
        const kinds = [...new Set(judged.map((character) => character.kind))];
        found.push(finding(input, { start: first.start, end: last.end }, {
          severity: worst === 'in text' ? 'warning' : 'error',
          rule: 'hidden-unicode',
          message: messages[worst](kinds.join(', ')),
          suggestion: 'Remove the characters, or write them as escapes (e.g. \\u200B) if they are needed.',
        }));
      }
      offset += piece.length;
    }
    return found;
  },
};

/** Why a character is reported, worst first. */
const reasons = ['control', 'in code', 'in text'] as const;
type Reason = (typeof reasons)[number];

const messages: Record<Reason, (kinds: string) => string> = {
  control: (kinds) => `Bidirectional or invisible control characters (${kinds}): the line may read differently than it runs.`,
  'in code': (kinds) => `Invisible characters in code (${kinds}): names or code that look the same can be different.`,
  'in text': (kinds) => `Invisible characters in a string or comment (${kinds}): the text is not what it looks like.`,
};

/** Why the character at file offsets `at` is reported; undefined: it is correct writing where it is. */
function judge(sourceFile: ts.SourceFile, at: HiddenCharacter): Reason | undefined {
  const codePoint = sourceFile.text.codePointAt(at.start) ?? 0;
  if (neverHarmless(codePoint)) return 'control';
  const region = regionAt(sourceFile, at.start);
  if (region.kind === 'code') return 'in code';
  return isWrittenInvisible(sourceFile.text, at.start, region) ? undefined : 'in text';
}

/** Bidirectional embeddings, overrides and isolates, and tag characters: never harmless in source. */
function neverHarmless(codePoint: number): boolean {
  return (codePoint >= 0x202a && codePoint <= 0x202e) || (codePoint >= 0x2066 && codePoint <= 0x2069) || (codePoint >= 0xe0000 && codePoint <= 0xe007f);
}
