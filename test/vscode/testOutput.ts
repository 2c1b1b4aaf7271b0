/**
 * What a suite wants shown under its test's title when the runner prints the results (a recall
 * table, a measurement). The extension host's console is not enough: VS Code's extension host
 * keeps `console.log` from being replaced, and in code-server nobody sees its output.
 */
const lines: string[] = [];

/** Logs `text` and keeps it for the running test's result. */
export function printForTest(text: string): void {
  console.log(text);
  lines.push(text);
}

/** What the running test printed since the last call (index.ts takes it when a test starts and ends). */
export function takePrinted(): string[] {
  return lines.splice(0);
}
