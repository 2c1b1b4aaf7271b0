/**
 * The labelled review corpus (test/fixtures/review-corpus): planted defects, each at a path and
 * line with the rule that must report it, and clean look-alike files. Scoring is shared by the
 * Node (reviewWorkspace), language-server and real-VS Code runs: recall per class, and every
 * finding that is not a planted defect.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../../tools/paths';

export const corpusFolder = path.join(repoRoot, 'test', 'fixtures', 'review-corpus');

/** One planted defect; `text` is how its line starts, so a moved line fails loudly. */
export interface PlantedDefect {
  readonly path: string;
  readonly line: number;
  readonly rule: string;
  readonly text: string;
}

export interface CorpusLabels {
  readonly defects: readonly PlantedDefect[];
  readonly clean: readonly string[];
}

export function corpusLabels(): CorpusLabels {
  return JSON.parse(fs.readFileSync(path.join(corpusFolder, 'labels.json'), 'utf8')) as CorpusLabels;
}

/** A defect's class: the analyzer that owns its rule (`ts-2322` belongs to `typescript`). */
export function classOf(rule: string): string {
  return rule.startsWith('ts-') ? 'typescript' : rule;
}

/** A finding as scored: where and which rule. */
export interface ScoredFinding {
  readonly path: string;
  readonly line: number;
  readonly rule: string;
}

export interface CorpusScore {
  /** Per class: planted, found. */
  readonly classes: ReadonlyMap<string, { planted: number; found: number }>;
  readonly missed: readonly PlantedDefect[];
  /** Findings in clean files. */
  readonly inClean: readonly ScoredFinding[];
  /** Findings in defect files at no planted defect (or a second finding for one). */
  readonly unplanted: readonly ScoredFinding[];
  /** The per-class table, for the test's output. */
  readonly table: string;
}

export function scoreCorpus(labels: CorpusLabels, findings: readonly ScoredFinding[]): CorpusScore {
  const key = (item: ScoredFinding) => `${item.path}:${item.line} ${item.rule}`;
  const planted = new Set(labels.defects.map(key));
  const reported = new Set(findings.map(key));
  const missed = labels.defects.filter((defect) => !reported.has(key(defect)));
  const clean = new Set(labels.clean);
  const inClean = findings.filter((found) => clean.has(found.path));
  const seen = new Set<string>();
  const unplanted = findings.filter((found) => {
    const id = key(found);
    const extra = !clean.has(found.path) && (!planted.has(id) || seen.has(id));
    seen.add(id);
    return extra;
  });
  const classes = new Map<string, { planted: number; found: number }>();
  for (const defect of labels.defects) {
    const entry = classes.get(classOf(defect.rule)) ?? { planted: 0, found: 0 };
    entry.planted += 1;
    if (reported.has(key(defect))) entry.found += 1;
    classes.set(classOf(defect.rule), entry);
  }
  const rows = [...classes].sort(([a], [b]) => a.localeCompare(b)).map(([name, { planted: count, found }]) => `${name.padEnd(20)} ${String(found).padStart(3)}/${String(count).padEnd(3)} ${((100 * found) / count).toFixed(0).padStart(4)} %`);
  const total = labels.defects.length - missed.length;
  const table = [`${'class'.padEnd(20)} found   recall`, ...rows, `${'all'.padEnd(20)} ${String(total).padStart(3)}/${String(labels.defects.length).padEnd(3)} ${((100 * total) / labels.defects.length).toFixed(0).padStart(4)} %`, `findings in ${labels.clean.length} clean files: ${inClean.length}; unplanted findings in defect files: ${unplanted.length}`].join('\n');
  return { classes, missed, inClean, unplanted, table };
}

/** The classes whose recall is below `minimum` (a fraction), each with what it missed: empty when every class reaches it. */
export function classesShortOf(score: CorpusScore, minimum: number): string[] {
  return [...score.classes]
    .filter(([, { planted, found }]) => found / planted < minimum)
    .map(([name, { planted, found }]) => `${name}: ${found} of ${planted}; missed ${score.missed.filter((defect) => classOf(defect.rule) === name).map((defect) => `${defect.path}:${defect.line}`).join(', ')}`);
}
