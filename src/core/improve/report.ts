/**
 * The change report, honest by construction. The reporter agent writes words — a title, a summary,
 * per file what changed and why, its risks — and nothing else of it is used: the files come from
 * the real diff, each gate from its own record, the protected attempts from the trace, and
 * `offered` from the records alone. A reporter claim the records contradict (a gate it says passed
 * that did not) is not used; it becomes a risk that says so.
 */
import type { ChangeReport } from '../contracts';
import { type GateName, type GateRecord, type ImprovePhase, type ImproveReport, type ImproveRequest, type ProtectedAttempt } from './record';
import type { WorktreeChange } from './changes';

/** What the reporter agent is handed (a ReportRequest): the task, the real change, the reviewer's verdict, the gates' records. */
export function reportRequest(goal: string, change: WorktreeChange | undefined, verdict: unknown, gates: readonly GateRecord[]): Record<string, unknown> {
  return {
    task: `Improve: ${goal}`,
    ...(change ? { proposal: change.proposal } : {}),
    ...(verdict === undefined ? {} : { verdict }),
    ...(gates.length > 0
      ? {
          gates: {
            gates: gates.map((record) => ({ name: record.gate, ...(record.command ? { command: record.command } : {}), status: record.status, evidence: record.evidence, durationMs: record.durationMs })),
            overall: gates.every(passes) ? 'passed' : 'failed',
          },
        }
      : {}),
  };
}

/** Everything the report is built from; only `written` comes from an agent. */
export interface ReportInput {
  readonly runId: string;
  readonly request: ImproveRequest;
  readonly branch: string;
  /** The worktree's folder, as the person can find it. */
  readonly worktree: string;
  readonly base: string;
  readonly change: WorktreeChange | undefined;
  readonly gates: readonly GateRecord[];
  readonly attempts: readonly ProtectedAttempt[];
  /** Problems of the apply phase (hunks that could not be placed). */
  readonly applyProblems: readonly string[];
  /** The gates that did not run, and why (not configured, an earlier gate did not pass). */
  readonly notRun: readonly { readonly gate: GateName; readonly reason: string }[];
  readonly dirtyInScope: readonly string[];
  readonly phases: readonly { readonly phase: ImprovePhase; readonly ms: number }[];
  /** Workspace-relative. */
  readonly trace: string;
  /** The reporter's ChangeReport, or why there is none. */
  readonly written: ChangeReport | { readonly failed: string };
}

export function buildReport(input: ReportInput): ImproveReport {
  const { change, gates } = input;
  const written = 'failed' in input.written ? undefined : input.written;
  const contradictions: string[] = [];
  const honest = (text: string | undefined) => {
    if (text === undefined) return undefined;
    const kept = withoutFalseClaims(text, gates);
    contradictions.push(...kept.dropped.map((sentence) => `The reporter wrote "${sentence}", which the gate records contradict; it is not used.`));
    return kept.text === '' ? undefined : kept.text;
  };

  const fallbackTitle = change ? change.proposal.summary : `No change for "${input.request.goal}"`;
  const title = clip(honest(written?.title) ?? fallbackTitle);
  const summary = honest(written?.why) ?? (change ? change.proposal.rationale : 'The team proposed no change within the scope.');
  const files = (change?.files ?? []).map((file) => ({
    path: file.path,
    change: file.change,
    added: file.added,
    removed: file.removed,
    why: honest(written?.whatChanged.find((entry) => entry.path === file.path)?.summary) ?? file.rationale,
  }));
  const reporterRisks = (written?.risks ?? []).flatMap((risk) => honest(risk) ?? []);

  for (const claim of written?.gates ?? []) {
    const record = recordNamed(gates, claim.name);
    if (!record) contradictions.push(`The reporter reported a gate "${claim.name}" as ${claim.status}; no such gate ran. The claim is not used.`);
    else if (record.status !== claim.status) contradictions.push(`The reporter said ${record.title} ${claim.status}; its record says ${record.status} (${record.summary}). The claim is not used.`);
  }

  const notChecked = [
    ...gates.filter((record) => record.status === 'skipped').map((record) => `${record.title}: skipped — ${record.summary}`),
    ...input.notRun.map((skipped) => `The ${skipped.gate} gate: ${skipped.reason}.`),
    ...(change ? [] : ['No gate ran: there was no change to check.']),
  ];
  const risks = [
    ...gates.filter((record) => !passes(record)).map((record) => `${record.title} ${record.status}: ${record.summary}`),
    ...input.attempts.map((attempt) => `${attempt.agent} tried to change ${attempt.path} (${attempt.via}), which is protected: ${attempt.reason}. Refused.`),
    ...input.applyProblems,
    ...contradictions,
    ...('failed' in input.written ? [`The reporter wrote no report (${input.written.failed}); the summary is the change's own rationale.`] : []),
    ...reporterRisks,
  ];
  return {
    version: 1,
    runId: input.runId,
    goal: input.request.goal,
    ...(input.request.preset ? { preset: input.request.preset } : {}),
    target: input.request.target,
    scope: [...input.request.scope],
    branch: input.branch,
    worktree: input.worktree,
    base: input.base,
    title,
    summary,
    files,
    gates: [...gates],
    protectedAttempts: [...input.attempts],
    risks,
    notChecked,
    dirtyInScope: [...input.dirtyInScope],
    phases: [...input.phases],
    trace: input.trace,
    offered: change !== undefined && gates.every(passes),
  };
}

/** A gate lets the change through: passed, or skipped (its reason is in `notChecked`). */
export function passes(record: GateRecord): boolean {
  return record.status === 'passed' || record.status === 'skipped';
}

/** The words a gate goes by in prose ("the tests passed", "type-check is clean"). */
const gateWords: Record<GateName, RegExp> = {
  typecheck: /\b(?:type[- ]?check\w*|types? check\w*|compil\w*|tsc)\b/i,
  tests: /\b(?:tests?|test suite|specs?)\b/i,
  review: /\b(?:review\w*|verdict)\b/i,
  evals: /\b(?:evals?|evaluations?|replay\w*)\b/i,
};
const passWords = /\b(?:pass(?:ed|es|ing)?|succeed\w*|success\w*|green|clean|approv\w*|no (?:errors?|regressions?|failures?))\b/i;
const negation = /\b(?:not|no longer|never|fail\w*|didn'?t|did not|error\w*|broke\w*)\b/i;

/**
 * `text` without its sentences that say a gate passed when its record says it did not; what was
 * dropped is returned so the report can say so.
 */
function withoutFalseClaims(text: string, gates: readonly GateRecord[]): { text: string; dropped: string[] } {
  const failing = gates.filter((record) => !passes(record));
  if (failing.length === 0) return { text, dropped: [] };
  const sentences = text.match(/[^.!?\n]+[.!?]*\s*/g) ?? [];
  const dropped: string[] = [];
  const kept = sentences.filter((sentence) => {
    const claims = passWords.test(sentence) && !negation.test(sentence.replace(passWords, '')) && failing.some((record) => gateWords[record.gate].test(sentence));
    if (claims) dropped.push(sentence.trim());
    return !claims;
  });
  return { text: kept.join('').trim(), dropped };
}

/** The record a reporter's gate name means: the gate's name or its title, any case. */
function recordNamed(gates: readonly GateRecord[], name: string): GateRecord | undefined {
  const wanted = name.trim().toLowerCase();
  return gates.find((record) => record.gate === wanted || record.title.toLowerCase() === wanted) ?? gates.find((record) => gateWords[record.gate].test(name));
}

function clip(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 120 ? `${line.slice(0, 119)}…` : line;
}
