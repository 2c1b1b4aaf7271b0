/**
 * Tool output that serves two readers: lines a model or a person reads, then one fenced ```json
 * block with the same result as data — what the offline model (and any careful model) parses
 * instead of scraping prose. The JSON is one line, so the block always ends the output.
 */

/** `lines`, then the data as a compact ```json block. */
export function withJsonBlock(lines: readonly string[], data: unknown): string {
  return [...lines, '```json', JSON.stringify(data), '```'].join('\n');
}

/** The data of the ```json block that ends a tool's output, or undefined when there is none. */
export function readJsonBlock(output: string): unknown {
  const start = output.lastIndexOf('```json\n');
  if (start === -1 || (start > 0 && output[start - 1] !== '\n') || !output.endsWith('\n```')) return undefined;
  try {
    return JSON.parse(output.slice(start + '```json\n'.length, output.length - '\n```'.length)) as unknown;
  } catch {
    return undefined;
  }
}
