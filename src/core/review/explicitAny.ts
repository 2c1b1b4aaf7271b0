/**
 * explicit-any: an `any` written in the code switches type checking off for every value it reaches.
 * A hint, never an error: `any` is a choice, not a defect.
 *
 * Reported where `any` is the type of a value: a variable, parameter, property or return type, an
 * `as any` assertion, and type arguments of those (`Promise<any>`, `Record<string, any>` on a
 * variable). Not reported where `any` only ranges over types and no value is ever typed by it:
 * - a type parameter's constraint or default: `<T extends any[]>`, `<T = any>`;
 * - anywhere in a conditional type (`T extends (...args: any[]) => infer R ? R : any`: the pattern
 *   and its branches are computed per instantiation) and in an `infer` constraint;
 * - anywhere in a mapped type (`{ [K in keyof T]: any }` is a type operator's template);
 * - type arguments inside a type declaration: a type alias (`type AnySchema = Schema<any, any>`) or
 *   an interface's `extends` clause (`interface X extends Base<any, any, Internals>`), where `any`
 *   means "whatever instantiation" and `unknown` would not be assignable for invariant parameters;
 * - the universal function type as a type alias (`type AnyFunction = (...args: any[]) => any`,
 *   also as a member of a union there), named to match every function in other types;
 * - the first half of a double assertion `value as any as T`: the idiom names its target type, and
 *   the `any` never types a value of its own;
 * - a parameter its function never reads (`(..._args: any[]) => {}`): the `any` reaches nothing.
 */
import * as ts from 'typescript';
import { finding, forEachNode, type AnalyzedFinding, type Analyzer } from './analyzer';

export const explicitAny: Analyzer = {
  name: 'explicit-any',
  description: 'values typed `any` (not type-level `any` in constraints, conditional or mapped types)',
  security: false,
  analyze(input) {
    const found: AnalyzedFinding[] = [];
    forEachNode(input.sourceFile, (node) => {
      if (node.kind !== ts.SyntaxKind.AnyKeyword || isTypeLevel(node) || inAnyFunctionAlias(node) || isDoubleAssertion(node) || isUnusedParameter(node)) return;
      found.push(finding(input, node, {
        severity: 'hint',
        rule: 'explicit-any',
        message: `${describe(node.parent)}: nothing it reaches is type-checked.`,
        suggestion: 'Use `unknown` and narrow it, or a specific type.',
      }));
    });
    return found;
  },
};

/**
 * Whether `any` sits in a position that only ranges over types (see the file's comment). Walks up
 * through the type: a parameter or property of a function or object type on the way types a value
 * (so a type argument below it no longer counts) but the walk goes on, since that function type may
 * itself be a pattern in a conditional type; a declaration outside types ends it.
 */
function isTypeLevel(any: ts.Node): boolean {
  let typeArgument = false;
  let child: ts.Node = any;
  for (let node = any.parent; ; child = node, node = node.parent) {
    if (ts.isTypeParameterDeclaration(node) || ts.isConditionalTypeNode(node) || ts.isMappedTypeNode(node) || ts.isInferTypeNode(node)) return true;
    if (ts.isTypeReferenceNode(node) || ts.isExpressionWithTypeArguments(node)) typeArgument ||= node.typeArguments?.includes(child as ts.TypeNode) ?? false;
    if (ts.isTypeAliasDeclaration(node)) return typeArgument;
    if (ts.isInterfaceDeclaration(node)) return typeArgument;
    if (isTypeMember(node)) typeArgument = false;
    else if (!(ts.isTypeNode(node) || ts.isHeritageClause(node))) return false;
  }
}

/** A parameter of a function or constructor type, or a member of an object type: part of a type, typing a value. */
function isTypeMember(node: ts.Node): boolean {
  const parent = node.parent;
  return (ts.isParameter(node) && (ts.isFunctionTypeNode(parent) || ts.isConstructorTypeNode(parent))) || ((ts.isPropertySignature(node) || ts.isIndexSignatureDeclaration(node) || ts.isMethodSignature(node)) && ts.isTypeLiteralNode(parent));
}

