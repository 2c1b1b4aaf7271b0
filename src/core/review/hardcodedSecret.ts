/**
 * hardcoded-secret: credentials written into the source. Two ways to tell:
 *
 * - by value format, whatever the name (secretFormats.ts): AWS access key ids (and a 40-character
 *   AWS secret in the same file), PEM private keys, GitHub, Slack, Stripe, Anthropic and Google
 *   keys, JWTs — confidence high;
 * - by name and value, for formats nobody can recognise: a name whose words (camelCase, snake_case,
 *   kebab-case; whole words, never stemmed) say it holds a credential — `password`, `clientSecret`,
 *   `apiKey`, `accessKey` — set to a random-looking string — confidence medium.
 *
 * Placeholders are not findings: documented example keys, masks (`xxxx`, `****`, `0000`),
 * `<your key>`, `${…}`, `changeme`, `your-api-key`, environment variable names, paths, URLs
 * without a password, empty strings. A `process.env.X` read is not a literal, so never one. The
 * value is never repeated in the finding.
 */
import * as ts from 'typescript';
import { finding, forEachNode, type AnalyzedFinding, type Analyzer, type AnalyzerInput } from './analyzer';
import { awsSecretPattern, isPlaceholderPart, knownSecrets } from './secretFormats';

export const hardcodedSecret: Analyzer = {
  name: 'hardcoded-secret',
  description: 'credentials (keys, tokens, private keys, passwords) written into the source',
  security: true,
  analyze(input) {
    const values = stringValues(input.sourceFile);
    const formatted = values.map((value) => ({ value, matches: knownSecrets(value.text) }));
    const awsKeyInFile = formatted.some(({ matches }) => matches.some((match) => match.kind === 'an AWS access key id'));
    const found: AnalyzedFinding[] = [];
    for (const { value, matches } of formatted) {
      const name = holderName(value.node);
      const [first] = matches;
      if (first) found.push(report(input, value, name, first.kind, 'high', matches.length === 1 ? first : undefined));
      else if (awsKeyInFile && awsSecretPattern.test(value.text) && !isPlaceholderPart(value.text)) found.push(report(input, value, name, 'an AWS secret access key', 'high'));
      else if (name !== undefined && namesSecret(name) && looksLikeCredential(value.text)) found.push(report(input, value, name, 'a hard-coded credential', 'medium'));
    }
    return found;
  },
};

/** A string in the source: a literal, a template's text, or a `+` chain of them, taken whole (a PEM block is often concatenated). */
interface StringValue {
  readonly node: ts.Expression;
  /** The text, substitutions replaced by `${}` (never a credential character). */
  readonly text: string;
  /** The literal itself, when the value is one (to underline a key inside it). */
  readonly literal?: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;
}

function stringValues(sourceFile: ts.SourceFile): StringValue[] {
  const values: StringValue[] = [];
  forEachNode(sourceFile, (node) => {
    // Most nodes are not strings: that is the cheap question, so it is asked first.
    const text = stringText(node);
    if (text === undefined || text.length === 0 || isPartOfLargerString(node)) return;
    values.push({ node: node as ts.Expression, text, ...(ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node) ? { literal: node } : {}) });
  });
  return values;
}

/** The text of a string expression; undefined when it is not one. */
function stringText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `\${}${span.literal.text}`).join('');
  if (ts.isParenthesizedExpression(node)) return stringText(node.expression);
  if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.PlusToken) {
    const left = stringText(node.left);
    const right = stringText(node.right);
    return left === undefined && right === undefined ? undefined : `${left ?? '${}'}${right ?? '${}'}`;
  }
  return undefined;
}

/** Inside a `+` chain or a template that is itself a string value: that one is checked whole. */
function isPartOfLargerString(node: ts.Node): boolean {
  const parent = node.parent;
  if (!parent) return false;
  if (ts.isParenthesizedExpression(parent) || (ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.PlusToken)) return stringText(parent as ts.Expression) !== undefined;
  return ts.isTemplateSpan(parent) || ts.isTemplateExpression(parent);
}

function report(input: AnalyzerInput, value: StringValue, name: string | undefined, kind: string, confidence: 'high' | 'medium', match?: { start: number; end: number }): AnalyzedFinding {
  // One credential inside a longer literal (a URL, a header) is underlined alone; a whole value, quotes and all.
  const literal = value.literal;
  const inside = literal && match && (match.start > 0 || match.end < literal.text.length) && literal.getText(input.sourceFile).length === literal.text.length + 2;
  const start = inside ? literal.getStart(input.sourceFile) + 1 + match.start : 0;
  const site = inside ? { start, end: start + (match.end - match.start) } : value.node;
  const holder = name === undefined ? 'This string' : `\`${name}\``;
  return finding(input, site, {
    severity: 'error',
    rule: 'hardcoded-secret',
    message: `${holder} holds ${kind} written into the source; anyone who can read the code or its history has it.`,
    suggestion: 'Read it from the environment (process.env) or a secret store (VS Code SecretStorage), and rotate the exposed value.',
    confidence,
  });
}

