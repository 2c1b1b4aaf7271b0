/** What the extension-host suites report back to the runner outside VS Code. */
export interface SuiteResult {
  /** `output`: what the test printed (testOutput.ts), for the runner to show under its title. */
  tests: { title: string; state: 'passed' | 'failed'; error?: string; output?: string[] }[];
}
