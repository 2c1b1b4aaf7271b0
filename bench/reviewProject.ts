/**
 * A generated TypeScript project for the review benchmark: `fileCount` modules in folders of 50,
 * each importing two or three earlier modules (so the import graph is deep and wide, as in an
 * application), with interfaces, a generic class, a subclass of an imported class, and functions
 * over imported types. Every 25th module has planted findings (`==`, an `any`, an empty `catch`,
 * a floating promise). The project type-checks clean under `strict`. The same seed gives the same files.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { seededRandom } from '../test/support/malformedWebviewMessages';

/** A generated module: its path under `src/` and the names it exports. */
interface Module {
  readonly path: string;
  readonly index: number;
}


const folderOf = (index: number) => `feature${String(Math.floor(index / 50)).padStart(2, '0')}`;
const moduleOf = (index: number): Module => ({ index, path: `${folderOf(index)}/module${String(index).padStart(4, '0')}.ts` });

/** The import specifier from module `from` to module `to` (both under src/). */
function specifier(from: Module, to: Module): string {
  const sameFolder = folderOf(from.index) === folderOf(to.index);
  return sameFolder ? `./${to.path.split('/')[1]!.replace(/\.ts$/, '')}` : `../${to.path.replace(/\.ts$/, '')}`;
}

function moduleText(module: Module, imports: readonly Module[], planted: boolean): string {
  const i = module.index;
  const lines: string[] = [`/** Generated module ${i}. */`];
  for (const dep of imports) lines.push(`import { Store${dep.index}, type Record${dep.index}, summarize${dep.index} } from '${specifier(module, dep)}';`);
  lines.push(
    '',
    `export interface Record${i} {`,
    '  readonly id: number;',
    '  readonly name: string;',
    `  readonly tags: readonly string[];`,
    ...imports.map((dep) => `  readonly part${dep.index}?: Record${dep.index};`),
    '}',
    '',
    `export class Store${i}<T extends { readonly id: number } = Record${i}> {`,
    '  protected readonly items = new Map<number, T>();',
    '',
    '  add(item: T): this {',
    '    this.items.set(item.id, item);',
    '    return this;',
    '  }',
    '',
    '  find(predicate: (item: T) => boolean): T | undefined {',
    '    for (const item of this.items.values()) if (predicate(item)) return item;',
    '    return undefined;',
    '  }',
    '',
    '  map<U>(transform: (item: T, index: number) => U): U[] {',
    '    return [...this.items.values()].map(transform);',
    '  }',
    '',
    '  get size(): number {',
    '    return this.items.size;',
    '  }',
    '}',
    '',
  );
  const base = imports[0];
  if (base) {
    lines.push(
      `export class Derived${i} extends Store${base.index}<Record${base.index}> {`,
      `  names(): string[] {`,
      `    return this.map((item) => item.name.toUpperCase());`,
      '  }',
      '}',
      '',
    );
  }
  lines.push(
    `export function summarize${i}(records: readonly Record${i}[]): { count: number; names: string } {`,
    `  const names = records.map((record) => \`\${record.name}#\${record.id}\`).join(', ');`,
    '  return { count: records.length, names };',
    '}',
    '',
    `export function build${i}(count: number): Store${i} {`,
    `  const store = new Store${i}();`,
    '  for (let n = 0; n < count; n++) {',
    `    store.add({ id: n, name: \`item\${n}\`, tags: n % 2 === 0 ? ['even'] : ['odd'] });`,
    '  }',
    ...imports.map((dep) => `  void summarize${dep.index}(new Store${dep.index}().map((item) => item));`),
    '  return store;',
    '}',
    '',
    `export const revision${i} = 1;`,
  );
  if (planted) {
    lines.push(
      '',
      `export function planted${i}(value: number, input: string): unknown {`,
      '  const loose: any = JSON.parse(input);',
      '  try {',
      '    JSON.parse(input);',
      '  } catch {}',
      '  void Promise.resolve(loose);',
      '  fetchLater();',
      `  return value == ${i} ? loose : undefined;`,
      '}',
      '',
      'async function fetchLater(): Promise<void> {}',
    );
  }
  return `${lines.join('\n')}\n`;
}

/** Writes the project into `dir` (tsconfig.json, package.json, src/); returns the modules' paths under src/. */
export function writeReviewProject(dir: string, fileCount = 1000, seed = 15): string[] {
  const random = seededRandom(seed);
  const modules = Array.from({ length: fileCount }, (_, index) => moduleOf(index));
  writeFileSync(join(dir, 'package.json'), `${JSON.stringify({ name: 'review-bench', private: true, version: '1.0.0' }, null, 2)}\n`);
  const compilerOptions = { target: 'ES2022', module: 'commonjs', lib: ['ES2022'], strict: true, noEmit: true, types: [], skipLibCheck: true };
  writeFileSync(join(dir, 'tsconfig.json'), `${JSON.stringify({ compilerOptions, include: ['src'] }, null, 2)}\n`);
  for (const module of modules) {
    const count = module.index === 0 ? 0 : Math.min(module.index, 2 + Math.floor(random() * 2));
    const imports = new Map<number, Module>();
    // Mostly recent modules (a feature's neighbours), sometimes any earlier one (shared code).
    while (imports.size < count) {
      const back = random() < 0.7 ? 1 + Math.floor(random() * Math.min(module.index, 20)) : 1 + Math.floor(random() * module.index);
      imports.set(module.index - back, modules[module.index - back]!);
    }
    mkdirSync(join(dir, 'src', folderOf(module.index)), { recursive: true });
    writeFileSync(join(dir, 'src', module.path), moduleText(module, [...imports.values()], module.index % 25 === 7));
  }
  return modules.map((module) => `src/${module.path}`);
}
