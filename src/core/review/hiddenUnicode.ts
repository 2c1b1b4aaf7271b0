/** hidden-unicode: bidirectional controls and invisible characters that make code read differently than it runs. */
import { findHiddenCharacters } from '../workspace/hiddenText';
import { finding, type AnalyzedFinding, type Analyzer } from './analyzer';

export const hiddenUnicode: Analyzer = {
  name: 'hidden-unicode',
  description: 'hidden or bidirectional Unicode control characters (Trojan Source, smuggled instructions)',
  security: true,
  analyze(input) {
    const found: AnalyzedFinding[] = [];
    // One finding per line, spanning its first to its last hidden character and naming what they are.
    let offset = 0;
    for (const [index, piece] of input.sourceFile.text.split(/(?<=\n)/).entries()) {
      const characters = findHiddenCharacters(piece.replace(/\r?\n$/, ''), index + 1);
      const first = characters[0];
      const last = characters.at(-1);
      if (first && last) {
        const kinds = [...new Set(characters.map((character) => character.kind))];
        found.push(finding(input, { start: offset + first.start, end: offset + last.end }, {
          severity: 'error',
          rule: 'hidden-unicode',
          message: `Hidden or bidirectional Unicode characters (${kinds.join(', ')}): the line may read differently than it runs.`,
          suggestion: 'Remove the characters, or write them as escapes (e.g. \\u202E) if they are needed.',
        }));
      }
      offset += piece.length;
    }
    return found;
  },
};
