import type { InboundEvent } from '../../events.js';
import { longerThan } from '../text-limits.js';

/**
 * The longest text a person can write on Meta's platforms, in characters: Facebook comments
 * 8,000, posts 63,206, Messenger messages 20,000; Instagram comments (and captions) 2,200.
 * Sources: Meta's help pages as summarised by character counters and publishing tools (Dec
 * 2026); Meta's API docs state only what an app may send. For Instagram DMs no source states
 * what a person may write (1,000 bytes is the limit for what an app sends), and a bound too
 * narrow would drop a real customer's message: Messenger's bound is used.
 */
const MAX_TEXT: Readonly<Record<'facebook' | 'instagram', Readonly<Record<string, number>>>> = {
  facebook: { comment: 8_000, post: 63_206, dm: 20_000 },
  instagram: { comment: 2_200, post: 2_200, dm: 20_000 },
};

/** The reason to refuse an event whose text is longer than its platform allows, if it is. */
export function metaTextTooLong(
  event: Pick<InboundEvent, 'platform' | 'channel' | 'text'>,
): string | undefined {
  if (event.platform === 'x') return undefined;
  const max = MAX_TEXT[event.platform][event.channel];
  if (max === undefined || !longerThan(max, event.text)) return undefined;
  return `text longer than ${event.platform} allows in a ${event.channel} (${max} characters)`;
}
