import * as assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from '../../tools/paths';

// The lint rule that keeps `vscode` out of src/core, exercised on code it must reject and accept.
describe('lint: src/core never imports vscode at runtime', () => {
  const eslint = new ESLint({ cwd: repoRoot });

  async function problems(code: string, filePath: string): Promise<string[]> {
    const [result] = await eslint.lintText(code, { filePath });
    return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
  }

  it('rejects a runtime import of vscode under src/core', async () => {
    const found = await problems("import * as vscode from 'vscode';\nexport const w = vscode.window;\n", 'src/core/example.ts');
    assert.equal(found.length, 1);
    assert.match(found[0] ?? '', /no-restricted-imports: .*src\/core must not import vscode/);
  });

  it('rejects require("vscode")-style imports under src/core', async () => {
    const found = await problems("import vscode = require('vscode');\nexport const w = vscode.window;\n", 'src/core/nested/example.ts');
    assert.ok(found.some((p) => p.includes('src/core must not import vscode')), found.join('\n'));
  });

  it('allows a type-only import under src/core (erased at build time)', async () => {
    assert.deepEqual(await problems("import type { Uri } from 'vscode';\nexport type U = Uri;\n", 'src/core/example.ts'), []);
  });

  it('allows vscode in the extension adapter', async () => {
    assert.deepEqual(await problems("import * as vscode from 'vscode';\nexport const w = vscode.window;\n", 'src/extension/example.ts'), []);
  });
});
