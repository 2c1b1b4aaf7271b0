/**
 * Bundles Nova with esbuild: one bundle per runtime, each built only when its entry point exists
 * (later issues add the language server, the webviews and the CLI by adding their `main.ts`).
 * Prints a table of bundle sizes.
 */
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from './paths';
import { everyExport, usedExports } from './usedExports';

/** One bundle: where it starts, where it goes, and the runtime it targets. */
export interface BundleSpec {
  readonly name: string;
  readonly entry: string;
  readonly outfile: string;
  readonly platform: 'node' | 'browser';
  readonly external?: readonly string[];
  readonly banner?: string;
  /** The `onDemandPackages` are not bundled in: each comes from its chunk in dist/, loaded on first use (see `onDemand`). */
  readonly onDemand?: boolean;
}

/** Nova's bundles, by runtime. Paths are relative to the repository root. */
export function bundleSpecs(root = repoRoot): BundleSpec[] {
  const specs: BundleSpec[] = [
    // The extension host provides `vscode`. The server client is a second bundle, loaded on first use (src/extension/lazyServer.ts).
    // Checkpoints (git, zod, the stores) are a third, loaded the first time one is taken or listed (src/extension/checkpoints.ts).
    { name: 'extension host', entry: 'src/extension/main.ts', outfile: 'dist/extension.js', platform: 'node', external: ['vscode', './client/main', './checkpoints/main'] },
    { name: 'server client', entry: 'src/extension/client/main.ts', outfile: 'dist/client/main.js', platform: 'node', external: ['vscode'] },
    { name: 'checkpoints', entry: 'src/extension/checkpoints/main.ts', outfile: 'dist/checkpoints/main.js', platform: 'node', external: ['vscode'] },
    // The server starts small and loads its core, a second bundle, once initialized (see src/server/main.ts).
    { name: 'language server', entry: 'src/server/main.ts', outfile: 'dist/server.js', platform: 'node', external: ['./novaServer'] },
    // The server core and the CLI share one copy of TypeScript and of the Anthropic SDK, each loaded when first needed.
    { name: 'server core', entry: 'src/server/novaServer.ts', outfile: 'dist/novaServer.js', platform: 'node', onDemand: true },
    { name: 'cli', entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node', banner: '#!/usr/bin/env node', onDemand: true },
    ...onDemandPackages.map(({ name, chunk }) => ({ name, entry: path.relative(root, require.resolve(name)), outfile: chunk, platform: 'node' as const })),
  ];
  // Each webview is a folder under src/webview with its own main.ts.
  const webviews = path.join(root, 'src/webview');
  if (existsSync(webviews)) {
    for (const name of readdirSync(webviews)) {
      if (statSync(path.join(webviews, name)).isDirectory()) {
        specs.push({ name: `webview ${name}`, entry: `src/webview/${name}/main.ts`, outfile: `dist/webview/${name}.js`, platform: 'browser' });
      }
    }
  }
  return specs.filter((spec) => existsSync(path.join(root, spec.entry)));
}

/**
 * zod exports every locale's messages as a namespace (`z.locales`), which keeps all of them in a
 * bundle (about 260 KB minified) although only English is ever used. A webview page is downloaded
 * by the editor on every open, so its bundle gets the English locale only.
 */
const englishOnlyZod: esbuild.Plugin = {
  name: 'zod-english-only',
  setup(builder) {
    builder.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      args.importer.includes(`${path.join('node_modules', 'zod')}`) ? { path: path.join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
    );
    builder.onLoad({ filter: /.*/, namespace: 'zod-locales' }, (args) => ({ contents: `export { default as en } from ${JSON.stringify(args.path)};`, resolveDir: repoRoot }));
  },
};

/** zod's modules a webview never runs: JSON Schema in both directions, and the parser compiler. */
const unusedInWebviews = /[\\/]zod[\\/]v4[\\/](?:core[\\/](?:compile|to-json-schema|json-schema-processors|json-schema-generator)|classic[\\/]from-json-schema)\.js$/;

/**
 * zod's `z` namespace re-exports its JSON Schema converters and its parser compiler (about 60 KB
 * minified), which a page that only checks messages never calls, and a namespace cannot be
 * tree-shaken. In webview bundles each of their exports is a stub that says so if it is ever
 * called (zod creates the converter methods of each schema eagerly, so the stubs must exist).
 */
const withoutZodExtras: esbuild.Plugin = {
  name: 'zod-without-json-schema',
  setup(builder) {
    builder.onLoad({ filter: unusedInWebviews }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      const names = new Set([...source.matchAll(/^export (?:const|let|function|class|async function) (\w+)/gm)].map((match) => match[1]));
      for (const match of source.matchAll(/^export \{([^}]*)\}/gm)) for (const part of match[1]?.split(',') ?? []) names.add(part.trim().split(/\s+as\s+/).pop() ?? '');
      names.delete('');
      const stub = `function unavailable() { throw new Error('zod: JSON Schema and compiled parsers are not in webview bundles'); }\n`;
      return { contents: stub + [...names].map((name) => `export const ${name} = unavailable;`).join('\n'), loader: 'js' };
    });
  },
};

