/**
 * DESIGN.md's layering as lint enforces it: every arrow (extension → protocol → core, server →
 * protocol → core, cli → core, webview → protocol) exercised through ESLint's own API on the repo's
 * real config, with an import each zone must reject and one it must accept. The expected arrows are
 * written out here, not read from the config, so deleting or loosening a zone fails a test.
 */
import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from '../../../tools/paths';

type Layer = 'core' | 'protocol' | 'server' | 'extension' | 'cli' | 'webview';
const layers: readonly Layer[] = ['core', 'protocol', 'server', 'extension', 'cli', 'webview'];

/** What each layer may import at runtime (DESIGN.md's arrows); every other layer is forbidden. */
const mayImport: Record<Layer, readonly Layer[]> = {
  core: [],
  protocol: ['core'],
  server: ['protocol', 'core'],
  extension: ['protocol', 'core'],
  cli: ['core'],
  webview: ['protocol'],
};

describe('lint: the layering of DESIGN.md', () => {
  const eslint = new ESLint({ cwd: repoRoot });

  /** The layering problems ESLint reports for `code` as if it were the file at `filePath`. */
  async function problems(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  describe('every layer against every other layer (a relative import, resolved)', () => {
    for (const from of layers) {
      for (const to of layers.filter((layer) => layer !== from)) {
        const allowed = mayImport[from].includes(to);
        // A file two folders deep imports one two folders deep: the zone must see where the path lands.
        const code = `import { thing } from '../../../${to}/deep/thing';\nexport const used = thing;\n`;
        it(`${from} ${allowed ? 'may' : 'may not'} import ${to}`, async () => {
          const found = await problems(code, `src/${from}/nested/deeper/example.ts`);
          if (allowed) assert.deepEqual(found, []);
          else {
            assert.equal(found.length, 1, found.join('\n'));
            assert.match(found[0] ?? '', new RegExp(`^nova/layering: '\\.\\./\\.\\./\\.\\./${to}/deep/thing' \\(src/${to}\\): src/${from}`));
          }
        });
      }
    }
  });

  describe('every way of loading a module is checked', () => {
    const forms: Record<string, string> = {
      'export … from': "export { thing } from '../server/runs';\n",
      'export * from': "export * from '../server/runs';\n",
      'import()': "export const later = import('../server/runs');\n",
      'require()': "export const now = require('../server/runs');\n",
      'import = require()': "import runs = require('../server/runs');\nexport const r = runs;\n",
      "a type through import('…')": "export type T = import('../server/runs').RunService;\n",
      'a path that wanders through another folder': "import { thing } from '../core/../server/runs';\nexport const t = thing;\n",
    };
    for (const [form, code] of Object.entries(forms)) {
      it(`rejects ${form} from src/extension into src/server`, async () => {
        const found = await problems(code, 'src/extension/example.ts');
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0] ?? '', /^nova\/layering: .*src\/extension reaches the server over LSP/);
      });
    }

    it('tells folders apart by where a path lands, not by its words (src/extension/client/server.ts is the extension’s)', async () => {
      assert.deepEqual(await problems("import { start } from './server';\nexport const s = start;\n", 'src/extension/client/main.ts'), []);
      assert.deepEqual(await problems("import { start } from './client/server';\nexport const s = start;\n", 'src/extension/main.ts'), []);
    });

    it('reports a file under src/ that is in no layer', async () => {
      const found = await problems('export const stray = 1;\n', 'src/misc/stray.ts');
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', /^nova\/layering: src\/misc\/stray\.ts is in no layer of DESIGN\.md/);
    });
  });

  describe('editor and LSP packages', () => {
    const runtimeVscode = "import * as vscode from 'vscode';\nexport const w = vscode.window;\n";

    it('rejects a runtime import of vscode under src/core, with the host.ts hint', async () => {
      const found = await problems(runtimeVscode, 'src/core/example.ts');
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', /src\/core must not import vscode at runtime: reach the editor through src\/core\/host\.ts/);
    });

    it('rejects require("vscode")-style imports under src/core', async () => {
      const found = await problems("import vscode = require('vscode');\nexport const w = vscode.window;\n", 'src/core/nested/example.ts');
      assert.ok(found.some((p) => p.includes('src/core must not import vscode')), found.join('\n'));
    });

    it('allows a type-only import of vscode under src/core (erased at build time)', async () => {
      assert.deepEqual(await problems("import type { Uri } from 'vscode';\nexport type U = Uri;\n", 'src/core/example.ts'), []);
    });

    for (const layer of ['protocol', 'server', 'cli', 'webview'] as const) {
      it(`rejects vscode under src/${layer}, even type-only`, async () => {
        const found = await problems("import type { Uri } from 'vscode';\nexport type U = Uri;\n", `src/${layer}/example.ts`);
        assert.equal(found.length, 1, found.join('\n'));
        assert.match(found[0] ?? '', new RegExp(`^nova/layering: 'vscode' \\(vscode\\): src/${layer}`));
      });
    }

    it('allows vscode and the language client in the extension adapter', async () => {
      assert.deepEqual(await problems(runtimeVscode, 'src/extension/example.ts'), []);
      assert.deepEqual(await problems("import { LanguageClient } from 'vscode-languageclient/node';\nexport const c = LanguageClient;\n", 'src/extension/example.ts'), []);
    });

    const packageCases: [Layer, string, boolean][] = [
      ['extension', 'vscode-languageserver/node', false],
      ['server', 'vscode-languageclient/node', false],
      ['server', 'vscode-languageserver/node', true],
      ['protocol', 'vscode-languageserver/node', false],
      ['protocol', 'vscode-languageclient', false],
      ['protocol', 'vscode-languageserver-protocol', true],
      ['cli', 'vscode-languageserver', false],
    ];
    for (const [layer, name, allowed] of packageCases) {
      it(`src/${layer} ${allowed ? 'may' : 'may not'} import ${name}`, async () => {
        const found = await problems(`import * as lsp from '${name}';\nexport const l = lsp;\n`, `src/${layer}/example.ts`);
        if (allowed) assert.deepEqual(found, []);
        else assert.equal(found.filter((p) => p.startsWith('nova/layering:')).length, 1, found.join('\n'));
      });
    }
  });

  it('lets a webview borrow core’s types, not its code', async () => {
    assert.deepEqual(await problems("import type { Span } from '../../core/trace/spans';\nexport type S = Span;\n", 'src/webview/trace/main.ts'), []);
    const found = await problems("import { spanKinds } from '../../core/trace/spans';\nexport const k = spanKinds;\n", 'src/webview/trace/main.ts');
    assert.match(found[0] ?? '', /src\/webview runs in a browser: it reaches core only through src\/protocol/);
  });

  it('passes on the repository’s own sources', async () => {
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const crossings = results.flatMap((result) => result.messages.filter((m) => m.ruleId === 'nova/layering').map((m) => `${result.filePath}:${m.line}: ${m.message}`));
    assert.deepEqual(crossings, []);
  });
});
