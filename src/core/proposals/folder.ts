/**
 * Proposals on disk: one JSON file per proposal in `<workspace>/.nova/proposals/<id>.json`. Each
 * write goes to a temporary file that is then renamed over the real one, so a crash leaves the old
 * file or the new one, never half of either. Reading checks every file and reports the ones that
 * are damaged or foreign instead of failing on them.
 */
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { validatePayload } from '../contracts/validate';
import { assertProposalId, proposalIdPattern } from './ids';
import { StoredProposalSchema, type StoredProposal } from './record';

const recordContract = { name: 'StoredProposal', description: 'A stored proposal file.', schema: StoredProposalSchema };

/** Where a workspace folder's proposals live. */
export function proposalsFolder(workspaceFolder: string): string {
  return join(workspaceFolder, '.nova', 'proposals');
}

/** Every proposal in `folder`, and one problem (`<file>: <reason>`) per file that could not be used. A missing folder holds none. */
export async function readProposalFiles(folder: string): Promise<{ proposals: StoredProposal[]; problems: string[] }> {
  let names: string[];
  try {
    names = await readdir(folder);
  } catch (error) {
    if (isMissing(error)) return { proposals: [], problems: [] };
    throw error;
  }
  // Temporary files belong to a write in progress (or one a crash cut short); they are not proposals.
  const results = await Promise.all(names.filter((name) => name.endsWith('.json')).map((name) => readNamed(folder, name)));
  const proposals: StoredProposal[] = [];
  const problems: string[] = [];
  for (const result of results) {
    if ('problem' in result) problems.push(result.problem);
    else if (result.record) proposals.push(result.record);
  }
  return { proposals, problems };
}

/** The proposal with this id, or undefined when there is no such file; throws when the file is unusable. */
export async function readProposalFile(folder: string, id: string): Promise<StoredProposal | undefined> {
  assertProposalId(id);
  const result = await readNamed(folder, `${id}.json`);
  if ('problem' in result) throw new Error(`Proposal file ${result.problem}`);
  return result.record;
}

/** Writes the record as `<id>.json` atomically: a temporary file first, then a rename over the old one. */
export async function writeProposalFile(folder: string, record: StoredProposal): Promise<void> {
  assertProposalId(record.id);
  await mkdir(folder, { recursive: true });
  const file = join(folder, `${record.id}.json`);
  const temporary = `${file}.tmp-${process.pid}`;
  try {
    await writeFile(temporary, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

type Read = { readonly record: StoredProposal | undefined } | { readonly problem: string };

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
  const checked = validatePayload(recordContract, json);
  if (!checked.ok) return { problem: `${name}: not a stored proposal (${checked.issues.join('; ')})` };
  const record = checked.value as StoredProposal;
  if (record.id !== id) return { problem: `${name}: holds proposal "${record.id}", not "${id}"` };
  return { record };
}

function isMissing(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}
