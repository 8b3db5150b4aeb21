import type { InboundEvent } from '../../events.js';
import { graphemeCount, longerThan } from '../text-limits.js';
import { xWeightedLength } from './text-length.js';

/** Premium accounts post up to 25,000 (weighted) characters; a DM holds up to 10,000. */
const MAX_POST = 25_000;
const MAX_DM = 10_000;

/**
 * X weighs a post (links 23, emoji and CJK 2); our weighing can differ from X's on odd links, so
 * the smaller of it and the plain character count decides: a post X accepted is never refused.
 */
const lenientPostLength = (text: string) => Math.min(graphemeCount(text), xWeightedLength(text));

/** The reason to refuse an X event whose text is longer than X allows, if it is. */
export function xTextTooLong(event: Pick<InboundEvent, 'channel' | 'text'>): string | undefined {
  if (event.channel === 'dm') {
    return longerThan(MAX_DM, event.text) ? `DM text longer than X allows (${MAX_DM} characters)` : undefined;
  }
  return longerThan(MAX_POST, event.text, lenientPostLength)
    ? `post text longer than X allows (${MAX_POST} weighted characters)`
    : undefined;
}
