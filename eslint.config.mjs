// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { layeringPlugin } from './tools/eslint/layering.mjs';

/**
 * DESIGN.md's layering, one zone per arrow: extension → protocol → core, server → protocol → core,
 * cli → core, webview → protocol. An arrow is one direction: a layer may import the layers below it
 * (the server and the extension reach core through protocol's shapes or directly), never one above
 * or beside it. test/unit/lint/layering.test.ts makes each zone fire.
 */
const layers = ['src/core', 'src/protocol', 'src/server', 'src/extension', 'src/cli', 'src/webview'];
const zones = [
  {
    target: 'src/core',
    from: ['src/protocol', 'src/server', 'src/extension', 'src/cli', 'src/webview'],
    message: 'src/core is the bottom layer: it imports no other layer (DESIGN.md). Move what both need into src/core.',
  },
  {
    // The core runs in the server, the CLI and tests, never in the extension host.
    // A type-only import is erased at build time, so it is allowed.
    target: 'src/core',
    from: ['vscode'],
    allowTypeImports: true,
    message: 'src/core must not import vscode at runtime: reach the editor through src/core/host.ts.',
  },
  {
    // Shared by the server, the extension and the webviews: only the wire protocol's own package.
    target: 'src/protocol',
    from: ['src/server', 'src/extension', 'src/cli', 'src/webview', 'vscode', 'vscode-languageserver', 'vscode-languageclient'],
    message: 'src/protocol is shared by both ends of the connection: it imports only src/core and the protocol packages (vscode-languageserver-protocol).',
  },
  {
    target: 'src/server',
    from: ['src/extension', 'src/cli', 'src/webview', 'vscode', 'vscode-languageclient'],
    message: 'src/server runs in its own process for any LSP client: it imports src/protocol and src/core, never the VS Code extension, the CLI or a webview.',
  },
  {
    target: 'src/extension',
    from: ['src/server', 'src/cli', 'src/webview', 'vscode-languageserver'],
    message: 'src/extension reaches the server over LSP through src/protocol: it never imports the server, the CLI or a webview.',
  },
  {
    target: 'src/cli',
    from: ['src/protocol', 'src/server', 'src/extension', 'src/webview', 'vscode', 'vscode-languageserver', 'vscode-languageclient'],
    message: 'src/cli uses the same core directly (cli → core): it imports no other layer and no editor or LSP package.',
  },
  {
    // Webviews run in a browser: they speak src/protocol (protocol/webview) and may borrow core's types.
    target: 'src/webview',
    from: ['src/server', 'src/extension', 'src/cli', 'vscode'],
    message: 'src/webview runs in a browser and talks to the extension through src/protocol: it never imports the server, the extension, the CLI or vscode.',
  },
  {
    target: 'src/webview',
    from: ['src/core'],
    allowTypeImports: true,
    message: 'src/webview runs in a browser: it reaches core only through src/protocol (type-only imports of src/core are allowed).',
  },
];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'out/', '.vscode-test/', 'test-results/', 'sample/', '.stryker-tmp/', 'reports/', 'test/fixtures/review-sample/vendor/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', ignoreRestSiblings: true }],
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    files: ['src/**/*.ts'],
    plugins: { nova: layeringPlugin },
    rules: { 'nova/layering': ['error', { layers, zones }] },
  },
  {
    files: ['**/*.mjs', '**/*.js'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly' } },
  },
);
