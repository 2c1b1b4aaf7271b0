/**
 * Chats for the chat page's bench and screenshots: a long history of ordinary turns (an agent's
 * Markdown reply with a code block and links, a handoff, a decision, a result), and one short chat
 * that shows every kind of entry and result the page draws, cards waiting for an answer included.
 */
import type { Chat, Entry, Turn } from '../../src/protocol/webview/transcript';

const shipped = (name: string) => ({ origin: 'shipped' as const, file: `agents/${name}.md` });

const reply = (index: number) =>
  `The loader in [src/config/load.ts:${10 + (index % 40)}](src/config/load.ts:${10 + (index % 40)}) reads settings, then merges the defaults.\n\n` +
  `- \`parseSettings\` validates each key\n- \`mergeDefaults\` fills the rest (see \`src/config/defaults.ts:3\`)\n\n` +
  '```ts\nexport function mergeDefaults(settings: Settings): Settings {\n  return { ...defaults, ...settings };\n}\n```\n\n' +
  `A rename keeps every caller working; the [TypeScript handbook](https://www.typescriptlang.org/docs/) explains why (turn ${index}).`;

const agent = (name: string, from: string, contract: string, text: string, payload: unknown): Extract<Entry, { kind: 'agent' }> => ({
  kind: 'agent', agent: name, provenance: shipped(name), contract, from, payload, text, thinking: '', settled: text.length,
});

const usage = (index: number) => ({ steps: 3 + (index % 4), tokens: 1200 + index * 7, costUsd: 0.002 + index * 0.00001 });

/** One ordinary finished turn. */
export function historyTurn(index: number): Turn {
  const at = 1_700_000_000_000 + index * 60_000;
  return {
    id: `turn-${index}`,
    prompt: { text: `Explain how the settings are loaded, part ${index}`, chips: [{ id: 'file', kind: 'file', label: 'load.ts', path: 'src/config/load.ts' }] },
    startedAt: at,
    endedAt: at + 5000,
    status: 'completed',
    entries: [
      agent('concierge', 'person', 'UserRequest', 'Routing this to the TypeScript specialist.', { text: `Explain part ${index}`, files: ['src/config/load.ts'] }),
      agent('typescript-specialist', 'concierge', 'RoutedTask', reply(index), { intent: 'explain', summary: 'Explain the loader', scope: ['src/config/load.ts'], constraints: [] }),
      {
        kind: 'decision',
        decision: { kind: 'answer.accuracy', owner: 'typescript-specialist', outcome: 'answer', rationale: 'Read from the language service.', proposedOutcome: 'answer', opinions: [], answers: [], dissent: [], settledBy: 'unopposed', rounds: 0 },
      },
    ],
    results: [{ agent: 'typescript-specialist', contract: 'Answer', payload: { answer: `The loader merges defaults last (turn ${index}).`, references: [{ path: 'src/config/load.ts', line: 12 }] } }],
    proposalIds: [],
    usage: usage(index),
  };
}

/** A chat of `turns` ordinary turns. */
export function longChat(turns: number): Chat {
  return { id: 'bench-chat', title: 'Explain how the settings are loaded', createdAt: 1_700_000_000_000, updatedAt: 1_700_000_000_000 + turns * 60_000, turns: Array.from({ length: turns }, (_, index) => historyTurn(index)) };
}

const change = {
  summary: 'Rename getCwd to currentDirectory',
  rationale: 'The name says what it returns; every caller is updated.',
  files: [
    { path: 'src/paths.ts', hunks: [{ startLine: 4, before: 'export function getCwd()', after: 'export function currentDirectory()', rationale: 'rename' }] },
    { path: 'src/cli.ts', hunks: [{ startLine: 9, before: 'getCwd()', after: 'currentDirectory()', rationale: 'caller' }, { startLine: 20, before: 'getCwd()', after: 'currentDirectory()', rationale: 'caller' }] },
  ],
  risks: ['An external caller of getCwd breaks.'],
};

