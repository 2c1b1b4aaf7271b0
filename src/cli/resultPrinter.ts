/**
 * What agents returned, as a person reads it at the end of `nova run`: an Answer's text with its
 * references; a ReviewVerdict's outcome, summary and every finding; a FindingList's findings (each
 * finding as `path:line:col severity rule message`, as `nova review` prints them); a ChangeReport's
 * changes, gates and risks. (Proposals are printed as diffs by runCommand.)
 */
import type { Answer, ChangeReport, Finding, FindingList, ReviewVerdict } from '../core/contracts';
import type { Artifact, RunResult } from '../core/orchestrator/result';
import { findingLine } from './review/findingLine';
import type { TerminalOutput } from './terminalOutput';

/** The run's result, after any verdict handed on to another agent on the way (a reviewer's, before the report). */
export function printResults(run: Pick<RunResult, 'artifacts' | 'result'>, out: TerminalOutput): void {
  for (const artifact of run.artifacts) if (artifact.via === 'handoff' && artifact.contract === 'ReviewVerdict') printResult(artifact, out);
  if (run.result) printResult(run.result, out);
}

export function printResult(result: Artifact, out: TerminalOutput): void {
  switch (result.contract) {
    case 'Answer': {
      const answer = result.payload as Answer;
      out.write(`\nAnswer from ${result.agent}:\n${answer.answer.trimEnd()}\n`);
      for (const reference of answer.references) out.write(`  · ${reference.path}${reference.line ? `:${reference.line}` : ''}\n`);
      break;
    }
    case 'FindingList': {
      const list = result.payload as FindingList;
      out.write(`\nFindings from ${result.agent} (${list.findings.length}, in ${list.scope.join(', ') || 'no files'}):\n`);
      printFindings(list.findings, out);
      break;
    }
    case 'ReviewVerdict': {
      const verdict = result.payload as ReviewVerdict;
      out.write(`\nVerdict from ${result.agent}: ${verdict.verdict.replace(/_/g, ' ')} (confidence ${verdict.confidence}), ${verdict.findings.length} finding${verdict.findings.length === 1 ? '' : 's'}:\n${verdict.summary.trimEnd()}\n`);
      printFindings(verdict.findings, out);
      break;
    }
    case 'ChangeReport': {
      const report = result.payload as ChangeReport;
      out.write(`\nReport from ${result.agent}: ${report.title}\n${report.why.trimEnd()}\n`);
      for (const change of report.whatChanged) out.write(`  · ${change.path}: ${change.summary}\n`);
      for (const gate of report.gates) out.write(`  ${gate.status === 'passed' ? '✓' : gate.status === 'skipped' ? '–' : '✗'} ${gate.name} ${gate.status}${gate.evidence ? `: ${gate.evidence}` : ''}\n`);
      for (const risk of report.risks) out.write(`  ! ${risk}\n`);
      break;
    }
  }
}

function printFindings(findings: readonly Finding[], out: TerminalOutput): void {
  for (const found of findings) out.write(`${findingLine(found)}\n`);
}
