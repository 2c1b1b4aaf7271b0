/**
 * The improvements of a workspace folder, one `.nova/improve/<runId>.json` each (an ImproveRecord),
 * so a report outlives the server that ran it and the CLI, the server and the editor read the same
 * state. Each write is atomic (a crash leaves the old record or the new one); each read validates,
 * and a file that does not parse is reported as a problem, never taken for an improvement.
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureNovaIgnore } from '../workspace/novaIgnore';
import { writeFileAtomically } from '../workspace/atomicWrite';
import { ImproveRecord } from './record';

const safeRunId = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Where a folder's improvements are kept. */
export function improveFolder(workspaceFolder: string): string {
  return join(workspaceFolder, '.nova', 'improve');
}

/** Thrown for a run id no improvement has (or one that could not name a file there). */
export class ImprovementNotFound extends Error {
  constructor(readonly runId: string) {
    super(`There is no improvement "${runId}".`);
    this.name = 'ImprovementNotFound';
  }
}

export class ImproveRecords {
  constructor(private readonly workspaceFolder: string) {}

  /** The record of `runId`; rejects with ImprovementNotFound when there is none, with the reason when it is unreadable. */
  async get(runId: string): Promise<ImproveRecord> {
    if (!isSafeRunId(runId)) throw new ImprovementNotFound(runId);
    let text: string;
    try {
      text = await readFile(this.fileOf(runId), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ImprovementNotFound(runId);
      throw error;
    }
    return parseRecord(text, `${runId}.json`);
  }

  /** Every readable record, newest first, and one problem line per file that is not one. */
  async list(): Promise<{ readonly improvements: ImproveRecord[]; readonly problems: string[] }> {
    const names = await readdir(improveFolder(this.workspaceFolder)).catch(() => [] as string[]);
    const improvements: ImproveRecord[] = [];
    const problems: string[] = [];
    for (const name of names.filter((file) => file.endsWith('.json') && !file.startsWith('.')).sort()) {
      try {
        improvements.push(parseRecord(await readFile(join(improveFolder(this.workspaceFolder), name), 'utf8'), name));
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    return { improvements: improvements.sort((a, b) => b.startedAt - a.startedAt || b.runId.localeCompare(a.runId)), problems };
  }

  /** Writes the record (validated first: an invalid one is refused and nothing is written). */
  async save(record: ImproveRecord): Promise<void> {
    const checked = ImproveRecord.parse(record);
    if (!isSafeRunId(checked.runId)) throw new Error(`"${checked.runId}" is not a valid run id for an improvement's file name.`);
    ensureNovaIgnore(join(this.workspaceFolder, '.nova'));
    await mkdir(improveFolder(this.workspaceFolder), { recursive: true });
    await writeFileAtomically(this.fileOf(checked.runId), `${JSON.stringify(checked, null, 2)}\n`);
  }

  /** Where run `runId`'s logs go (`tests.log`), beside its record. */
  logFolder(runId: string): string {
    return join(improveFolder(this.workspaceFolder), runId);
  }

  private fileOf(runId: string): string {
    return join(improveFolder(this.workspaceFolder), `${runId}.json`);
  }
}

function isSafeRunId(runId: string): boolean {
  return safeRunId.test(runId) && !runId.includes('..');
}

function parseRecord(text: string, name: string): ImproveRecord {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${name}: not JSON (${error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
  const checked = ImproveRecord.safeParse(json);
  if (!checked.success) throw new Error(`${name}: not an improvement record (${checked.error.issues.map((issue) => `${issue.path.join('.') || 'record'}: ${issue.message}`).join('; ')})`);
  return checked.data;
}
