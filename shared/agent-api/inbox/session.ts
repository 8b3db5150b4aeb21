import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type Access, accessOfKey } from '../../agents/access.js';
import type { AgentKey } from '../../agents/api-keys.js';

/**
 * Inbox session cookies: the agent, an expiry, a fingerprint of the key the agent signed in with
 * and a random session id, signed with HMAC. The signing key is derived from the configured key
 * hashes (the `AGENT_API_KEYS` secret), so every Lambda instance agrees on it, and rotating or
 * removing an agent's key ends that agent's sessions: the fingerprint no longer matches. Sign-out
 * is recorded on the server by session id (`InboxSessions`).
 */
export const SESSION_COOKIE = 'inbox_session';
export const SESSION_HOURS = 8;

export interface Session {
  agentId: string;
  sessionId: string;
  expiresAt: Date;
  /** the value every form and fetch sends back (CSRF): bound to this session */
  csrfToken: string;
  /** the role and brands of the key signed in with, as configured now */
  access: Access;
}

const fingerprint = (hash: Buffer) => hash.toString('hex').slice(0, 16);

export class SessionSigner {
  private readonly secret: Buffer;

  constructor(private readonly keys: readonly AgentKey[]) {
    const material = keys.map((k) => `${k.agentId}:${k.hash.toString('hex')}`).sort();
    this.secret = createHash('sha256')
      .update(['inbox-session', ...material].join('\n'))
      .digest();
  }

  private mac(purpose: string, value: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\n${value}`).digest('base64url');
  }

  /** A new session for an agent who just presented a valid key: its id, expiry and cookie value. */
  issue(agentId: string, keyHash: Buffer, now: Date) {
    const expires = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
    const sessionId = randomBytes(16).toString('base64url');
    const payload = `${agentId}.${expires}.${fingerprint(keyHash)}.${sessionId}`;
    return {
      sessionId,
      expiresAt: new Date(expires * 1000),
      cookie: `${payload}.${this.mac('session', payload)}`,
    };
  }

  /** The session a cookie value stands for, or undefined when forged, expired or revoked. */
  verify(token: string | undefined, now: Date): Session | undefined {
    if (!token || token.length > 300) return undefined;
    // agent ids may contain dots: the four fields after the id are counted from the end
    const parts = token.split('.');
    if (parts.length < 5) return undefined;
    const [expires = '', keyPrint = '', sessionId = '', mac = ''] = parts.slice(-4);
    const agentId = parts.slice(0, -4).join('.');
    const payload = `${agentId}.${expires}.${keyPrint}.${sessionId}`;
    if (!equal(mac, this.mac('session', payload))) return undefined;
    const expiresAt = new Date(Number(expires) * 1000);
    if (!(expiresAt.getTime() > now.getTime())) return undefined;
    const key = this.keys.find((k) => k.agentId === agentId && fingerprint(k.hash) === keyPrint);
    if (!key) return undefined;
    return { agentId, sessionId, expiresAt, csrfToken: this.mac('csrf', token), access: accessOfKey(key) };
  }
}

export function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
