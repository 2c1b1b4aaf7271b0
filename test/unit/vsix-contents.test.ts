import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from '../../tools/paths';

// What `npm run package` puts in the .vsix, as vsce itself lists it (.vscodeignore applied).
describe('the .vsix contents', () => {
  const vsce = join(repoRoot, 'node_modules', '@vscode', 'vsce', 'vsce');
  const files = execFileSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: repoRoot, encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);

  it('holds the bundled extension, its manifest, README and licence', () => {
    for (const file of ['dist/extension.js', 'dist/client/main.js', 'dist/checkpoints/main.js', 'dist/server.js', 'dist/novaServer.js', 'dist/cli.js', 'dist/typescript.js', 'dist/anthropic-sdk.js', 'dist/lib.es2022.d.ts', 'agents/concierge.md', 'package.json', 'README.md', 'LICENSE', 'media/nova.svg', 'media/webview.css', 'media/chat.css', 'dist/webview/chat.js', 'media/trace.css', 'dist/webview/trace.js', 'docs/nova-chat.png', 'docs/nova-trace-violation.png']) {
      assert.ok(files.includes(file), `${file} is missing from the .vsix: ${files.join(', ')}`);
    }
  });

  it('holds no sources, tests, source maps, caches or dependencies', () => {
    // TypeScript's own lib.*.d.ts are data the bundled type-checker reads (tools/bundle.ts), not sources.
    const unwanted = files.filter((file) => !/^dist\/lib\.[\w.]+\.d\.ts$/.test(file) && /\.ts$|\.map$|^(src|test|tools|bench|sample|out|node_modules|\.vscode-test|test-results)\//.test(file));
    assert.deepEqual(unwanted, []);
  });
});