/**
 * Packages that an idle language server, or a CLI command that needs none of them, never runs:
 * TypeScript (megabytes; only a review, a fix or a type-check needs it) and the Anthropic SDK
 * (only with a key). Each is one chunk beside the bundles, shared by the server core and the CLI.
 * TypeScript finds its lib.*.d.ts beside itself: dist/, where `copyTypeScriptLibs` puts them.
 */
export const onDemandPackages = [
  { name: 'typescript', chunk: 'dist/typescript.js' },
  { name: '@anthropic-ai/sdk', chunk: 'dist/anthropic-sdk.js' },
] as const;

/**
 * In a bundle with this plugin, importing an on-demand package gives an ES module with the
 * package's own export names, read at build time, so a namespace or default import sees every
 * export without loading anything. Enums and constants (`ts.SyntaxKind`, `ts.version`) are data,
 * copied in from the same package at build time: a module may use them while it loads (a set of
 * syntax kinds). Every other export starts as a stand-in (a Proxy) whose first use — a call, a
 * `new`, a property read — requires the package's chunk; the chunk's loading then rebinds each
 * export to the package's own value. Nova's modules read the exports as live bindings (esbuild
 * turns `ts.isIdentifier` into a plain variable), so hot code (an analyzer's `ts.isIdentifier`)
 * pays nothing once the chunk is loaded: no getter, no lookup by name. (A CommonJS stub with
 * getters, imported from an ES module, cost two getters and a keyed lookup on every read: 0.4 s of
 * a 1,000-file review.)
 */
const onDemand: esbuild.Plugin = {
  name: 'on-demand-packages',
  setup(builder) {
    const byName = new Map<string, string>(onDemandPackages.map(({ name, chunk }) => [name, chunk]));
    builder.onResolve({ filter: /.*/ }, (args) => (byName.has(args.path) ? { path: args.path, namespace: 'on-demand' } : undefined));
    builder.onLoad({ filter: /.*/, namespace: 'on-demand' }, (args) => ({
      contents: onDemandModule(require(args.path) as Record<string, unknown>, `./${path.basename(byName.get(args.path) ?? '')}`, usedExports(args.path, path.join(repoRoot, 'src'))),
      loader: 'js',
      resolveDir: path.join(repoRoot, 'dist'),
    }));
  },
};

/**
 * The ES module that stands for a package (`exported`, as `require` gives it) until its chunk is
 * loaded, with a stand-in for each export Nova's sources `use` (tools/usedExports.ts). An export
 * left out is caught at build time: esbuild's `import-is-undefined` is an error here.
 */
