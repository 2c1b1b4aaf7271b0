/**
 * The offline typescript-specialist and refactorer: TypeScript's own fixes over each requested
 * file, chosen from the goal's words (organize imports, remove unused imports or declarations,
 * else all of them), gathered into one ChangeProposal for the reviewer. When no fix applies it
 * says so and asks for a review instead — a proposal needs at least one hunk, and inventing one
 * would be dishonest.
 */
import type { FixKind } from '../../../typescript/fixes';
import { readJsonBlock } from '../../../tools/structuredOutput';
import { isTypeScriptSource } from '../../../typescript/sourceScope';
import type { OfflineTurn } from '../turn';
import { act, cannotPlay, handoff, say, submit, type OfflineStep } from '../step';

interface RefactorRequest {
  readonly goal: string;
  readonly files: readonly string[];
  readonly constraints: readonly string[];
}

interface FixesResult {
  readonly path: string;
  readonly fixes: readonly { kind: string; tsFixes: readonly string[]; changed: boolean }[];
  readonly files: readonly { path: string; hunks: readonly { startLine: number; before: string; after: string; rationale: string }[] }[];
}

/** Files fixed per turn: the tool calls of one response run one after another. */
const filesPerTurn = 20;

export function changeAuthorStep(turn: OfflineTurn, request: RefactorRequest): OfflineStep {
  const fixes = fixesFor(request.goal);
  const files = request.files.filter(isTypeScriptSource);
  const done = new Map(turn.callsOf('typescript_fixes').map((call) => [String(call.input['path']), call]));
  const pending = files.filter((file) => !done.has(file)).slice(0, filesPerTurn);
  if (pending.length > 0) {
    return act(`Computing TypeScript's fixes (${fixes.join(', ')}) for ${pending.join(', ')}.`, ...pending.map((path) => ({ name: 'typescript_fixes', input: { path, fixes } })));
  }

  const results: FixesResult[] = [];
  const risks: string[] = [];
  for (const file of files) {
    const call = done.get(file);
    const data = call && !call.isError ? readFixes(call.output) : undefined;
    if (data) results.push(data);
    else risks.push(`[offline] ${file}: typescript_fixes failed (${call?.output.split('\n')[0] ?? 'not run'}); it is not part of this proposal.`);
  }
  const skipped = request.files.filter((file) => !isTypeScriptSource(file));
  if (skipped.length > 0) risks.push(`[offline] Not TypeScript, left unchanged: ${skipped.join(', ')}.`);
  const proposalFiles = results.flatMap((result) => result.files);
  const applied = results.flatMap((result) => result.fixes.filter((fix) => fix.changed).map((fix) => `${result.path}: ${fix.kind} (${fix.tsFixes.join(', ')})`));

  if (proposalFiles.length === 0) {
    const scope = files.length > 0 ? files : [...request.files];
    const summary = `No TypeScript fix (${fixes.join(', ')}) applies to ${scope.join(', ')}; review instead.`;
    if (turn.has('handoff_to_reviewer')) {
      return act(`${summary} Nothing to propose, so asking the reviewer to review the files as they are.`, handoff('reviewer', 'no fix applies; review instead', { intent: 'review', summary, scope, constraints: [...request.constraints] }, 'RoutedTask'));
    }
    return say(`${summary} There is nothing to propose and no reviewer to hand to, so I stop here.`);
  }

  const proposal = {
    summary: `[offline] TypeScript fixes (${[...new Set(results.flatMap((r) => r.fixes.filter((f) => f.changed).map((f) => f.kind)))].join(', ')}) in ${proposalFiles.map((file) => file.path).join(', ')}`,
    rationale: `The goal was "${request.goal}". Applied TypeScript's own fixes with the language service — ${applied.join('; ')}. These fixes do not change behaviour; the reviewer type-checks the result before approving.`,
    files: proposalFiles,
    risks,
  };
  if (turn.has('handoff_to_reviewer')) {
    return act(`Proposing ${proposalFiles.reduce((n, file) => n + file.hunks.length, 0)} hunk(s); handing the proposal to the reviewer.`, handoff('reviewer', 'proposal ready for review', proposal, 'ChangeProposal'));
  }
  return act('Submitting the proposal.', submit('ChangeProposal', proposal));
}

/** The fixes the goal asks for; a goal that names none gets all of them. */
export function fixesFor(goal: string): FixKind[] {
  const fixes: FixKind[] = [];
  if (/\b(?:organi[sz]e|sort)\w*\b.*\bimports?\b/i.test(goal)) fixes.push('organizeImports');
  if (/\bunused\s+imports?\b/i.test(goal)) fixes.push('removeUnusedImports');
  else if (/\bunused\b|\bdead code\b/i.test(goal)) fixes.push('removeUnused');
  if (/\bfix\w*\b.*\b(?:errors?|types?|compil\w*)\b/i.test(goal)) fixes.push('fixAll');
  return fixes.length > 0 ? fixes : ['organizeImports', 'removeUnused', 'fixAll'];
}

function readFixes(output: string): FixesResult | undefined {
  const data = readJsonBlock(output) as Partial<FixesResult> | undefined;
  return data && typeof data.path === 'string' && Array.isArray(data.files) && Array.isArray(data.fixes) ? (data as FixesResult) : undefined;
}

/**
 * Feedback on an earlier change set: TypeScript's fixes would be the same fixes again, and
 * re-proposing what the person rejected is no attempt at all — so the offline model says it
 * cannot, in the person's words, and the run ends `unsupported`.
 */
export function feedbackStep(agent: string, hunks: readonly { readonly status: string; readonly reason?: string }[]): OfflineStep {
  return cannotPlay(feedbackUnsupported(agent, hunks));
}

function feedbackUnsupported(agent: string, hunks: readonly { readonly status: string; readonly reason?: string }[]): string {
  const rejected = hunks.filter((hunk) => hunk.status === 'rejected');
  const reasons = rejected.flatMap((hunk) => (hunk.reason ? [`"${hunk.reason}"`] : []));
  return `[offline] The offline model cannot revise a change from your feedback (${rejected.length} rejected hunk(s)${reasons.length > 0 ? `: ${reasons.join(', ')}` : ''}): it only knows TypeScript's own fixes, and those are the ones you decided on. An Anthropic API key lets ${agent} try again.`;
}