/**
 * An `any` of `(...args: any[]) => any` (or `new (...args: any[]) => any`) that is a type alias's
 * type, or a member of a union there (`type AnyFunction = (...args: any[]) => any`): the universal
 * function type, named to match every function in other types.
 */
function inAnyFunctionAlias(any: ts.Node): boolean {
  let signature: ts.Node | undefined = any.parent;
  if (signature && ts.isArrayTypeNode(signature)) signature = signature.parent;
  if (signature && ts.isParameter(signature)) signature = signature.parent;
  if (!signature || !(ts.isFunctionTypeNode(signature) || ts.isConstructorTypeNode(signature)) || !isAnyFunction(signature)) return false;
  let node = signature.parent;
  while (ts.isParenthesizedTypeNode(node) || ts.isUnionTypeNode(node)) node = node.parent;
  return ts.isTypeAliasDeclaration(node);
}

function isAnyFunction(type: ts.FunctionTypeNode | ts.ConstructorTypeNode): boolean {
  const [rest, ...more] = type.parameters;
  const restType = rest?.type;
  const anyRest = restType !== undefined && (restType.kind === ts.SyntaxKind.AnyKeyword || (ts.isArrayTypeNode(restType) && restType.elementType.kind === ts.SyntaxKind.AnyKeyword));
  return type.type.kind === ts.SyntaxKind.AnyKeyword && more.length === 0 && rest?.dotDotDotToken !== undefined && anyRest;
}

/** `value as any as T` (or `<T><any>value`): the `any` of the inner assertion. */
function isDoubleAssertion(any: ts.Node): boolean {
  const assertion = any.parent;
  if (!(ts.isAsExpression(assertion) || ts.isTypeAssertionExpression(assertion)) || assertion.type !== any) return false;
  let outer = assertion.parent;
  while (ts.isParenthesizedExpression(outer)) outer = outer.parent;
  return ts.isAsExpression(outer) || ts.isTypeAssertionExpression(outer);
}

/**
 * `(..._args: any[]) => {}`: a parameter its function never reads (and has a body to say so): the
 * `any` reaches nothing. Compared by name, so a shadowing name elsewhere in the body keeps the finding.
 */
function isUnusedParameter(any: ts.Node): boolean {
  let parameter = any.parent;
  if (ts.isArrayTypeNode(parameter)) parameter = parameter.parent;
  if (!ts.isParameter(parameter) || parameter.type === undefined || !ts.isIdentifier(parameter.name)) return false;
  const body = (parameter.parent as ts.SignatureDeclaration & { body?: ts.Node }).body;
  if (!body) return false;
  const name = parameter.name.text;
  let read = false;
  const visit = (node: ts.Node): void => {
    if (read) return;
    if (ts.isIdentifier(node) && node.text === name) read = true;
    else ts.forEachChild(node, visit);
  };
  visit(body);
  return !read;
}

/** What is `any`, in words: "Parameter `raw` is typed `any`", "`as any`", "A type argument is `any`". */
function describe(parent: ts.Node | undefined): string {
  if (parent && (ts.isParameter(parent) || ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isPropertySignature(parent)) && ts.isIdentifier(parent.name)) {
    const kind = ts.isParameter(parent) ? 'Parameter' : ts.isVariableDeclaration(parent) ? 'Variable' : 'Property';
    return `${kind} \`${parent.name.text}\` is typed \`any\``;
  }
  if (parent && (ts.isAsExpression(parent) || ts.isTypeAssertionExpression(parent))) return 'A type assertion to `any`';
  if (parent && ts.isFunctionLike(parent)) return 'The return type is `any`';
  if (parent && (ts.isTypeReferenceNode(parent) || ts.isExpressionWithTypeArguments(parent))) return 'A type argument is `any`';
  if (parent && ts.isArrayTypeNode(parent)) return 'An array of `any`';
  return 'A type is `any`';
}
