/**
 * `nova review --format sarif`: a SARIF 2.1.0 log (the OASIS standard GitHub code scanning and
 * other tools read). One run, tool `Nova` with its rules (sarifRules.ts); one result per finding
 * with its level (error → error, warning → warning, info and hint → note), its location relative
 * to the `WORKSPACE` base (the folder reviewed), related locations for its evidence, and its
 * fingerprint as the partial fingerprint `novaFingerprint/v1`. Findings a nova-ignore comment
 * suppressed are results with an `inSource` suppression (the comment's reason as justification),
 * baselined ones with an `external` suppression. A finding with a mechanical fix (core/review/fixes.ts)
 * carries it as a SARIF fix: replacements of character ranges of its file. Columns and character
 * offsets count UTF-16 code units, as TypeScript does.
 */
import { pathToFileURL } from 'node:url';
import type { Finding } from '../../core/contracts';
import type { FindingEvidence } from '../../core/review/analyzer';
import { baselineFile } from '../../core/review/baseline';
import type { ReviewedFinding } from '../../core/review/filteredReview';
import type { FindingFix } from '../../core/review/fixes';
import { asciiJson } from './asciiJson';
import { findingOrigin, oneBasedRange } from './findingLocation';
import type { ReviewReport } from './reviewReport';
import { sarifRules } from './sarifRules';

export const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';
/** The partial fingerprint's name: Nova's fingerprint (core/review/fingerprint.ts), version 1. */
export const fingerprintName = 'novaFingerprint/v1';
const baseId = 'WORKSPACE';

type Suppression = { readonly kind: 'inSource' | 'external'; readonly justification: string };

export function sarifFormat(report: ReviewReport): string {
  const { findings, suppressed, baselined, problems } = report.review;
  const all = [...findings, ...suppressed.map((item) => item.finding), ...baselined];
  const rules = sarifRules(all.map((found) => found.rule));
  const index = new Map(rules.map((rule, at) => [rule.id, at]));
  const result = (found: ReviewedFinding, suppression?: Suppression) => sarifResult(found, index.get(found.rule) ?? -1, suppression);
  return asciiJson({
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Nova', rules } },
        originalUriBaseIds: { [baseId]: { uri: pathToFileURL(report.folder.endsWith('/') ? report.folder : `${report.folder}/`).href } },
        columnKind: 'utf16CodeUnits',
        invocations: [{ executionSuccessful: true, toolExecutionNotifications: problems.map((problem) => ({ level: 'warning', message: { text: problem } })) }],
        results: [
          ...findings.map((found) => result(found)),
          ...suppressed.map((item) => result(item.finding, { kind: 'inSource', justification: item.reason })),
          ...baselined.map((found) => result(found, { kind: 'external', justification: `Accepted in ${baselineFile}` })),
        ],
      },
    ],
  });
}

function sarifResult(found: ReviewedFinding, ruleIndex: number, suppression: Suppression | undefined): Record<string, unknown> {
  const origin = findingOrigin(found);
  return {
    ruleId: found.rule,
    ...(ruleIndex >= 0 ? { ruleIndex } : {}),
    level: level(found.severity),
    message: { text: found.suggestion ? `${found.message} ${found.suggestion}` : found.message },
    locations: [{ physicalLocation: physicalLocation(found.path, found.range) }],
    ...(found.evidence?.length ? { relatedLocations: found.evidence.map(relatedLocation) } : {}),
    ...(found.fingerprint ? { partialFingerprints: { [fingerprintName]: found.fingerprint } } : {}),
    ...(suppression ? { suppressions: [suppression] } : {}),
    ...(found.fixes?.length ? { fixes: found.fixes.map((fix) => sarifFix(found.path, fix)) } : {}),
    ...(Object.keys(origin).length > 0 ? { properties: origin } : {}),
  };
}

function sarifFix(path: string, fix: FindingFix): Record<string, unknown> {
  return {
    description: { text: fix.title },
    artifactChanges: [
      {
        artifactLocation: artifactLocation(path),
        replacements: fix.edits.map((edit) => ({ deletedRegion: { charOffset: edit.start, charLength: edit.end - edit.start }, insertedContent: { text: edit.newText } })),
      },
    ],
  };
}

function relatedLocation(evidence: FindingEvidence, at: number): Record<string, unknown> {
  return { id: at + 1, physicalLocation: physicalLocation(evidence.path, evidence.range), message: { text: evidence.message } };
}

function physicalLocation(path: string, range: ReviewedFinding['range']): Record<string, unknown> {
  return { artifactLocation: artifactLocation(path), region: oneBasedRange(range) };
}

function artifactLocation(path: string): Record<string, unknown> {
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: baseId };
}

function level(severity: Finding['severity']): 'error' | 'warning' | 'note' {
  return severity === 'error' ? 'error' : severity === 'warning' ? 'warning' : 'note';
}
