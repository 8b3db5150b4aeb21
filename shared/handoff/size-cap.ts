import { QUEUE_MAX_MESSAGE_BYTES, queueBodyBytes, serialiseQueueBody } from '../aws/queue-body.js';
import type { HandoffMessage, TranscriptEntry } from './schema.js';

/** Below the hand-off queue's maximum message size, with room to spare. */
export const HANDOFF_MAX_BYTES = QUEUE_MAX_MESSAGE_BYTES - 1024;

const fits = (message: HandoffMessage, maxBytes: number) =>
  queueBodyBytes(serialiseQueueBody(message)) <= maxBytes;

/**
 * The hand-off as it can go on the queue: when its serialised form is larger than `maxBytes`, the
 * transcript is shortened from the oldest message and `transcriptOmitted` says how many were left
 * out; should the newest message alone still be too large, its text is cut (`textTruncated`).
 * A hand-off is never dropped for its size: a person must see the case.
 */
export function capHandoffSize(message: HandoffMessage, maxBytes = HANDOFF_MAX_BYTES): HandoffMessage {
  if (fits(message, maxBytes)) return message;
  const { transcript } = message;
  const already = message.transcriptOmitted ?? 0;
  const withoutOldest = (omitted: number): HandoffMessage => ({
    ...message,
    transcript: transcript.slice(omitted),
    transcriptOmitted: already + omitted,
  });
  // The newest message always stays. The size shrinks with every message left out: the fewest
  // that make it fit, by bisection.
  let low = 1;
  let high = transcript.length - 1;
  if (high < 1) return withNewestTextCut(message, maxBytes);
  if (!fits(withoutOldest(high), maxBytes)) return withNewestTextCut(withoutOldest(high), maxBytes);
  while (low < high) {
    const middle = Math.floor((low + high) / 2);
    if (fits(withoutOldest(middle), maxBytes)) high = middle;
    else low = middle + 1;
  }
  return withoutOldest(low);
}

const CUT_MARKER = ' […]';

function withNewestTextCut(message: HandoffMessage, maxBytes: number): HandoffMessage {
  const newest = message.transcript.at(-1);
  if (!newest) return message;
  const characters = Array.from(newest.text);
  const cutTo = (length: number): HandoffMessage => {
    const entry: TranscriptEntry = {
      ...newest,
      text: `${characters.slice(0, length).join('')}${CUT_MARKER}`,
      textTruncated: true,
    };
    return { ...message, transcript: [...message.transcript.slice(0, -1), entry] };
  };
  let low = 0;
  let high = characters.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (fits(cutTo(middle), maxBytes)) low = middle;
    else high = middle - 1;
  }
  return cutTo(low);
}
