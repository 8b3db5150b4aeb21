import type { ReplyLookup, ReplyQuery } from './client.js';

/** A comment, post or message as a platform lists it, reduced to what identifies our reply. */
export interface PlatformItem {
  id: string;
  authorId: string;
  text: string;
  /** epoch ms; NaN when the platform did not say */
  createdAt: number;
}

/** Our clock and the platform's may disagree by this much. */
const CLOCK_SKEW_MS = 120_000;

/**
 * Platforms rewrite links (X shortens every URL to t.co) and trim whitespace: texts are compared
 * with each link replaced by a placeholder and whitespace collapsed.
 */
function comparableText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Our reply among a page of items, newest first: by our account, with our text, not older than the
 * attempt. Not on the page while the page's oldest item is still newer than the attempt and more
 * pages exist: it could be further back, so the look cannot tell.
 */
export function pickOurReply(
  items: readonly PlatformItem[],
  accountId: string,
  query: ReplyQuery,
  morePages: boolean,
): ReplyLookup {
  const earliest = query.since - CLOCK_SKEW_MS;
  const text = comparableText(query.text);
  const ours = items.find(
    (item) =>
      item.id !== '' &&
      item.authorId === accountId &&
      item.createdAt >= earliest &&
      comparableText(item.text) === text,
  );
  if (ours) return { outcome: 'found', id: ours.id };
  const oldest = Math.min(...items.map((item) => item.createdAt).filter(Number.isFinite));
  if (morePages && oldest >= earliest) {
    return { outcome: 'unknown', why: 'more replies arrived since the attempt than one look shows' };
  }
  return { outcome: 'absent' };
}

/** Readers for platform JSON: a list of objects, an object, a string (empty when absent). */
export function listOf(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.map(recordOf) : [];
}

export function recordOf(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

export function stringOf(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
