/**
 * A change set planted in a workspace's proposal store (`.nova/proposals/<id>.json`), made from
 * hunks against the file as it is on disk — what an agent run leaves for the editor to show.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeProposal } from '../../src/core/contracts';
import type { ChangeSet } from '../../src/core/edits/changeSet';
import { newChangeSet } from '../../src/core/edits/newChangeSet';
import { proposalsFolder } from '../../src/core/proposals/folder';
import { ensureNovaIgnore } from '../../src/core/workspace/novaIgnore';

/** Hunks as an agent proposes them, for one file. */
export type ProposedHunks = ChangeProposal['files'][number]['hunks'];

/** What the change set says of itself, and the run it came from. */
export interface PlantedAbout {
  readonly summary: string;
  readonly rationale: string;
  readonly runId: string;
  /** The trace span that carried the proposal ("Why?" opens the trace there). */
  readonly spanId?: string;
}

const tidy: PlantedAbout = { summary: 'Tidy the code', rationale: 'Small readability fixes.', runId: 'run-editor-review' };

/**
 * Writes the change set as the store does (its `.nova/.gitignore` too, so the planted state stays out
 * of Source Control like a real one) and returns it; `text` is the file's content proposed against
 * (default: read from disk).
 */
export function plantChangeSet(workspace: string, id: string, path: string, hunks: ProposedHunks, text = readFileSync(join(workspace, ...path.split('/')), 'utf8'), about: PlantedAbout = tidy): ChangeSet {
  const set = newChangeSet(
    id,
    Date.now(),
    { kind: 'agent', agent: 'refactorer', runId: about.runId, provenance: { origin: 'shipped', file: 'agents/refactorer.md' }, ...(about.spanId !== undefined ? { spanId: about.spanId } : {}) },
    { summary: about.summary, rationale: about.rationale, risks: [], files: [{ path, hunks }] },
    new Map([[path, text]]),
  );
  const folder = proposalsFolder(workspace);
  mkdirSync(folder, { recursive: true });
  ensureNovaIgnore(join(workspace, '.nova'));
  writeFileSync(join(folder, `${id}.json`), JSON.stringify(set, null, 2));
  return set;
}
