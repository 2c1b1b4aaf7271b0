/**
 * Change sets on disk: one JSON file per change set in `<workspace>/.nova/proposals/<id>.json`. Each
 * write goes to a temporary file that is then renamed over the real one, so a crash leaves the old
 * file or the new one, never half of either. Reading checks every file and reports the ones that
 * are damaged or foreign instead of failing on them; a file an earlier Nova wrote is read as the
 * change set it stands for (and written in today's form when it next changes).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { validatePayload } from '../contracts/validate';
import { ChangeSet } from '../edits/changeSet';
import { fromLegacyProposal, LegacyProposal } from '../edits/legacyProposal';
import { writeFileAtomically } from '../workspace/atomicWrite';
import { ensureNovaIgnore } from '../workspace/novaIgnore';
import { assertProposalId, proposalIdPattern } from './ids';

const changeSetContract = { name: 'ChangeSet', description: 'A stored change set file.', schema: ChangeSet };
const legacyContract = { name: 'StoredProposal', description: 'A proposal file an earlier Nova wrote.', schema: LegacyProposal };

/** Where a workspace folder's proposals live. */
export function proposalsFolder(workspaceFolder: string): string {
  return join(workspaceFolder, '.nova', 'proposals');
}

/** Every proposal in `folder`, and one problem (`<file>: <reason>`) per file that could not be used. A missing folder holds none. */
export async function readProposalFiles(folder: string): Promise<{ changeSets: ChangeSet[]; problems: string[] }> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isMissing(error)) return { changeSets: [], problems: [] };
    throw error;
  }
  // Temporary files belong to a write in progress (or one a crash cut short); they are not proposals.
  const results = await Promise.all(names.filter((name) => name.endsWith('.json')).map((name) => readNamed(folder, name)));
  const changeSets: ChangeSet[] = [];
  const problems: string[] = [];
  for (const result of results) {
    if ('problem' in result) problems.push(result.problem);
    else if (result.record) changeSets.push(result.record);
  }
  return { changeSets, problems };
}

/** The change set with this id, or undefined when there is no such file; throws when the file is unusable. */
export async function readProposalFile(folder: string, id: string): Promise<ChangeSet | undefined> {
  assertProposalId(id);
  const result = await readNamed(folder, `${id}.json`);
  if ('problem' in result) throw new Error(`Proposal file ${result.problem}`);
  return result.record;
}

/**
 * Writes the change set as `<id>.json` atomically: a temporary file first, then a rename over the
 * old one. The first write also writes `.nova/.gitignore`, so the store stays out of Source Control.
 */
export async function writeProposalFile(folder: string, record: ChangeSet): Promise<void> {
  assertProposalId(record.id);
  await mkdir(folder, { recursive: true });
  ensureNovaIgnore(dirname(folder));
  await writeFileAtomically(join(folder, `${record.id}.json`), `${JSON.stringify(record, null, 2)}\n`);
}

type Read = { readonly record: ChangeSet | undefined } | { readonly problem: string };

/** Reads and checks one file; a file that vanished since the listing is simply not there. */
async function readNamed(folder: string, name: string): Promise<Read> {
  const id = name.slice(0, -'.json'.length);
  if (!proposalIdPattern.test(id)) return { problem: `${name}: not a proposal file name` };
  let text: string;
  try {
    text = await readFile(join(folder, name), 'utf8');
  } catch (error) {
    if (isMissing(error)) return { record: undefined };
    return { problem: `${name}: could not be read (${(error as Error).message})` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problem: `${name}: not valid JSON (${(error as Error).message})` };
  }
  const record = asChangeSet(json);
  if ('problem' in record) return { problem: `${name}: not a stored change set (${record.problem})` };
  if (record.changeSet.id !== id) return { problem: `${name}: holds change set "${record.changeSet.id}", not "${id}"` };
  return { record: record.changeSet };
}

/** A file's content as a change set: today's form, or an earlier Nova's proposal converted. */
function asChangeSet(json: unknown): { readonly changeSet: ChangeSet } | { readonly problem: string } {
  const checked = validatePayload(changeSetContract, json);
  if (checked.ok) return { changeSet: checked.value as ChangeSet };
  const legacy = validatePayload(legacyContract, json);
  if (legacy.ok) return { changeSet: fromLegacyProposal(legacy.value as LegacyProposal) };
  return { problem: checked.issues.join('; ') };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
