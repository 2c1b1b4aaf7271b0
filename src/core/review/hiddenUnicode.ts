/** hidden-unicode: bidirectional controls and invisible characters that make code read differently than it runs. */
import { findHiddenText } from '../tools/hiddenText';
import { finding, type Analyzer } from './analyzer';

export const hiddenUnicode: Analyzer = {
  name: 'hidden-unicode',
  description: 'hidden or bidirectional Unicode control characters (Trojan Source, smuggled instructions)',
  security: true,
  analyze({ path, sourceFile }) {
    const lines = sourceFile.text.split(/\r?\n/);
    const found = [];
    // One finding per line, each naming what was found on that line.
    for (const [index, line] of lines.entries()) {
      const report = findHiddenText([line], index + 1);
      if (!report) continue;
      found.push(finding({
        path,
        line: index + 1,
        severity: 'error',
        rule: 'hidden-unicode',
        message: `Hidden or bidirectional Unicode characters (${report.kinds.join(', ')}): the line may read differently than it runs.`,
        suggestion: 'Remove the characters, or write them as escapes (e.g. \\u202E) if they are needed.',
      }));
    }
    return found;
  },
};
