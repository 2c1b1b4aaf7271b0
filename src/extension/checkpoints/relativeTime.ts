/** How long ago a checkpoint was taken, as a picker shows it ("just now", "5 minutes ago", "yesterday"). No `vscode` import, so Node tests can check it. */

const units: readonly (readonly [limit: number, size: number, name: string])[] = [
  [60 * 60_000, 60_000, 'minute'],
  [24 * 60 * 60_000, 60 * 60_000, 'hour'],
  [30 * 24 * 60 * 60_000, 24 * 60 * 60_000, 'day'],
  [365 * 24 * 60 * 60_000, 30 * 24 * 60 * 60_000, 'month'],
  [Number.POSITIVE_INFINITY, 365 * 24 * 60 * 60_000, 'year'],
];

/** `then` relative to `now`, both in milliseconds since the epoch. A time in the future (a skewed clock) reads "just now". */
export function relativeTime(then: number, now: number): string {
  const elapsed = now - then;
  if (elapsed < 60_000) return 'just now';
  for (const [limit, size, name] of units) {
    if (elapsed < limit) {
      const count = Math.floor(elapsed / size);
      if (name === 'day' && count === 1) return 'yesterday';
      return `${count} ${name}${count === 1 ? '' : 's'} ago`;
    }
  }
  return 'long ago';
}