/** A short chat with every kind of entry and result, the last turn still running. */
export function showcaseChat(): Chat {
  const base = 1_700_000_000_000;
  const turn = (id: string, text: string, rest: Partial<Turn>): Turn => ({ id, prompt: { text, chips: [] }, startedAt: base, status: 'completed', entries: [], results: [], proposalIds: [], usage: { steps: 4, tokens: 5230, costUsd: 0.0142 }, ...rest });
  return {
    id: 'showcase',
    title: 'Rename getCwd',
    createdAt: base,
    updatedAt: base,
    turns: [
      turn('t1', '/review', {
        entries: [agent('reviewer', 'person', 'UserRequest', 'I ran the analyzers over **src/**.', { text: '/review', files: [] })],
        results: [
          {
            agent: 'reviewer',
            contract: 'ReviewVerdict',
            payload: {
              verdict: 'request_changes', confidence: 0.8, summary: 'Two problems worth fixing.',
              findings: [
                { path: 'src/board.ts', line: 12, severity: 'warning', rule: 'no-floating-promise', message: 'A promise is neither awaited nor returned.', suggestion: 'await it' },
                { path: 'src/cli.ts', line: 3, severity: 'error', rule: 'hidden-unicode', message: 'A bidirectional control character hides text.' },
              ],
            },
          },
        ],
      }),
      turn('t2', 'Rename getCwd to currentDirectory @refactorer', {
        runId: 'run-t2',
        prompt: { text: 'Rename getCwd to currentDirectory @refactorer', chips: [{ id: 'f', kind: 'file', label: 'paths.ts', path: 'src/paths.ts' }, { id: 's', kind: 'selection', label: 'paths.ts:4-6', path: 'src/paths.ts', startLine: 4, endLine: 6 }], agent: 'refactorer' },
        entries: [
          agent('concierge', 'person', 'UserRequest', 'This is a refactor; handing it to the refactorer.', { text: 'Rename', files: ['src/paths.ts'] }),
          { kind: 'refused', from: 'concierge', to: 'test-runner', contract: 'GateRequest', detail: 'concierge may not hand off to test-runner', spanId: 'span-refused' },
          { ...agent('refactorer', 'concierge', 'RefactorRequest', 'Renaming `getCwd` in `src/paths.ts:4` and its two callers.', { goal: 'Rename getCwd', files: ['src/paths.ts'], constraints: [] }), provenance: { origin: 'workspace', file: '.nova/agents/refactorer.md' }, thinking: 'Find every reference with the language service first.' },
          { kind: 'bounce', agent: 'refactorer', contract: 'ChangeProposal', direction: 'result', issues: ['files.0.path: "../etc/passwd" is not workspace-relative'], spanId: 'span-bounce' },
          { kind: 'retry', agent: 'refactorer', attempt: 2, reason: 'overloaded (529), retrying in 2 s' },
          {
            kind: 'decision',
            decision: {
              kind: 'change.approval', owner: 'reviewer', ownerProvenance: shipped('reviewer'), outcome: 'approve', rationale: 'Callers updated; types check.', proposedOutcome: 'approve',
              opinions: [{ agent: 'security-reviewer', stance: 'support', reason: 'No new surface.' }, { agent: 'test-runner', stance: 'abstain', reason: 'No tests cover it.' }], answers: [], dissent: [], settledBy: 'arbiter', rounds: 1,
            },
          },
        ],
        results: [{ agent: 'refactorer', contract: 'ChangeProposal', payload: change }, { agent: 'reporter', contract: 'Plan', payload: { goal: 'Ship the rename', steps: [{ id: 's1', owner: 'refactorer', action: 'rename', dependsOn: [] }, { id: 's2', owner: 'test-runner', action: 'run the tests', dependsOn: ['s1'] }], risks: [] } }],
        proposalIds: ['proposal-1'],
      }),
      turn('t2b', '/agents', {
        entries: [
          { kind: 'team', agents: team.slice(0, 3).map((member, index) => (index === 2 ? { ...member, owns: ['change.edit'], provenance: { origin: 'claude' as const, file: '.claude/agents/refactorer.md' } } : member)), problems: ['.nova/agents/helper.md: unknown contract "Summary"'] },
          { kind: 'notice', level: 'warning', text: 'A workspace agent file overrides refactorer; it loaded because you accepted it.' },
        ],
      }),
      turn('t3', 'Make the build faster', {
        status: 'stopped',
        entries: [agent('planner', 'concierge', 'RoutedTask', 'Splitting the work…', { intent: 'improve' })],
        stuck: { agent: 'planner', handoff: { from: 'planner', to: 'refactorer', contract: 'RefactorRequest' }, reason: 'ping_pong', detail: 'planner and refactorer exchanged the same RefactorRequest 3 times', steps: 12, tokens: 40210, costUsd: 0.21 },
        results: [{ agent: 'planner', contract: 'Mystery', payload: { shape: 'unknown to the page' } }],
      }),
      turn('t4', 'Run the tests and fix what fails', {
        status: 'running',
        runId: 'run-t4',
        budget: { maxSteps: 40, maxTokens: 200_000, maxUsd: 1 },
        usage: { steps: 9, tokens: 61_000, costUsd: 0.31 },
        entries: [
          { ...agent('test-runner', 'planner', 'GateRequest', 'I need to run the tests.', { reason: 'check', gates: [] }), settled: 0 },
          {
            kind: 'approval', requestId: 'a1',
            approval: { agent: 'test-runner', command: 'npm test\u202e', visibleCommand: 'npm test<U+202E>', hidden: ['U+202E RIGHT-TO-LEFT OVERRIDE at 9'], cwd: 'packages/api', folder: 'app', allowlistedElsewhere: true },
          },
          {
            kind: 'escalation', requestId: 'e1',
            escalation: {
              id: 'decision-1', question: 'Approve the change with the failing lint rule?', decision: { kind: 'change.approval', owner: 'reviewer', outcome: 'approve', rationale: 'The failure is unrelated.' }, options: ['approve', 'reject'],
              opinions: [{ agent: 'reviewer', stance: 'support', reason: 'Lint failure predates the change.' }, { agent: 'security-reviewer', stance: 'oppose', reason: 'The rule guards input validation.' }],
            },
          },
        ],
      }),
    ],
  };
}

