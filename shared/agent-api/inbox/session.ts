import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { type Access, accessOfKey } from '../../agents/access.js';
import type { AgentKey } from '../../agents/api-keys.js';

/**
 * Inbox sessions without a session table: the cookie holds the agent, an expiry and a fingerprint
 * of the key the agent signed in with, signed with HMAC. The signing key is derived from the
 * configured key hashes (the `AGENT_API_KEYS` secret), so every Lambda instance agrees on it, and
 * rotating or removing an agent's key ends that agent's sessions: the fingerprint no longer matches.
 */
export const SESSION_COOKIE = 'inbox_session';
export const SESSION_HOURS = 8;

export interface Session {
  agentId: string;
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

  /** The cookie value for an agent who just presented a valid key. */
  issue(agentId: string, keyHash: Buffer, now: Date): string {
    const expires = Math.floor(now.getTime() / 1000) + SESSION_HOURS * 3600;
    const payload = `${agentId}.${expires}.${fingerprint(keyHash)}`;
    return `${payload}.${this.mac('session', payload)}`;
  }

  /** The session a cookie value stands for, or undefined when forged, expired or revoked. */
  verify(token: string | undefined, now: Date): Session | undefined {
    if (!token || token.length > 300) return undefined;
    const parts = token.split('.');
    if (parts.length !== 4) return undefined;
    const [agentId = '', expires = '', keyPrint = '', mac = ''] = parts;
    const payload = `${agentId}.${expires}.${keyPrint}`;
    if (!equal(mac, this.mac('session', payload))) return undefined;
    const expiresAt = new Date(Number(expires) * 1000);
    if (!(expiresAt.getTime() > now.getTime())) return undefined;
    const key = this.keys.find((k) => k.agentId === agentId && fingerprint(k.hash) === keyPrint);
    if (!key) return undefined;
    return { agentId, expiresAt, csrfToken: this.mac('csrf', token), access: accessOfKey(key) };
  }
}

export function equal(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
