/**
 * JSON for machines that may pass through a terminal: every character outside printable ASCII is
 * written as a `\uXXXX` escape. The value is the same JSON, but a bidi control or zero-width
 * character from a workspace (a hidden-Unicode finding's message quotes one) can no longer reorder
 * or hide what a person reads when the output is printed or opened.
 */
export function asciiJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2).replace(/[^\x20-\x7e\n]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)}\n`;
}
