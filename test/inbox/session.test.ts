import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalStack, startLocalStack } from '../../infra/local/stack.js';
import { createInboxApp } from '../../shared/agent-api/inbox/app.js';
import { SESSION_COOKIE, SESSION_HOURS, SessionSigner } from '../../shared/agent-api/inbox/session.js';
import { InboxSessions } from '../../shared/agent-api/inbox/session-records.js';
import { hashApiKey, newApiKey, parseAgentKeys } from '../../shared/agents/api-keys.js';
import { dynamo } from '../../shared/aws/dynamo.js';
import { collectingLog } from '../helpers/system.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const HOUR = 3_600_000;

function keysFor(entries: Record<string, string>) {
  return parseAgentKeys(
    JSON.stringify(Object.fromEntries(Object.entries(entries).map(([a, k]) => [a, hashApiKey(k)]))),
  );
}

describe('inbox session cookies', () => {
  const aliceKey = newApiKey();
  const keys = keysFor({ alice: aliceKey, bob: newApiKey(), 'carol.smith': newApiKey() });
  const keyOf = (agentId: string) => {
    const key = keys.find((k) => k.agentId === agentId);
    if (!key) throw new Error(`no key for ${agentId}`);
    return key;
  };
  const signer = new SessionSigner(keys);
  const issued = signer.issue('alice', keyOf('alice').hash, NOW);
  const token = issued.cookie;

  it('name the agent and the session until they expire, with a CSRF token bound to the session', () => {
    const session = signer.verify(token, new Date(NOW.getTime() + HOUR));
    expect(session?.agentId).toBe('alice');
    expect(session?.sessionId).toBe(issued.sessionId);
    expect(session?.expiresAt).toEqual(new Date(NOW.getTime() + SESSION_HOURS * HOUR));
    expect(issued.expiresAt).toEqual(session?.expiresAt);
    expect(session?.csrfToken).toMatch(/^[\w-]{43}$/);
    const other = signer.issue('alice', keyOf('alice').hash, new Date(NOW.getTime() + 1000));
    expect(other.sessionId).not.toBe(issued.sessionId);
    expect(signer.verify(other.cookie, NOW)?.csrfToken).not.toBe(session?.csrfToken);
    expect(signer.verify(token, new Date(NOW.getTime() + SESSION_HOURS * HOUR))).toBeUndefined();
  });

  it('work for agent ids with dots, which the cookie also uses as its separator', () => {
    const carol = signer.issue('carol.smith', keyOf('carol.smith').hash, NOW);
    expect(signer.verify(carol.cookie, NOW)?.agentId).toBe('carol.smith');
  });

  it('refuse a changed agent, a forged signature, and every session of a key that was rotated away', () => {
    expect(signer.verify(token.replace(/^alice/, 'bob'), NOW)).toBeUndefined();
    expect(signer.verify(`${token.slice(0, -2)}xx`, NOW)).toBeUndefined();
    expect(signer.verify(token.replace(issued.sessionId, 'A'.repeat(22)), NOW)).toBeUndefined();
    expect(signer.verify('', NOW)).toBeUndefined();
    const rotated = new SessionSigner(keysFor({ alice: newApiKey(), bob: newApiKey() }));
    expect(rotated.verify(token, NOW)).toBeUndefined();
    const sameKeys = new SessionSigner(keysFor({ alice: aliceKey }));
    expect(sameKeys.verify(token, NOW)).toBeUndefined();
  });
});

describe('signing out of the inbox (sessions recorded on DynamoDB)', () => {
  let stack: LocalStack;
  const aliceKey = newApiKey();
  const keys = keysFor({ alice: aliceKey });
  let inbox: ReturnType<typeof createInboxApp>;

  beforeAll(async () => {
    stack = await startLocalStack({ prefix: 'inbox-sessions' });
    Object.assign(process.env, stack.env);
    inbox = createInboxApp({
      // signing in and out reads no case and erases no one: no desk is called on these routes
      service: undefined as never,
      erasures: undefined as never,
      deadLetters: undefined as never,
      keys,
      brands: [],
      sessions: new InboxSessions({ db: dynamo(), tableName: stack.tableName, clock: () => new Date() }),
      log: collectingLog(),
    });
  });
  afterAll(async () => {
    await stack.stop();
  });

  /** Signs in as a browser would and answers the session cookie. */
  async function signIn(): Promise<string> {
    const response = await inbox.request('/inbox/login', {
      method: 'POST',
      body: new URLSearchParams({ key: aliceKey }),
    });
    expect(response.status).toBe(303);
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    expect(cookie.startsWith(`${SESSION_COOKIE}=`)).toBe(true);
    return cookie;
  }
  /** The CSRF token the page of this session carries (the signer is deterministic for the same keys). */
  const csrfOf = (cookie: string) =>
    new SessionSigner(keys).verify(cookie.slice(SESSION_COOKIE.length + 1), new Date())?.csrfToken ?? 'none';
  /** Whether the cookie still opens the inbox: an action that needs a live session and its CSRF token. */
  async function signedIn(cookie: string): Promise<boolean> {
    const response = await inbox.request('/inbox/text-length', {
      method: 'POST',
      headers: { cookie, 'x-csrf-token': csrfOf(cookie), 'content-type': 'application/json' },
      body: '{"text":"hi"}',
    });
    expect([200, 401]).toContain(response.status);
    return response.status === 200;
  }
  async function signOut(cookie: string, everywhere = false) {
    const form = new URLSearchParams({ _csrf: csrfOf(cookie), ...(everywhere ? { everywhere: '1' } : {}) });
    const response = await inbox.request('/inbox/logout', {
      method: 'POST',
      headers: { cookie },
      body: form,
    });
    expect(response.status).toBe(303);
    expect(response.headers.get('set-cookie')).toMatch(new RegExp(`^${SESSION_COOKIE}=;`));
  }

  it('ends the session on the server: the same cookie, replayed, is refused; another browser stays signed in', async () => {
    const laptop = await signIn();
    const phone = await signIn();
    expect(await signedIn(laptop)).toBe(true);
    expect(await signedIn(phone)).toBe(true);
    await signOut(laptop);
    expect(await signedIn(laptop)).toBe(false);
    const page = await inbox.request('/inbox', { headers: { cookie: laptop } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/inbox/login');
    expect(await signedIn(phone)).toBe(true);
  });

  it('signs out everywhere: every session of the agent ends', async () => {
    const laptop = await signIn();
    const phone = await signIn();
    await signOut(phone, true);
    expect(await signedIn(laptop)).toBe(false);
    expect(await signedIn(phone)).toBe(false);
    expect(await signedIn(await signIn())).toBe(true);
  });

  it('refuses a validly signed cookie the server never opened', async () => {
    const forged = new SessionSigner(keys).issue('alice', (keys[0] as (typeof keys)[0]).hash, new Date());
    expect(await signedIn(`${SESSION_COOKIE}=${forged.cookie}`)).toBe(false);
  });
});
