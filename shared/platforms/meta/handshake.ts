import { createHash, timingSafeEqual } from 'node:crypto';

/** What the webhook answers to Meta's GET subscription check; the body is sent as text/plain. */
export interface MetaHandshakeResult {
  status: 200 | 400 | 403;
  body: string;
}

/**
 * Meta's subscription handshake: `GET ?hub.mode=subscribe&hub.verify_token=...&hub.challenge=...`
 * is answered with the raw challenge when the token is ours. Pure and free of I/O so that it stays
 * fast on a cold start.
 */
export function answerMetaHandshake(
  query: Readonly<Record<string, string | undefined>>,
  verifyToken: string,
): MetaHandshakeResult {
  const mode = query['hub.mode'];
  const token = query['hub.verify_token'];
  const challenge = query['hub.challenge'];
  if (!mode || !token || !challenge) {
    return { status: 400, body: 'hub.mode, hub.verify_token and hub.challenge are required' };
  }
  if (mode !== 'subscribe' || !verifyToken || !sameSecret(token, verifyToken)) {
    return { status: 403, body: '' };
  }
  return { status: 200, body: challenge };
}

/** Constant-time equality that also hides the length of the configured token. */
function sameSecret(received: string, configured: string): boolean {
  const a = createHash('sha256').update(received).digest();
  const b = createHash('sha256').update(configured).digest();
  return timingSafeEqual(a, b);
}