export function onDemandModule(exported: Record<string, unknown>, chunk: string, use: ReadonlySet<string> | typeof everyExport = everyExport): string {
  // A compiled ES module's default export is its `default`; a CommonJS module's is the module itself.
  const isEsModule = (exported as { __esModule?: boolean }).__esModule === true;
  const isUsed = (name: string) => use === everyExport || use.has(name) || isData(exported[name]);
  const names = Object.keys(exported).filter((name) => name !== '__esModule' && (name !== 'default' || isEsModule) && isUsed(name));
  const data = names.filter((name) => isData(exported[name]) || exported[name] === undefined);
  const code = names.filter((name) => !data.includes(name));
  // Locals are numbered: an export may be called anything, `load` included.
  const local = (name: string) => `$${names.indexOf(name)}`;
  return [
    // The chunk is compiled from its code cache (src/server/compileCache.ts): megabytes of TypeScript parse in a third of the time.
    `import { join } from 'node:path';`,
    `import { requireCompiled } from ${JSON.stringify(path.join(repoRoot, 'src', 'server', 'compileCache'))};`,
    `let loaded;`,
    `function load() {`,
    `  if (loaded !== undefined) return loaded;`,
    `  loaded = requireCompiled(join(__dirname, ${JSON.stringify(chunk)}));`,
    ...code.map((name) => `  ${local(name)} = loaded[${JSON.stringify(name)}];`),
    ...(isEsModule ? [] : [`  $default = loaded;`]),
    `  return loaded;`,
    `}`,
    // A stand-in's target has the value's kind (typeof a function stays 'function'); every use goes to the value.
    // One handler serves every stand-in, which finds its export's name by its target: TypeScript has 2,000 functions.
    `const exportNames = new WeakMap();`,
    `const value = (target) => (exportNames.get(target) === undefined ? load() : load()[exportNames.get(target)]);`,
    `const handler = {`,
    `  get: (target, key) => Reflect.get(value(target), key),`,
    `  set: (target, key, assigned) => Reflect.set(value(target), key, assigned),`,
    `  has: (target, key) => Reflect.has(value(target), key),`,
    `  apply: (target, self, args) => Reflect.apply(value(target), self, args),`,
    `  construct: (target, args) => Reflect.construct(value(target), args),`,
    `};`,
    `const standIn = (name, kind) => {`,
    `  const target = kind === 'function' ? function () {} : {};`,
    `  exportNames.set(target, name);`,
    `  return new Proxy(target, handler);`,
    `};`,
    ...data.map((name) => `const ${local(name)} = ${JSON.stringify(exported[name]) ?? 'undefined'};`),
    ...code.map((name) => `let ${local(name)} = standIn(${JSON.stringify(name)}, ${JSON.stringify(typeof exported[name])});`),
    ...(isEsModule ? [] : [`let $default = standIn(undefined, ${JSON.stringify(typeof exported)});`]),
    `export { ${[...names.map((name) => `${local(name)} as ${JSON.stringify(name)}`), ...(isEsModule ? [] : ['$default as default'])].join(', ')} };`,
  ].join('\n');
}

/** A constant or an enum: a primitive, or an object whose own values are all numbers and strings. */
function isData(value: unknown): boolean {
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return true;
  return typeof value === 'object' && value !== null && Object.getPrototypeOf(value) === Object.prototype && Object.values(value).every((entry) => typeof entry === 'number' || typeof entry === 'string');
}

/** A read of an export no stand-in exists for (tools/usedExports.ts missed it) fails the build instead of being undefined at run time. */
export const bundleLogOverride: Record<string, esbuild.LogLevel> = { 'import-is-undefined': 'error' };

async function build(spec: BundleSpec): Promise<number> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [spec.entry],
    outfile: spec.outfile,
    bundle: true,
    // NOVA_NO_MINIFY=1 keeps names readable, for a CPU profile of a bundle.
    minify: process.env.NOVA_NO_MINIFY !== '1',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    platform: spec.platform,
    format: spec.platform === 'node' ? 'cjs' : 'iife',
    target: spec.platform === 'node' ? 'node20' : 'chrome120',
    // import() of a built-in (a dependency's import('https')) becomes a require: code run by vm.Script
    // (src/server/compileCache.ts) has no module loader for import() on Node 20 without an experimental flag.
    ...(spec.platform === 'node' ? { supported: { 'dynamic-import': false } } : {}),
    external: [...(spec.external ?? []), ...(spec.onDemand ? onDemandPackages.map(({ chunk }) => `./${path.basename(chunk)}`) : [])],
    plugins: spec.platform === 'browser' ? [englishOnlyZod, withoutZodExtras] : [englishOnlyZod, ...(spec.onDemand ? [onDemand] : [])],
    logOverride: bundleLogOverride,
    ...(spec.banner ? { banner: { js: spec.banner } } : {}),
  });
  return result.metafile.outputs[spec.outfile]?.bytes ?? 0;
}

/**
 * TypeScript looks for its `lib.*.d.ts` beside the script that runs it; bundled, that is dist/. The
 * offline model type-checks with TypeScript, so the bundles that include it need them there.
 */
function copyTypeScriptLibs(): number {
  const from = path.join(repoRoot, 'node_modules', 'typescript', 'lib');
  let bytes = 0;
  for (const name of readdirSync(from).filter((file) => /^lib\..*\.d\.ts$/.test(file))) {
    copyFileSync(path.join(from, name), path.join(repoRoot, 'dist', name));
    bytes += statSync(path.join(from, name)).size;
  }
  return bytes;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const spec of bundleSpecs()) {
    const bytes = await build(spec);
    rows.push(`${spec.name.padEnd(17)} ${spec.outfile.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
  if (bundleSpecs().some((spec) => spec.name === 'typescript')) {
    rows.push(`${'typescript libs'.padEnd(17)} ${'dist/lib.*.d.ts'.padEnd(28)} ${(copyTypeScriptLibs() / 1024).toFixed(1).padStart(8)} KB`);
  }
  console.log(['bundle            file                          size', ...rows].join('\n'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
