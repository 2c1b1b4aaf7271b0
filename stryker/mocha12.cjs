/* global require */
// Mocha 12 ships its CLI helpers as .cjs files; StrykerJS 9's mocha runner requires them without an
// extension (`mocha/lib/cli/run-helpers`), which Node only resolves for registered extensions. Registering
// `.cjs` (loaded as CommonJS, as `.js` is) lets it find them. Preloaded in every Stryker process
// (tools/mutation.ts sets NODE_OPTIONS); remove it once the runner supports mocha 12 itself.
if (!('.cjs' in require.extensions)) require.extensions['.cjs'] = require.extensions['.js'];
