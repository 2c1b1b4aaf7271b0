/**
 * Credential formats that are credentials whatever the variable holding them is called: cloud and
 * service keys with a fixed prefix and length, PEM private-key blocks and JWTs. Each format is
 * searched for inside a string (a key in a URL, a `Bearer` header, a multi-line PEM block), and
 * the documented placeholders — AWS's `…EXAMPLE` keys, `ghp_xxxx…`, `sk_live_0000…` — are not
 * credentials.
 */

/** A credential found in a string: what it is and where (UTF-16 offsets into the string). */
export interface SecretMatch {
  readonly kind: string;
  readonly start: number;
  readonly end: number;
}

interface SecretFormat {
  readonly kind: string;
  /** Global, so every occurrence is tried; group 1, when present, is the random part checked for placeholders. */
  readonly pattern: RegExp;
  readonly valid?: (token: string) => boolean;
}

const formats: readonly SecretFormat[] = [
  { kind: 'an AWS access key id', pattern: /\b(?:AKIA|ASIA)([0-9A-Z]{16})\b/g },
  { kind: 'a PEM private key', pattern: /-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----([\s\S]*?)(?:-----END|$)/g, valid: (token) => hasKeyBody(token) },
  { kind: 'a GitHub token', pattern: /\bgh[pousr]_([A-Za-z0-9]{36,255})\b/g },
  { kind: 'a GitHub token', pattern: /\bgithub_pat_([A-Za-z0-9_]{22,255})\b/g },
  { kind: 'a Slack token', pattern: /\bxox[abprs]-([A-Za-z0-9-]{10,250})/g },
  { kind: 'a Stripe live key', pattern: /\b[sr]k_live_([A-Za-z0-9]{20,255})\b/g },
  { kind: 'an Anthropic API key', pattern: /\bsk-ant-([A-Za-z0-9_-]{20,255})/g },
  { kind: 'a Google API key', pattern: /\bAIza([0-9A-Za-z_-]{35})(?![0-9A-Za-z_-])/g },
  { kind: 'a JSON Web Token', pattern: /\b(eyJ[A-Za-z0-9_-]{8,}\.eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+)/g, valid: (token) => jwtHeaderHasAlg(token) },
];

/** An AWS secret access key: 40 characters of base64, upper and lower case and digits (checked only beside an access key id). */
export const awsSecretPattern = /^(?=.*[a-z])(?=.*[A-Z])(?=.*[0-9])[A-Za-z0-9/+]{40}$/;

/** The credentials of known formats in `text`, placeholders left out. */
export function knownSecrets(text: string): SecretMatch[] {
  const found: SecretMatch[] = [];
  for (const format of formats) {
    for (const match of text.matchAll(format.pattern)) {
      const token = match[0];
      const random = match[1] ?? token;
      if (isPlaceholderPart(random) || (format.valid && !format.valid(token))) continue;
      found.push({ kind: format.kind, start: match.index, end: match.index + token.length });
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/**
 * A random part that is a documented placeholder: AWS's `EXAMPLE` keys, or made only of x, X, *,
 * 0, dots, dashes and underscores (masks), or one character repeated.
 */
export function isPlaceholderPart(random: string): boolean {
  const compact = random.replace(/\s+/g, '');
  return /EXAMPLE/.test(compact) || /^[xX*0._-]*$/.test(compact) || new Set(compact).size <= 1;
}

/** A PEM block with a real body: 64 or more base64 characters (header lines aside), not a `...` or `<key>` stand-in. */
function hasKeyBody(block: string): boolean {
  const body = block
    .replace(/^-----BEGIN[^-]*-----/, '')
    .replace(/-----END[\s\S]*$/, '')
    .replace(/^[A-Za-z-]+:.*$/gm, '')
    .replace(/\\n|\s+/g, '');
  return /^[A-Za-z0-9+/=]{64,}$/.test(body) && !isPlaceholderPart(body);
}

/** A JWT's first part decodes to a JSON object with an `alg`. */
function jwtHeaderHasAlg(token: string): boolean {
  const [header] = token.split('.');
  try {
    const parsed: unknown = JSON.parse(Buffer.from(header ?? '', 'base64url').toString('utf8'));
    return typeof parsed === 'object' && parsed !== null && 'alg' in parsed;
  } catch {
    return false;
  }
}
