/**
 * What a submitted review batch needs to be merged later, kept beside the batch's record: each file's
 * analyzer findings (in the order the requests numbered them) and line lengths, and a hash of the
 * requests, by which a review of the same files and findings recognises the batch as its own and
 * resumes it instead of paying for it twice. The state folder lives in the workspace (`.nova/`) or
 * the server's storage, so a manifest is untrusted on read: it is validated, and one that does not
 * parse is reported, never merged.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomically } from '../../workspace/atomicWrite';
import type { ModelRequest } from '../../model/client';
import type { AnalyzedFinding } from '../analyzer';
import { StoredFinding } from '../lastReview';

/** One file of a submitted batch. `index` is its place in the batch's custom ids. */
export interface ManifestFile {
  readonly path: string;
  readonly findings: readonly AnalyzedFinding[];
  readonly lineLengths: readonly number[];
  /** The hash of the text the requests showed (lastReview's contentHash), to tell whether the file has changed since. */
  readonly textHash: string;
  /** Whether the security reviewer was asked about it too. */
  readonly advised: boolean;
}

export interface BatchManifest {
  readonly batchId: string;
  readonly requestsHash: string;
  readonly model: string;
  readonly files: readonly ManifestFile[];
}

const Manifest = z.strictObject({
  version: z.literal(1),
  batchId: z.string().min(1),
  requestsHash: z.string().regex(/^[0-9a-f]{64}$/),
  model: z.string().min(1),
  files: z.array(
    z.strictObject({
      path: z.string().min(1),
      findings: z.array(StoredFinding.extend({ fingerprint: z.string().min(1).optional() })),
      lineLengths: z.array(z.int().min(0)),
      textHash: z.string().regex(/^[0-9a-f]{64}$/),
      advised: z.boolean(),
    }),
  ),
});

/** The hash of a batch's requests (with their custom ids), in order. */
export function requestsHash(items: readonly { readonly customId: string; readonly request: ModelRequest }[]): string {
  return createHash('sha256').update(JSON.stringify(items)).digest('hex');
}

/** The manifests of one state folder, a file per batch. */
export class BatchManifests {
  constructor(private readonly folder: string) {}

  async save(manifest: BatchManifest): Promise<void> {
    await mkdir(this.folder, { recursive: true });
    await writeFileAtomically(this.fileOf(manifest.batchId), `${JSON.stringify({ version: 1, ...manifest })}\n`);
  }

  /** The manifest of `batchId`, or why it cannot be used. */
  async read(batchId: string): Promise<{ ok: true; manifest: BatchManifest } | { ok: false; reason: string }> {
    let text: string;
    try {
      text = await readFile(this.fileOf(batchId), 'utf8');
    } catch (error) {
      const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
      return { ok: false, reason: missing ? `batch ${batchId} has no review manifest (was Nova stopped while submitting it?)` : `the manifest of batch ${batchId} could not be read: ${String(error)}` };
    }
    let parsed: z.ZodSafeParseResult<z.infer<typeof Manifest>>;
    try {
      parsed = Manifest.safeParse(JSON.parse(text));
    } catch {
      return { ok: false, reason: `the manifest of batch ${batchId} is not JSON` };
    }
    if (!parsed.success || parsed.data.batchId !== batchId) return { ok: false, reason: `the manifest of batch ${batchId} is not a review manifest` };
    const { version: _version, ...manifest } = parsed.data;
    return { ok: true, manifest: manifest as BatchManifest };
  }

  private fileOf(batchId: string): string {
    // Batch ids are the API's (`msgbatch_…`); anything else is kept out of the path.
    return join(this.folder, `${batchId.replace(/[^A-Za-z0-9_-]/g, '_')}.json`);
  }
}
