import { PlatformError } from '../client.js';

/**
 * The shapes of Meta's ids. Graph object ids (pages, users' PSIDs and IGSIDs, Instagram accounts,
 * media and comments, apps) are decimal digits; Facebook posts and comments are
 * `<owner>_<object>`. Message ids come in several documented and observed shapes: `m_…`
 * (Messenger since 2019), `mid.<time>:<hex>` and `mid.$…` (older Messenger), Instagram's base64
 * `aWdf…`: letters, digits and `_ - . : $ + / =`.
 */
export const GRAPH_ID_PATTERN = /^\d{1,32}(?:_\d{1,32})?$/;
export const MESSAGE_ID_PATTERN = /^[\w.:$+/=-]{1,1024}$/;

export const isGraphId = (value: string): boolean => GRAPH_ID_PATTERN.test(value);

/**
 * A Graph id as a URL path segment. Anything else is refused before a URL is built: a path is
 * never made of an unchecked string (`../`, `?`, `#` or a stray character would change the call).
 */
export function graphIdSegment(id: string): string {
  if (!isGraphId(id)) {
    throw new PlatformError('invalid_request', `not a Graph id: ${JSON.stringify(id.slice(0, 64))}`);
  }
  return encodeURIComponent(id);
}
