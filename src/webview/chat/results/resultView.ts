/**
 * What to draw for a turn's results: each artifact checked against the contract it names, and
 * drawn as that contract (an Answer as Markdown, a ReviewVerdict with its findings, …) only when it
 * matches; anything else — an unknown contract, a payload that does not match — as pretty JSON.
 * Pure (no DOM): the renderers in this folder draw what this chooses.
 */
import type { z } from 'zod';
import { Answer, ChangeProposal, ChangeReport, FindingList, GateReport, Plan, ReviewVerdict } from '../../../protocol/webview/contracts';
import type { ResultArtifact, Turn } from '../../../protocol/webview/transcript';

/** One result, as the page draws it. */
export type ResultView =
  | { readonly kind: 'answer'; readonly agent: string; readonly value: z.infer<typeof Answer> }
  | { readonly kind: 'verdict'; readonly agent: string; readonly value: z.infer<typeof ReviewVerdict> }
  | { readonly kind: 'findings'; readonly agent: string; readonly value: z.infer<typeof FindingList> }
  | { readonly kind: 'plan'; readonly agent: string; readonly value: z.infer<typeof Plan> }
  /** `proposalId`: where the extension stored it (absent: not stored, so it cannot be reviewed). */
  | { readonly kind: 'proposal'; readonly agent: string; readonly value: z.infer<typeof ChangeProposal>; readonly proposalId?: string }
  | { readonly kind: 'report'; readonly agent: string; readonly value: z.infer<typeof ChangeReport> }
  | { readonly kind: 'gates'; readonly agent: string; readonly value: z.infer<typeof GateReport> }
  /** `problem`: why a known contract's payload is shown as JSON. */
  | { readonly kind: 'json'; readonly agent: string; readonly contract: string; readonly payload: unknown; readonly problem?: string };

const drawn = {
  Answer: ['answer', Answer],
  ReviewVerdict: ['verdict', ReviewVerdict],
  FindingList: ['findings', FindingList],
  Plan: ['plan', Plan],
  ChangeProposal: ['proposal', ChangeProposal],
  ChangeReport: ['report', ChangeReport],
  GateReport: ['gates', GateReport],
} as const;

/** The view of one artifact. */
export function resultView(artifact: ResultArtifact): ResultView {
  const known = Object.hasOwn(drawn, artifact.contract) ? drawn[artifact.contract as keyof typeof drawn] : undefined;
  if (!known) return { kind: 'json', agent: artifact.agent, contract: artifact.contract, payload: artifact.payload };
  const [kind, schema] = known;
  const checked = (schema as z.ZodType).safeParse(artifact.payload);
  if (!checked.success) {
    const problem = checked.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(payload)'}: ${issue.message}`).join('; ');
    return { kind: 'json', agent: artifact.agent, contract: artifact.contract, payload: artifact.payload, problem: `it does not match ${artifact.contract} (${problem})` };
  }
  return { kind, agent: artifact.agent, value: checked.data } as ResultView;
}

/**
 * The views of a turn's results. Change proposals are matched to the ids the extension stored
 * them under in order (the ended update lists both in the order the run produced them).
 */
export function resultViews(turn: Pick<Turn, 'results' | 'proposalIds'>): ResultView[] {
  let proposals = 0;
  return turn.results.map((artifact) => {
    const view = resultView(artifact);
    if (view.kind !== 'proposal') return view;
    const proposalId = turn.proposalIds[proposals++];
    return proposalId === undefined ? view : { ...view, proposalId };
  });
}
