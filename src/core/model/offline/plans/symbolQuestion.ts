/**
 * Questions about one name that the offline model can answer from TypeScript's language service:
 * "where is Board defined?", "who calls moveCard?", "where is `Board.moveCard` used", "references
 * to Board", "callers of moveCard()". Read by fixed patterns, so the same words always mean the
 * same question; anything else is not a symbol question.
 */

/** What the person asked about a name. */
export interface SymbolQuestion {
  /** An identifier, or `Class.member`. */
  readonly symbol: string;
  /** `definition`: where it is declared; `callers`: who calls or uses it (the answer gives both). */
  readonly asks: 'definition' | 'callers';
}

const name = String.raw`\`?([A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)*)(?:\(\))?\`?`;
const kind = String.raw`(?:(?:the\s+)?(?:class|function|method|type|interface|const(?:ant)?|variable|enum|symbol)\s+)?`;

const patterns: readonly { readonly pattern: RegExp; readonly asks: SymbolQuestion['asks'] }[] = [
  { pattern: new RegExp(String.raw`\bwhere\s+(?:is|are)\s+${kind}${name}\s+(?:defined|declared|implemented)\b`, 'i'), asks: 'definition' },
  { pattern: new RegExp(String.raw`\bwhere\s+${kind}${name}\s+is\s+(?:defined|declared|implemented)\b`, 'i'), asks: 'definition' },
  { pattern: new RegExp(String.raw`\b(?:definition|declaration)\s+of\s+${kind}${name}`, 'i'), asks: 'definition' },
  { pattern: new RegExp(String.raw`\bwhere\s+(?:is|are)\s+${kind}${name}\s+(?:used|called|referenced|imported)\b`, 'i'), asks: 'callers' },
  { pattern: new RegExp(String.raw`\bwhere\s+${kind}${name}\s+is\s+(?:used|called|referenced|imported)\b`, 'i'), asks: 'callers' },
  { pattern: new RegExp(String.raw`\b(?:who|what|which\s+\w+)\s+(?:calls|uses|references|imports)\s+${kind}${name}`, 'i'), asks: 'callers' },
  { pattern: new RegExp(String.raw`\b(?:references|usages|uses|callers|calls)\s+(?:to|of)\s+${kind}${name}`, 'i'), asks: 'callers' },
];

/** Words that fill the name's place without naming anything the language service could find. */
const notNames = new Set(['it', 'this', 'that', 'these', 'those', 'they', 'them', 'he', 'she', 'something', 'everything', 'anything', 'what', 'the', 'a', 'an']);

const fileLike = /\.(?:[cm]?[jt]sx?|json|md)$/i;

/** The symbol question in `text`, if it is one. */
export function readSymbolQuestion(text: string): SymbolQuestion | undefined {
  for (const { pattern, asks } of patterns) {
    const symbol = pattern.exec(text)?.[1];
    // `board.ts` reads like `Class.member`, but it names a file.
    if (symbol && !notNames.has(symbol.toLowerCase()) && !fileLike.test(symbol)) return { symbol, asks };
  }
  return undefined;
}
