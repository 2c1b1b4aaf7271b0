/**
 * "Why?" for one hunk, until the trace panel can open at the handoff that produced it: who wrote the
 * lines, where that author came from (a shipped agent, or one a workspace brought along), the
 * reasons given, the run to look up in the Runs view, and the lines themselves — as Markdown for the
 * editor's hover. No `vscode` import (Node tests read it).
 */
import type { ChangeSet, Hunk } from '../../core/edits/changeSet';
import { hunkLines } from '../../core/edits/lines';

/** The Markdown the editor shows for "Why?" on `hunk` of `set` (a conflict's reason is given when known). */
export function hunkWhy(set: ChangeSet, hunk: Hunk, conflict?: string): string {
  const lines = [`**Nova: why this change?** — ${escape(set.summary)}`, '', `- **Author:** ${escape(hunk.author)}`, `- **Source:** ${sourceLine(set.source)}`];
  const runId = set.source.kind === 'fix' ? undefined : set.source.runId;
  lines.push(`- **Run:** ${runId ? `\`${runId}\` (Runs view)` : 'none recorded'}`);
  lines.push(`- **Status:** ${hunk.status}${hunk.reason ? ` — ${escape(hunk.reason)}` : ''}`);
  if (conflict && hunk.status !== 'conflict') lines.push(`- **Conflict now:** ${escape(conflict)}`);
  lines.push('', `**Rationale:** ${escape(hunk.rationale)}`);
  if (set.rationale !== hunk.rationale) lines.push('', `**The change as a whole:** ${escape(set.rationale)}`);
  if (set.risks.length > 0) lines.push('', '**Risks**', ...set.risks.map((risk) => `- ${escape(risk)}`));
  const diff = [...hunkLines(hunk.before).map((line) => `- ${line}`), ...hunkLines(hunk.after).map((line) => `+ ${line}`)];
  const fence = '`'.repeat(Math.max(3, ...diff.map((line) => (line.match(/`+/g) ?? []).reduce((longest, run) => Math.max(longest, run.length + 1), 0))));
  lines.push('', '**Proposed**', fence + 'diff', ...diff, fence);
  return lines.join('\n');
}

function sourceLine(source: ChangeSet['source']): string {
  if (source.kind === 'fix') return `quick fix \`${source.rule}\` — ${escape(source.title)} (${escape(source.path)}:${source.line})`;
  if (source.kind === 'person') return `you${source.agent ? `, from a reply of ${escape(source.agent)}` : ''}`;
  const provenance = source.provenance;
  const origin = !provenance ? 'provenance not recorded' : provenance.origin === 'shipped' ? 'shipped with Nova' : `${provenance.origin} agent file ${escape(provenance.file)}`;
  return `agent ${escape(source.agent)} (${origin})`;
}

/** Text from a change set is untrusted: it shows as text, never as links, images or HTML. */
function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-.!<>|~]/g, (character) => `\\${character}`).replace(/\r?\n/g, ' ');
}