/** The name a value is given: a variable, property, parameter or assignment target; undefined otherwise. */
function holderName(value: ts.Expression): string | undefined {
  let node: ts.Node = value;
  while (node.parent && (ts.isParenthesizedExpression(node.parent) || ts.isAsExpression(node.parent) || ts.isSatisfiesExpression(node.parent))) node = node.parent;
  const parent = node.parent;
  let name: ts.Node | undefined;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyDeclaration(parent) || ts.isParameter(parent) || ts.isPropertyAssignment(parent)) && parent.initializer === node) name = parent.name;
  else if (parent && ts.isBinaryExpression(parent) && parent.operatorToken.kind === ts.SyntaxKind.EqualsToken && parent.right === node) {
    name = ts.isPropertyAccessExpression(parent.left) ? parent.left.name : ts.isElementAccessExpression(parent.left) ? parent.left.argumentExpression : parent.left;
  } else if (parent && ts.isJsxAttribute(parent)) name = parent.name;
  if (!name) return undefined;
  return ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteralLike(name) ? name.text : undefined;
}

/** `awsAccessKeyId`, `API_KEY`, `client-secret` → lower-case whole words (no stemming: `access` stays `access`). */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase());
}

const secretWords = new Set(['token', 'tokens', 'secret', 'secrets', 'password', 'passwords', 'passwd', 'pwd', 'passphrase', 'credential', 'credentials', 'apikey', 'apikeys', 'accesskey', 'privatekey']);
/** `key` is a credential only after one of these: `apiKey`, `accessKey`, `privateKey`; not `cacheKey`. */
const keyQualifiers = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption', 'client', 'master', 'auth']);
/** A last word that says the name is about the credential, not the credential: `tokenUrl`, `passwordField`. */
const describingWords = new Set(['name', 'names', 'type', 'kind', 'url', 'uri', 'endpoint', 'path', 'file', 'field', 'label', 'prompt', 'placeholder', 'header', 'env', 'var', 'variable', 'length', 'pattern', 'regex', 'format', 'hint', 'message', 'policy', 'mode', 'provider', 'storage', 'scope', 'scopes', 'expiry', 'ttl']);

/** A first word that makes the name an action on a credential (`setApiKey`, `isPasswordValid`), not one. */
const actionWords = new Set(['set', 'get', 'has', 'is', 'delete', 'remove', 'clear', 'store', 'save', 'read', 'load', 'prompt', 'ask', 'enter', 'reset', 'rotate', 'validate', 'check', 'on']);
/** Before `token(s)`: a count of a model's tokens (`maxTokens`, `usageInputTokens`), not a credential. */
const tokenCounts = new Set(['input', 'output', 'max', 'min', 'total', 'prompt', 'completion', 'cache', 'usage', 'count', 'num', 'remaining', 'thinking', 'reasoning']);

/** Whether a name says it holds a credential. */
export function namesSecret(name: string): boolean {
  const words = nameWords(name);
  if (describingWords.has(words.at(-1) ?? '') || actionWords.has(words[0] ?? '')) return false;
  return words.some((word, index) => {
    const before = words[index - 1] ?? '';
    if (word === 'token' || word === 'tokens') return !tokenCounts.has(before);
    return secretWords.has(word) || (word === 'key' && keyQualifiers.has(before));
  });
}

/** Values that are obviously not a real credential: placeholders, masks, templates, example text. */
const placeholder = /^(?:changeme|change-me|change_me|password|secret|token|todo|none|null|undefined|test|dummy|example.*|.*example|your[-_ ].*|<.*>|\$\{.*\}|\{\{.*\}\}|%[A-Z_]+%)$/i;

/** Shannon entropy of a string, in bits per character. */
function entropy(text: string): number {
  const counts = new Map<string, number>();
  for (const char of text) counts.set(char, (counts.get(char) ?? 0) + 1);
  let bits = 0;
  for (const count of counts.values()) bits -= (count / text.length) * Math.log2(count / text.length);
  return bits;
}

/**
 * A random-looking value under a credential name: 8+ characters, two kinds of character, 3+ bits
 * of entropy each, not a placeholder and not a dotted name made only of letters.
 */
export function looksLikeCredential(value: string): boolean {
  if (value.length < 8 || /\s|\$\{\}/.test(value) || placeholder.test(value) || isPlaceholderPart(value)) return false;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false; // the *name* of an environment variable
  if (/^(?:\.{0,2}\/|~\/)/.test(value)) return false; // a path
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(value) && !/:[^/@]+@/.test(value)) return false; // a URL without user:password
  // Letters joined by dots, dashes or slashes name something (`nova.anthropicApiKey`, `gen_ai.usage.input_tokens`).
  if (/^[A-Za-z_]+(?:[.:/-][A-Za-z_]+)*$/.test(value)) return false;
  const classes = [/[a-z]/, /[A-Z]/, /[0-9]/, /[^A-Za-z0-9]/].filter((pattern) => pattern.test(value)).length;
  return classes >= 2 && entropy(value) >= 3;
}
