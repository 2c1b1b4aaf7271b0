/** Small helpers shared across the task board modules. */

const MS_PER_DAY = 24 * 60 * 60 * 1000;

/** Formats a Date as an ISO calendar date (YYYY-MM-DD, UTC). */
export function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Parses a YYYY-MM-DD string as a UTC date; returns undefined when invalid. */
export function parseDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) {
    return undefined;
  }
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  // Reject dates that rolled over, e.g. 2024-02-31.
  return formatDate(date) === value ? date : undefined;
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: Date, to: Date): number {
  const start = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
  const end = Date.UTC(to.getUTCFullYear(), to.getUTCMonth(), to.getUTCDate());
  return Math.round((end - start) / MS_PER_DAY);
}

/** Turns a title into a URL-friendly slug. */
export function slugify(text: string): string {
  return text
    .toLowerCase()
    .trim()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

export function normalizeLabel(label: string): string {
  return label.trim().toLowerCase();
}
