/**
 * Bundles Nova with esbuild: one bundle per runtime, each built only when its entry point exists
 * (later issues add the language server, the webviews and the CLI by adding their `main.ts`).
 * Prints a table of bundle sizes.
 */
import * as esbuild from 'esbuild';
import { copyFileSync, existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';

/** One bundle: where it starts, where it goes, and the runtime it targets. */
export interface BundleSpec {
  readonly name: string;
  readonly entry: string;
  readonly outfile: string;
  readonly platform: 'node' | 'browser';
  readonly external?: readonly string[];
  readonly banner?: string;
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
    { name: 'server core', entry: 'src/server/novaServer.ts', outfile: 'dist/novaServer.js', platform: 'node' },
    { name: 'cli', entry: 'src/cli/main.ts', outfile: 'dist/cli.js', platform: 'node', banner: '#!/usr/bin/env node' },
  ];
  // Each webview is a folder under src/webview with its own main.ts.
  const webviews = join(root, 'src/webview');
  if (existsSync(webviews)) {
    for (const name of readdirSync(webviews)) {
      if (statSync(join(webviews, name)).isDirectory()) {
        specs.push({ name: `webview ${name}`, entry: `src/webview/${name}/main.ts`, outfile: `dist/webview/${name}.js`, platform: 'browser' });
      }
    }
  }
  return specs.filter((spec) => existsSync(join(root, spec.entry)));
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
      args.importer.includes(`${join('node_modules', 'zod')}`) ? { path: join(args.resolveDir, '..', 'locales', 'en.js'), namespace: 'zod-locales' } : undefined,
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

async function build(spec: BundleSpec): Promise<number> {
  const result = await esbuild.build({
    absWorkingDir: repoRoot,
    entryPoints: [spec.entry],
    outfile: spec.outfile,
    bundle: true,
    minify: true,
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    platform: spec.platform,
    format: spec.platform === 'node' ? 'cjs' : 'iife',
    target: spec.platform === 'node' ? 'node20' : 'chrome120',
    external: [...(spec.external ?? [])],
    plugins: spec.platform === 'browser' ? [englishOnlyZod, withoutZodExtras] : [],
    ...(spec.banner ? { banner: { js: spec.banner } } : {}),
  });
  return result.metafile.outputs[spec.outfile]?.bytes ?? 0;
}

/**
 * TypeScript looks for its `lib.*.d.ts` beside the script that runs it; bundled, that is dist/. The
 * offline model type-checks with TypeScript, so the bundles that include it need them there.
 */
function copyTypeScriptLibs(): number {
  const from = join(repoRoot, 'node_modules', 'typescript', 'lib');
  let bytes = 0;
  for (const name of readdirSync(from).filter((file) => /^lib\..*\.d\.ts$/.test(file))) {
    copyFileSync(join(from, name), join(repoRoot, 'dist', name));
    bytes += statSync(join(from, name)).size;
  }
  return bytes;
}

async function main(): Promise<void> {
  const rows: string[] = [];
  for (const spec of bundleSpecs()) {
    const bytes = await build(spec);
    rows.push(`${spec.name.padEnd(16)} ${spec.outfile.padEnd(28)} ${(bytes / 1024).toFixed(1).padStart(8)} KB`);
  }
  if (bundleSpecs().some((spec) => spec.name === 'cli' || spec.name === 'server core')) {
    rows.push(`${'typescript libs'.padEnd(16)} ${'dist/lib.*.d.ts'.padEnd(28)} ${(copyTypeScriptLibs() / 1024).toFixed(1).padStart(8)} KB`);
  }
  console.log(['bundle           file                          size', ...rows].join('\n'));
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
