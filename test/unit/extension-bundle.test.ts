import * as assert from 'node:assert/strict';
import * as esbuild from 'esbuild';
import { bundleSpecs } from '../../tools/bundle';
import { repoRoot } from '../../tools/paths';

// Activation loads dist/extension.js only: what it bundles is what every window pays for at activation.
describe('the extension host bundle', () => {
  it('holds no zod, no protocol and no language client: the chat view\'s controller and the client load on first use', async () => {
    const spec = bundleSpecs().find((candidate) => candidate.name === 'extension host');
    assert.ok(spec);
    const result = await esbuild.build({ absWorkingDir: repoRoot, entryPoints: [spec.entry], bundle: true, write: false, metafile: true, platform: 'node', format: 'cjs', external: [...(spec.external ?? [])], logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    const heavy = inputs.filter((input) => /node_modules\/(zod|vscode-languageclient|vscode-languageserver-protocol|vscode-jsonrpc)\/|^src\/protocol\/|^src\/extension\/client\//.test(input));
    assert.deepEqual(heavy, []);
    assert.ok(inputs.includes('src/extension/chatView.ts'), 'the chat view provider itself is in the bundle');
    // Checkpoints (simple-git and the stores) load the first time one is taken or listed.
    assert.deepEqual(inputs.filter((input) => /node_modules\/simple-git\/|^src\/core\/checkpoints\/|^src\/extension\/checkpoints\//.test(input)), []);
    assert.ok(inputs.includes('src/extension/checkpoints.ts'), 'the command that loads them is in the bundle');
  });
});
