/** The hash a change records of the text it was proposed against: sha-256 of its UTF-8, in hex. */
import { createHash } from 'node:crypto';

export function textHash(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}
