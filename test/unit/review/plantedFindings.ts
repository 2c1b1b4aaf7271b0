/**
 * The review findings planted in sample/ (sample/README.md, "Review findings"), read from the
 * README itself so a moved line there moves the expectation here; and a scratch copy of the sample.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { sampleDir } from '../../../tools/paths';

/** The analyzer rule that must report each numbered finding of the README's table. */
const ruleOf: Record<string, string> = {
  '1': 'ts-6133', // unused import
  '2a': 'ts-6133', // unused local
  '2b': 'ts-6133', // unused private function
  '3': 'loose-equality',
  '4': 'explicit-any',
  '5': 'non-null-assertion',
  '6a': 'floating-promise',
  '6b': 'empty-catch',
  '7': 'hardcoded-secret',
};

/** `path:line rule` for each planted review finding, sorted. */
export function plantedFindings(): string[] {
  const readme = fs.readFileSync(path.join(sampleDir, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('### Review findings'), readme.indexOf('### Refactor opportunities'));
  const rows = section.split('\n').filter((line) => /^\| \w+ \|/.test(line) && !line.startsWith('| #'));
  const found = rows.map((row) => {
    const cells = row.split('|').map((cell) => cell.trim());
    const number = cells[1] ?? '';
    const location = /`(src\/[\w.]+:\d+)`/.exec(cells[3] ?? '')?.[1];
    const rule = ruleOf[number];
    if (!location || !rule) throw new Error(`sample/README.md: cannot read the planted finding row ${JSON.stringify(row)}`);
    return `${location} ${rule}`;
  });
  if (found.length !== Object.keys(ruleOf).length) throw new Error(`sample/README.md lists ${found.length} review findings, the test knows ${Object.keys(ruleOf).length}`);
  return found.sort();
}

/** A scratch copy of sample/ (without node_modules and out); the returned function removes it. */
export function copySample(): { folder: string; cleanup: () => void } {
  const root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'nova-sample-')));
  const folder = path.join(root, 'sample');
  fs.cpSync(sampleDir, folder, { recursive: true, filter: (source) => !['node_modules', 'out'].includes(path.basename(source)) });
  return { folder, cleanup: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** The sample's src/*.ts files as analyzer input. */
export function sampleSources(): { path: string; text: string }[] {
  const src = path.join(sampleDir, 'src');
  return fs.readdirSync(src).filter((name) => name.endsWith('.ts')).sort().map((name) => ({ path: `src/${name}`, text: fs.readFileSync(path.join(src, name), 'utf8') }));
}
