/**
 * The goals "Nova: Improve…" offers: the presets, each with the goal the team is given, then the
 * person's own words. Keyed by the improve loop's preset names, so a new preset is a type error
 * here until it has its words. Type-only import: nothing of zod is loaded for this table.
 */
import type { ImprovePreset } from '../../../core/improve/record';

/** A preset as the QuickPick shows it and the goal text the request carries. */
export interface PresetGoal {
  readonly label: string;
  readonly goal: string;
}

export const presetGoals: Record<ImprovePreset, PresetGoal> = {
  'remove-dead-code': { label: 'Remove dead code', goal: 'Remove dead code: unused imports, variables, functions and exports that nothing uses.' },
  simplify: { label: 'Simplify', goal: 'Simplify the code without changing what it does: fewer branches, clearer names, no duplication.' },
  'tighten-types': { label: 'Tighten types', goal: 'Tighten the types: no implicit or explicit any, precise unions and readonly where nothing writes.' },
  'fix-review-findings': { label: 'Fix review findings', goal: "Fix the findings of Nova's review (the Problems view's Nova diagnostics) in the scope." },
};

/** The goal `text` names, as a request carries it: a preset's own label (any case) is that preset. */
export function goalOf(text: string): { readonly goal: string; readonly preset?: ImprovePreset } {
  const trimmed = text.trim();
  const preset = (Object.keys(presetGoals) as ImprovePreset[]).find((name) => presetGoals[name].label.toLowerCase() === trimmed.toLowerCase() || name === trimmed.toLowerCase());
  return preset ? { goal: presetGoals[preset].goal, preset } : { goal: trimmed };
}
