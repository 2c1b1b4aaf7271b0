/** Sizes of what Nova ships: the extension-host bundle and the .vsix. */
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot, vsixPath } from '../tools/paths';

export interface SizeRow {
  readonly what: string;
  readonly bytes: number;
  readonly targetBytes: number;
}

export function measureSizes(): SizeRow[] {
  return [
    { what: 'extension-host bundle (dist/extension.js)', bytes: statSync(join(repoRoot, 'dist', 'extension.js')).size, targetBytes: 250 * 1024 },
    { what: '.vsix (dist/nova.vsix)', bytes: statSync(vsixPath).size, targetBytes: 5 * 1024 * 1024 },
  ];
}
