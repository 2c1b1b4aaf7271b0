/**
 * Secrets Nova must never write anywhere: the API key, and the forms a server or library could
 * echo it in (base64 at any byte alignment, URL-encoded). One process-wide list, because what must
 * be scrubbed reaches writers that never see the model — the trace recorder, the SDK's logger, an
 * error message — and a key registered once is then scrubbed from all of them.
 */

/** What a secret is replaced with. */
export const redactedMark = '[redacted]';

/** Shorter values are not secrets worth scrubbing, and scrubbing them would mangle ordinary text. */
const shortestSecret = 8;
const secrets = new Set<string>();
/** Every form of every secret, longest first so a longer form is replaced before a part of it. */
let forms: readonly string[] = [];

/** Adds a secret: from now on {@link scrubSecrets} replaces it and its encodings. */
export function registerSecret(secret: string): void {
  const value = secret.trim();
  if (value.length < shortestSecret || secrets.has(value)) return;
  secrets.add(value);
  const all = new Set(forms);
  for (const form of encodingsOf(value)) if (form.length >= shortestSecret) all.add(form);
  forms = [...all].sort((a, b) => b.length - a.length);
}

/** `text` with every registered secret, in every form, replaced by {@link redactedMark}. */
export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const form of forms) if (scrubbed.includes(form)) scrubbed = scrubbed.split(form).join(redactedMark);
  return scrubbed;
}

/**
 * `value` with every string in it scrubbed, at any depth of arrays and plain objects. Returns the
 * same object when nothing in it changed, so a clean span is not copied.
 */
export function scrubDeep<T>(value: T): T {
  return forms.length === 0 ? value : (scrubValue(value, new WeakSet()) as T);
}

function scrubValue(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return scrubSecrets(value);
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) {
    const items = value.map((item) => scrubValue(item, seen));
    return items.some((item, index) => item !== value[index]) ? items : value;
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) return value;
  let copy: Record<string, unknown> | undefined;
  for (const [key, item] of Object.entries(value)) {
    const scrubbed = scrubValue(item, seen);
    if (scrubbed === item) continue;
    copy ??= { ...value };
    copy[key] = scrubbed;
  }
  return copy ?? value;
}

/**
 * The secret as it could appear in text: itself, URL-encoded, and its base64 (standard and URL
 * alphabets) at each of the three byte alignments it could start at inside a longer encoded value —
 * keeping only the characters that depend on the secret's bytes alone.
 */
function encodingsOf(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const encoded: string[] = [secret, encodeURIComponent(secret)];
  for (let offset = 0; offset < 3; offset++) {
    const padded = Buffer.concat([Buffer.alloc(offset), bytes]);
    const base64 = padded.toString('base64');
    // Characters made only of the secret's bits: from the first that starts after the padding bytes
    // to the last that ends before the secret does.
    const from = Math.ceil((offset * 8) / 6);
    const to = Math.floor((padded.length * 8) / 6);
    const core = base64.slice(from, to);
    encoded.push(core, core.replace(/\+/g, '-').replace(/\//g, '_'));
  }
  return encoded;
}

/**
 * Scrubs text that arrives in pieces (a streamed reply), where a secret may be split across two
 * pieces. It holds back only an ending that could be the start of a secret — usually nothing — so
 * streamed text is not delayed.
 */
export class SecretStreamScrubber {
  #held = '';

  /** The text that is safe to pass on now. */
  push(piece: string): string {
    if (forms.length === 0) return piece;
    const text = scrubSecrets(this.#held + piece);
    const hold = longestSecretStart(text);
    this.#held = text.slice(text.length - hold);
    return text.slice(0, text.length - hold);
  }

  /** What was held back, now that no more text follows: it was not a secret. */
  end(): string {
    const rest = this.#held;
    this.#held = '';
    return rest;
  }
}

/** The length of the longest ending of `text` that a secret form starts with (short of the whole form). */
function longestSecretStart(text: string): number {
  let longest = 0;
  for (const form of forms) {
    for (let length = Math.min(form.length - 1, text.length); length > longest; length--) {
      if (text.endsWith(form.slice(0, length))) {
        longest = length;
        break;
      }
    }
  }
  return longest;
}
