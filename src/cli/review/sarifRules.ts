/**
 * The rules a SARIF log describes: every built-in analyzer (its name is its rule id), each
 * TypeScript diagnostic code that has a finding (`ts-<code>`), and the malformed-suppression rule.
 */
import type { Finding } from '../../core/contracts';
import { builtinAnalyzers } from '../../core/review/run';
import { suppressionRule, suppressionRuleDescription } from '../../core/review/suppressions';

export interface SarifRule {
  readonly id: string;
  readonly shortDescription: { readonly text: string };
  readonly help: { readonly text: string };
}

/** The analyzer whose findings carry rule ids `ts-<code>` rather than its own name. */
const typescriptAnalyzer = 'typescript';

/** The rules for findings with these rule ids, in a stable order: the analyzers', then TypeScript's codes. */
export function sarifRules(ruleIds: Iterable<Finding['rule']>): SarifRule[] {
  const rules: SarifRule[] = builtinAnalyzers
    .filter((analyzer) => analyzer.name !== typescriptAnalyzer)
    .map((analyzer) => rule(analyzer.name, sentence(analyzer.description), `Nova's ${analyzer.name} analyzer reports ${analyzer.description}.`));
  rules.push(rule(suppressionRule, suppressionRuleDescription, `${suppressionRuleDescription} Write it as // nova-ignore <rule>: <reason>, on the line before the finding or at the end of its line.`));
  const known = new Set(rules.map((item) => item.id));
  for (const id of [...new Set(ruleIds)].sort()) {
    if (known.has(id)) continue;
    const code = /^ts-(\d+)$/.exec(id)?.[1];
    rules.push(code ? rule(id, `TypeScript error TS${code}`, `TypeScript's diagnostic TS${code}, as the compiler reports it with the project's own options.`) : rule(id, `Nova rule ${id}`, `Findings of the ${id} check.`));
    known.add(id);
  }
  return rules;
}

function rule(id: string, short: string, help: string): SarifRule {
  return { id, shortDescription: { text: short }, help: { text: help } };
}

function sentence(text: string): string {
  const first = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(first) ? first : `${first}.`;
}
