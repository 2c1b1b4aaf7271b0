/** What the extension-host suites report back to the runner outside VS Code. */
export interface SuiteResult {
  tests: { title: string; state: 'passed' | 'failed'; error?: string }[];
}
