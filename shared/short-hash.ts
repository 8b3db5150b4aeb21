import { createHash } from 'node:crypto';

/** 32 hex characters of the SHA-256 of the parts: the stable ids of hand-offs, cases and agents' replies. */
export function shortHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}
