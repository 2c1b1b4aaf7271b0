/** A valid example of each contract that agents hand to each other; tests mutate them. */
export const examples = {
  RoutedTask: { intent: 'refactor', summary: 'Replace == with === in board.ts', scope: ['src/board.ts'], constraints: [] },
  RefactorRequest: { goal: 'Use strict equality in moveTask', files: ['src/board.ts'], constraints: ['keep behaviour'] },
  ChangeProposal: {
    summary: 'Strict equality in moveTask',
    rationale: '== coerces types; the ids compared are both strings',
    files: [{ path: 'src/board.ts', hunks: [{ startLine: 2, before: '  return a == b;', after: '  return a === b;', rationale: 'no coercion' }] }],
    risks: [],
  },
  ReviewVerdict: { verdict: 'approve', confidence: 0.9, summary: 'Behaviour-preserving and type-checks', findings: [] },
  GateRequest: { reason: 'check the change', gates: [{ name: 'tests', command: 'npm test' }] },
  ReportRequest: { task: 'strict equality' },
  Plan: { goal: 'strict equality', steps: [{ id: '1', owner: 'refactorer', action: 'edit board.ts', dependsOn: [] }], risks: [] },
  Answer: { answer: 'board.ts holds the task board', references: [{ path: 'src/board.ts', line: 1 }] },
  FindingList: { scope: ['src/board.ts'], analyzers: [], findings: [] },
  GateReport: { gates: [{ name: 'tests', status: 'passed', evidence: '18 passing' }], overall: 'passed' },
  ChangeReport: { title: 'Strict equality', whatChanged: [{ path: 'src/board.ts', summary: '== to ===' }], why: 'no coercion', gates: [], risks: [] },
} as const;

export const boardSource = ['export function same(a: string, b: string): boolean {', '  return a == b;', '}', ''].join('\n');
