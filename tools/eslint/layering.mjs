// @ts-check
/**
 * `nova/layering`: the arrows of DESIGN.md's layering, enforced the way eslint-plugin-import's
 * `no-restricted-paths` does — each zone says which files (`target`) may not import what (`from`).
 * A `from` under `src/` is a folder: relative imports are resolved against the importing file, so
 * `../../server/x` and `./client/server` are told apart by where they land, not by how they read.
 * Any other `from` is a package name (and its subpaths). Every way code can load a module is checked:
 * `import`, `export … from`, `import()`, `import x = require()`, `require()` and `import('x').T` types.
 * A file under `src/` in no layer is itself reported, so no new folder escapes the zones.
 */
import * as path from 'node:path';

/**
 * @typedef {object} Zone
 * @property {string} target a folder, relative to the lint's cwd (e.g. `src/core`)
 * @property {string[]} from folders (`src/…`) or package names the target may not import
 * @property {string} message why, shown with the import that crossed the zone
 * @property {boolean} [allowTypeImports] type-only imports are erased at build time, so they may cross
 */

/** Whether the posix path `file` is `folder` or inside it. */
function inside(file, folder) {
  return file === folder || file.startsWith(`${folder}/`);
}

/** Whether the module specifier `source` names the package `name` or one of its subpaths. */
function namesPackage(source, name) {
  return source === name || source.startsWith(`${name}/`);
}

/** @type {import('eslint').Rule.RuleModule} */
export const layeringRule = {
  meta: {
    type: 'problem',
    docs: { description: "Enforce DESIGN.md's layering: which layer may import which." },
    schema: [
      {
        type: 'object',
        properties: {
          layers: { type: 'array', items: { type: 'string' } },
          zones: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                target: { type: 'string' },
                from: { type: 'array', items: { type: 'string' } },
                message: { type: 'string' },
                allowTypeImports: { type: 'boolean' },
              },
              required: ['target', 'from', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['layers', 'zones'],
        additionalProperties: false,
      },
    ],
    messages: {
      crossed: "'{{source}}' ({{landsIn}}): {{message}}",
      unlayered: '{{file}} is in no layer of DESIGN.md ({{layers}}): put it in one, so the layering zones cover it.',
    },
  },
  create(context) {
    /** @type {{ layers: string[], zones: Zone[] }} */
    const { layers, zones } = context.options[0];
    const toPosix = (/** @type {string} */ file) => file.split(path.sep).join('/');
    const file = toPosix(path.relative(context.cwd, context.filename));
    const applicable = zones.filter((zone) => inside(file, zone.target));

    /**
     * @param {import('estree').Node} node
     * @param {unknown} source
     * @param {boolean} typeOnly
     */
    function check(node, source, typeOnly) {
      if (typeof source !== 'string') return;
      const resolved = source.startsWith('.') ? toPosix(path.relative(context.cwd, path.resolve(path.dirname(context.filename), source))) : undefined;
      for (const zone of applicable) {
        if (typeOnly && zone.allowTypeImports) continue;
        const crossed = zone.from.find((from) => (from.startsWith('src/') ? resolved !== undefined && inside(resolved, from) : namesPackage(source, from)));
        if (crossed) {
          context.report({ node, messageId: 'crossed', data: { source, landsIn: crossed, message: zone.message } });
          return;
        }
      }
    }

    // Any value typed loosely here: typescript-eslint's nodes (importKind, TSImportEqualsDeclaration) are not in estree's types.
    /** @type {(node: any) => boolean} */
    const allTypeSpecifiers = (node) => node.specifiers.length > 0 && node.specifiers.every((/** @type {any} */ s) => s.importKind === 'type' || s.exportKind === 'type');
    return {
      Program(node) {
        if (inside(file, 'src') && file !== 'src' && !layers.some((layer) => inside(file, layer))) {
          context.report({ node, messageId: 'unlayered', data: { file, layers: layers.join(', ') } });
        }
      },
      /** @param {any} node */
      ImportDeclaration(node) {
        check(node, node.source.value, node.importKind === 'type' || allTypeSpecifiers(node));
      },
      /** @param {any} node */
      ExportNamedDeclaration(node) {
        if (node.source) check(node, node.source.value, node.exportKind === 'type' || allTypeSpecifiers(node));
      },
      /** @param {any} node */
      ExportAllDeclaration(node) {
        check(node, node.source.value, node.exportKind === 'type');
      },
      /** @param {any} node */
      ImportExpression(node) {
        if (node.source.type === 'Literal') check(node, node.source.value, false);
      },
      /** @param {any} node */
      CallExpression(node) {
        const [first] = node.arguments;
        if (node.callee.type === 'Identifier' && node.callee.name === 'require' && first?.type === 'Literal') check(node, first.value, false);
      },
      /** @param {any} node */
      TSImportEqualsDeclaration(node) {
        if (node.moduleReference.type === 'TSExternalModuleReference') check(node, node.moduleReference.expression.value, node.importKind === 'type');
      },
      /** @param {any} node */
      TSImportType(node) {
        const literal = node.argument?.literal ?? node.argument;
        check(node, literal?.value, true);
      },
    };
  },
};

/** The rule as a plugin, for `plugins: { nova: layeringPlugin }`. */
export const layeringPlugin = { rules: { layering: layeringRule } };
