/**
 * Which kind of source text an offset of a TypeScript file lies in: code (identifiers, keywords,
 * punctuation and the whitespace between them), text (a string, template, regular expression or JSX
 * text: characters a person reads as words) or a comment. Rules that judge a character by where it
 * is written (hidden-unicode) ask this; the answer comes from the parsed tree, so a `//` inside a
 * string is text and a quote inside a comment is comment.
 */
import * as ts from 'typescript';

/** Where an offset is, and the span of that string or comment (the whole file for code). */
export interface TextRegion {
  readonly kind: 'code' | 'text' | 'comment';
  readonly start: number;
  readonly end: number;
}

const textKinds: ReadonlySet<ts.SyntaxKind> = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
  ts.SyntaxKind.JsxText,
]);

/** The region of `offset` (0-based UTF-16) in `sourceFile`. */
export function regionAt(sourceFile: ts.SourceFile, offset: number): TextRegion {
  const token = tokenAt(sourceFile, offset);
  if (!token) return { kind: 'code', start: 0, end: sourceFile.text.length };
  if (ts.isJSDoc(token)) return { kind: 'comment', start: token.getStart(sourceFile), end: token.getEnd() };
  const start = token.getStart(sourceFile);
  if (offset >= start) return textKinds.has(token.kind) ? { kind: 'text', start, end: token.getEnd() } : { kind: 'code', start: 0, end: sourceFile.text.length };
  // In the trivia before the token: a comment, or whitespace between tokens (code).
  const text = sourceFile.text;
  const comments = [...(ts.getLeadingCommentRanges(text, token.getFullStart()) ?? []), ...(ts.getTrailingCommentRanges(text, token.getFullStart()) ?? [])];
  const comment = comments.find((range) => range.pos <= offset && offset < range.end);
  return comment ? { kind: 'comment', start: comment.pos, end: comment.end } : { kind: 'code', start: 0, end: text.length };
}

/**
 * The innermost token (or JSDoc comment) whose full span — leading trivia included — holds the
 * offset; undefined past the end of the file.
 */
function tokenAt(sourceFile: ts.SourceFile, offset: number): ts.Node | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const children = node.getChildren(sourceFile);
    if (children.length === 0 || ts.isJSDoc(node) || textKinds.has(node.kind)) return node;
    // A JSDoc comment is a child before the node's own tokens; it wins when it holds the offset.
    const child = children.find((candidate) => candidate.getFullStart() <= offset && offset < candidate.getEnd() && (!ts.isJSDoc(candidate) || candidate.getStart(sourceFile) <= offset));
    if (!child) return node === sourceFile ? undefined : node;
    node = child;
  }
}
