import { parseDocument } from 'yaml';

/** A Markdown file split into its YAML front matter (parsed) and its body. */
export type FrontMatterResult =
  | { readonly ok: true; readonly data: unknown; readonly body: string; readonly leniencies: readonly LenientLine[] }
  | { readonly ok: false; readonly message: string };

/** A front-matter line YAML refused that was read as Claude Code reads it: its value as plain text. */
export interface LenientLine {
  /** The line in the file (1-based, counting the opening fence). */
  readonly line: number;
  readonly key: string;
}

const fence = /^---[ \t]*$/;
// A top-level `key: value` whose value is plain (not quoted, not a block, list or flow value).
const plainLine = /^([A-Za-z_][\w-]*):[ \t]+([^\s"'[{|>&*!#].*)$/;

/**
 * YAML aliases an agent file may use. Front matter needs none; a few are harmless, but each alias
 * can expand to a copy of a large node, so an "alias bomb" of a few hundred bytes would otherwise
 * build gigabytes when converted to JavaScript.
 */
export const maxYamlAliases = 20;

/** Splits `---`-fenced YAML front matter from the body; YAML errors name the file's line. */
export function splitFrontMatter(text: string): FrontMatterResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  if (!fence.test(lines[0] ?? '')) return { ok: false, message: 'no front matter: the file must start with a "---" line' };
  const close = lines.findIndex((line, index) => index > 0 && fence.test(line));
  if (close < 0) return { ok: false, message: 'front matter is not closed by a "---" line' };
  const yamlLines = lines.slice(1, close);
  let document = parseDocument(yamlLines.join('\n'), { uniqueKeys: true });
  const leniencies: LenientLine[] = [];
  if (document.errors.length > 0) {
    const quoted = quotePlainValuesWithColons(yamlLines, leniencies);
    const retried = leniencies.length > 0 ? parseDocument(quoted.join('\n'), { uniqueKeys: true }) : document;
    if (retried.errors.length === 0) document = retried;
    else leniencies.length = 0;
  }
  const [error] = document.errors;
  if (error) {
    const line = (error.linePos?.[0]?.line ?? 0) + 1; // +1 for the opening fence
    return { ok: false, message: `bad YAML at line ${line}: ${error.message.split('\n')[0]}` };
  }
  let data: unknown;
  try {
    data = document.toJS({ maxAliasCount: maxYamlAliases });
  } catch (error) {
    // yaml throws a ReferenceError ("Excessive alias count …") when the limit is passed.
    return { ok: false, message: `YAML front matter refused: ${error instanceof Error ? error.message.split('\n')[0] : String(error)} (at most ${maxYamlAliases} aliases; an alias bomb would expand without bound)` };
  }
  return { ok: true, data, body: lines.slice(close + 1).join('\n').trim(), leniencies };
}

/**
 * Claude Code reads `description: Use this agent when: the user asks` as one string; YAML refuses
 * the second `: `. Such one-line values are quoted (and noted) so the file reads as its author meant.
 */
function quotePlainValuesWithColons(lines: readonly string[], noted: LenientLine[]): string[] {
  return lines.map((line, index) => {
    const match = plainLine.exec(line);
    const [, key, value] = match ?? [];
    if (!key || !value || !/:(\s|$)/.test(value)) return line;
    noted.push({ line: index + 2, key });
    return `${key}: ${JSON.stringify(value.trimEnd())}`;
  });
}
