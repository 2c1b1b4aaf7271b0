/**
 * A change set planted in a workspace's proposal store (`.nova/proposals/<id>.json`), made from
 * hunks against the file as it is on disk — what an agent run leaves for the editor to show.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ChangeProposal } from '../../src/core/contracts';
import type { ChangeSet } from '../../src/core/edits/changeSet';
import { newChangeSet } from '../../src/core/edits/newChangeSet';

/** Hunks as an agent proposes them, for one file. */
export type ProposedHunks = ChangeProposal['files'][number]['hunks'];

/** Writes the change set and returns it; `text` is the file's content proposed against (default: read from disk). */
export function plantChangeSet(workspace: string, id: string, path: string, hunks: ProposedHunks, text = readFileSync(join(workspace, ...path.split('/')), 'utf8')): ChangeSet {
  const set = newChangeSet(
    id,
    Date.now(),
    { kind: 'agent', agent: 'refactorer', runId: 'run-editor-review', provenance: { origin: 'shipped', file: 'agents/refactorer.md' } },
    { summary: 'Tidy the code', rationale: 'Small readability fixes.', risks: [], files: [{ path, hunks }] },
    new Map([[path, text]]),
  );
  const folder = join(workspace, '.nova', 'proposals');
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, `${id}.json`), JSON.stringify(set, null, 2));
  return set;
}
