import { PlatformError } from '../client.js';

/** X ids (posts, users, DM events) are decimal digits, often above 2^53. */
export const X_ID_PATTERN = /^\d{1,32}$/;

/**
 * The X Activity API's `event_uuid`: a signed 64-bit number in every payload seen so far
 * (`-3402274206530057851`); the name allows a UUID, so that shape is accepted too.
 */
export const X_EVENT_UUID_PATTERN =
  /^(?:-?\d{1,20}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/;

export const isXId = (value: string): boolean => X_ID_PATTERN.test(value);

/** An X id as a URL path segment; anything else is refused before a URL is built. */
export function xIdSegment(id: string): string {
  if (!isXId(id))
    throw new PlatformError('invalid_request', `not an X id: ${JSON.stringify(id.slice(0, 64))}`);
  return encodeURIComponent(id);
}