export const team = ['concierge', 'planner', 'refactorer', 'reviewer', 'security-reviewer', 'test-runner', 'typescript-specialist'].map((name) => ({
  name, role: name === 'concierge' ? 'front-door' : 'specialist', owns: [], advises: [], provenance: { origin: 'shipped' as const, file: `agents/${name}.md` },
}));

/** chat/state as the extension posts it, with a team, two chips on offer and the offline model by default. */
export function stateMessage(chat: Chat, offline = true): unknown {
  return {
    kind: 'notification',
    method: 'chat/state',
    params: {
      chat,
      chats: [{ id: chat.id, title: chat.title, updatedAt: chat.updatedAt, turns: chat.turns.length }, { id: 'older', title: 'Review the CLI', updatedAt: chat.updatedAt - 86_400_000, turns: 3 }],
      team,
      context: [{ id: 'file', kind: 'file', label: 'board.ts', path: 'src/board.ts' }, { id: 'problems', kind: 'problems', label: '3 problems', path: 'src/board.ts' }],
      model: offline ? { offline: true, label: 'offline model' } : { offline: false, label: 'Claude (claude-sonnet-4-5)' },
    },
  };
}

/** chat/update as the extension posts it. */
export const update = (chatId: string, value: unknown) => ({ kind: 'notification', method: 'chat/update', params: { chatId, update: value } });
