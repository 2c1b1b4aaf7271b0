/**
 * Writing a whole file so that a crash, a full disk or a killed process leaves the old content or
 * the new one, never half of either: the text goes to a temporary file beside the target, which is
 * then renamed over it (a rename within one folder is atomic). The text is written exactly as
 * given — a byte order mark and line breaks are the caller's to keep.
 */
import { randomBytes } from 'node:crypto';
import { chmod, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Replaces (or creates) `file` with `text` in UTF-8. An existing file keeps its permission bits
 * (an executable script stays executable); the temporary file is removed when anything fails.
 */
export async function writeFileAtomically(file: string, text: string): Promise<void> {
  const mode = await stat(file).then(
    (stats) => stats.mode & 0o7777,
    () => undefined,
  );
  // Hidden, and unique per write, so two writers never share one (and a glob for `*.json` skips it).
  const temporary = join(dirname(file), `.${basename(file)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
  try {
    await writeFile(temporary, text, { encoding: 'utf8', flag: 'wx' });
    if (mode !== undefined) await chmod(temporary, mode);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
