import { createHmac, timingSafeEqual } from 'node:crypto';

/** The header X signs every webhook POST with (lower-cased, as Lambda and hono hand it over). */
export const X_SIGNATURE_HEADER = 'x-twitter-webhooks-signature';

const PREFIX = 'sha256=';
/** A base64 SHA-256 digest is always 43 characters plus one `=` of padding. */
const HEADER_PATTERN = /^sha256=([A-Za-z0-9+/]{43}=)$/;

/** `sha256=<base64 HMAC-SHA256(consumer secret, raw body)>`: what X sends, and what the simulator signs with. */
export function signXBody(rawBody: Uint8Array | string, consumerSecret: string): string {
  const data = typeof rawBody === 'string' ? Buffer.from(rawBody, 'utf8') : rawBody;
  return PREFIX + createHmac('sha256', consumerSecret).update(data).digest('base64');
}

/**
 * True when `header` is X's signature of exactly these bytes. The body must be the raw request
 * bytes: a re-serialised JSON.parse result does not verify. Base64, not hex like Meta.
 */
export function verifyXSignature(
  rawBody: Uint8Array,
  header: string | null | undefined,
  consumerSecret: string,
): boolean {
  // An empty secret would let anyone sign: treat it as not configured.
  if (!consumerSecret) return false;
  const match = header ? HEADER_PATTERN.exec(header.trim()) : null;
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'base64');
  const expected = createHmac('sha256', consumerSecret).update(rawBody).digest();
  return timingSafeEqual(received, expected);
}
