/**
 * A run's final result as a person reads it at the end of `nova run`: an Answer's text with its
 * references, a FindingList's findings. (Proposals are printed as diffs by runCommand; other
 * results — verdicts, plans, reports — were already streamed as the agents worked.)
 */
import type { Answer, FindingList } from '../core/contracts';
import type { Artifact } from '../core/orchestrator/result';
import type { TerminalOutput } from './terminalOutput';

export function printResult(result: Artifact, out: TerminalOutput): void {
  if (result.contract === 'Answer') {
    const answer = result.payload as Answer;
    out.write(`\nAnswer from ${result.agent}:\n${answer.answer.trimEnd()}\n`);
    for (const reference of answer.references) out.write(`  · ${reference.path}${reference.line ? `:${reference.line}` : ''}\n`);
  } else if (result.contract === 'FindingList') {
    const list = result.payload as FindingList;
    out.write(`\nFindings from ${result.agent} (${list.findings.length}, in ${list.scope.join(', ') || 'no files'}):\n`);
    for (const finding of list.findings) out.write(`  ${finding.severity} ${finding.path}:${finding.line} [${finding.rule}] ${finding.message}\n`);
  }
}
