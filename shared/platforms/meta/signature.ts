import { createHmac, timingSafeEqual } from 'node:crypto';

const HEADER_PATTERN = /^sha256=([0-9a-f]{64})$/i;

/**
 * Checks Meta's `X-Hub-Signature-256: sha256=<hex>` header: an HMAC-SHA256 of the exact raw body
 * bytes as received (Meta signs the `\uXXXX`-escaped payload, so a re-serialised JSON body never
 * verifies). Accepts when any configured secret matches: the Meta app secret and, for apps using
 * "Business Login for Instagram", the Instagram app secret, which signs those deliveries instead.
 */
export function verifyMetaSignature(
  rawBody: Uint8Array,
  header: string | null | undefined,
  secrets: readonly string[],
): boolean {
  const match = header ? HEADER_PATTERN.exec(header.trim()) : null;
  if (!match?.[1]) return false;
  const received = Buffer.from(match[1], 'hex');
  let verified = false;
  for (const secret of secrets) {
    // An empty secret would let anyone sign: treat it as not configured.
    if (!secret) continue;
    const expected = createHmac('sha256', secret).update(rawBody).digest();
    // No early exit: every configured secret is checked, whichever one matches.
    if (timingSafeEqual(expected, received)) verified = true;
  }
  return verified;
}

/** The `X-Hub-Signature-256` header value Meta would send for this body (simulator and tests). */
export function signMetaBody(rawBody: Uint8Array | string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`;
}
