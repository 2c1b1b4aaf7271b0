/** When two keybindings on the same key cannot both be active: one's when-clause rules out the other's. */

/** Whether `ours` rules out every alternative of `theirs`: each `a && b` of `theirs` has a condition `ours` negates. */
export function excludedBy(ours: string, theirs: string): boolean {
  const negated = new Set(ours.split('&&').map((part) => part.trim()).filter((part) => part.startsWith('!')).map((part) => part.slice(1)));
  return theirs.trim() !== '' && theirs.split('||').every((alternative) => alternative.split('&&').some((part) => negated.has(part.trim())));
}
