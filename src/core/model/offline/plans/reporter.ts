/**
 * The offline reporter: a ChangeReport written strictly from the ReportRequest — each file's hunks
 * and their rationale, the reviewer's verdict as given, each gate's status and evidence, and every
 * risk the payload shows. Nothing is added that the payload does not say.
 */
import type { OfflineTurn } from '../turn';
import { act, submit, type OfflineStep } from '../step';

interface ReportRequest {
  readonly task: string;
  readonly proposal?: { summary: string; rationale: string; files: { path: string; hunks: { startLine: number; rationale: string }[] }[]; risks?: string[] };
  readonly verdict?: { verdict: string; confidence: number; summary: string; findings?: { path: string; line: number; rule: string; message: string }[] };
  readonly gates?: { gates: { name: string; status: string; evidence: string }[] };
}

export function reporterStep(_turn: OfflineTurn, request: ReportRequest): OfflineStep {
  const { proposal, verdict, gates } = request;
  const whatChanged = (proposal?.files ?? []).map((file) => ({
    path: file.path,
    summary: `${file.hunks.length} hunk(s) at line(s) ${file.hunks.map((hunk) => hunk.startLine).join(', ')}: ${[...new Set(file.hunks.map((hunk) => hunk.rationale))].join(' ')}`,
  }));
  const why = [
    `[offline] ${request.task}.`,
    proposal ? proposal.rationale : 'Nothing was proposed.',
    verdict ? `Reviewer: ${verdict.verdict}, confidence ${verdict.confidence}. ${verdict.summary}` : 'There was no review.',
  ].join(' ');
  const risks = [
    ...(proposal?.risks ?? []),
    ...(verdict?.findings ?? []).map((finding) => `${finding.path}:${finding.line} ${finding.rule}: ${finding.message}`),
    ...(gates?.gates ?? []).filter((gate) => gate.status !== 'passed').map((gate) => `Gate "${gate.name}" ${gate.status}.`),
    ...(gates ? [] : ['No gates were run.']),
    '[offline] Written by the offline model from the request alone.',
  ];
  const report = {
    title: clip(proposal ? proposal.summary.replace(/^\[offline\] /, '') : request.task),
    whatChanged,
    why,
    gates: (gates?.gates ?? []).map((gate) => ({ name: gate.name, status: gate.status, evidence: gate.evidence })),
    risks,
  };
  return act(`Writing the change report for "${report.title}".`, submit('ChangeReport', report));
}

function clip(text: string): string {
  return text.length > 100 ? `${text.slice(0, 99)}…` : text;
}
