import * as fs from 'node:fs';
import { z } from 'zod';
import { defaultPrices, type PriceTable } from '../core/model/pricing';
import { UsageError } from './usage';

const PriceFile = z.record(z.string().min(1), z.strictObject({ input: z.number().min(0), output: z.number().min(0), cacheWrite: z.number().min(0), cacheRead: z.number().min(0) }));

/**
 * The price table: Nova's defaults, with the models of `file` (JSON: model id → US dollars per
 * million input, output, cacheWrite and cacheRead tokens) added or replaced.
 */
export function loadPrices(file: string | undefined): PriceTable {
  if (!file) return defaultPrices;
  let parsed: unknown;
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`Cannot read the price table ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  const checked = PriceFile.safeParse(parsed);
  if (!checked.success) throw new UsageError(`The price table ${file} is not valid: ${checked.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  return { ...defaultPrices, ...checked.data };
}
