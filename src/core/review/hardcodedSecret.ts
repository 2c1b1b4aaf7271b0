/**
 * hardcoded-secret: a string literal that looks like a credential, assigned to a name that says it
 * is one (token, secret, password, apiKey…). Both must hold, so ordinary strings next to such names
 * and random-looking strings elsewhere stay quiet. The value is never repeated in the finding.
 */
import * as ts from 'typescript';
import { finding, forEachNode, type AnalyzedFinding, type Analyzer } from './analyzer';

export const hardcodedSecret: Analyzer = {
  name: 'hardcoded-secret',
  description: 'credentials (tokens, secrets, passwords, API keys) written into the source',
  security: true,
  analyze(input) {
    const found: AnalyzedFinding[] = [];
    forEachNode(input.sourceFile, (node) => {
      const site = assignment(node);
      if (!site || !namesSecret(site.name) || !looksLikeCredential(site.value.text)) return;
      found.push(finding(input, site.value, {
        severity: 'error',
        rule: 'hardcoded-secret',
        message: `\`${site.name}\` is set to a hard-coded credential (${site.value.text.slice(0, 4)}…); anyone who can read the code or its history has it.`,
        suggestion: 'Read it from configuration or a secret store (an environment variable, VS Code SecretStorage), and rotate the exposed value.',
      }));
    });
    return found;
  },
};

type StringValue = ts.StringLiteral | ts.NoSubstitutionTemplateLiteral;

/** A name and the string literal assigned to it, for declarations, properties and assignments. */
function assignment(node: ts.Node): { name: string; value: StringValue } | undefined {
  let name: ts.Node | undefined;
  let value: ts.Node | undefined;
  if (ts.isVariableDeclaration(node) || ts.isPropertyDeclaration(node) || ts.isParameter(node)) [name, value] = [node.name, node.initializer];
  else if (ts.isPropertyAssignment(node)) [name, value] = [node.name, node.initializer];
  else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken) {
    [name, value] = [ts.isPropertyAccessExpression(node.left) ? node.left.name : node.left, node.right];
  }
  if (!name || !value || !(ts.isStringLiteral(value) || ts.isNoSubstitutionTemplateLiteral(value))) return undefined;
  const text = ts.isIdentifier(name) || ts.isPrivateIdentifier(name) || ts.isStringLiteral(name) ? name.text : undefined;
  return text ? { name: text, value } : undefined;
}

/** Splits `apiKey`, `API_KEY`, `api-key` into lower-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((word) => word.toLowerCase().replace(/s$/, ''));
}

const secretWords = new Set(['token', 'secret', 'password', 'passwd', 'pwd', 'credential', 'apikey']);
const keyQualifiers = new Set(['api', 'access', 'private', 'secret', 'signing', 'encryption']);

function namesSecret(name: string): boolean {
  const parts = words(name);
  return parts.some((word, index) => secretWords.has(word) || (word === 'key' && index > 0 && keyQualifiers.has(parts[index - 1] ?? '')));
}

/** Well-known credential formats: OpenAI/Anthropic, GitHub, Slack, AWS, Google, GitLab, npm. */
const knownFormats = /^(?:sk-|sk_(?:live|test)_|ghp_|gho_|ghs_|github_pat_|xox[abposr]-|AKIA[0-9A-Z]{12}|AIza|glpat-|npm_)/;
/** Values that are obviously not a real credential: placeholders, masks, templates, env var names. */
const placeholder = /^(?:x+|\*+|\.+|changeme|change-me|password|secret|token|todo|none|null|undefined|test|example.*|your[-_ ].*|<.*>|\$\{.*\}|\{\{.*\}\})$/i;

function looksLikeCredential(value: string): boolean {
  if (value.length < 8 || /\s/.test(value) || placeholder.test(value)) return false;
  if (knownFormats.test(value)) return true;
  if (/^[A-Z][A-Z0-9_]*$/.test(value)) return false; // the *name* of an environment variable
  if (/^[a-z]+:\/\//i.test(value) && !/:[^/@]+@/.test(value)) return false; // a URL without user:password
  return value.length >= 16 && /[a-z]/i.test(value) && /\d/.test(value) && new Set(value).size >= 8;
}
