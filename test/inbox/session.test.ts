import { describe, expect, it } from 'vitest';
import { SESSION_HOURS, SessionSigner } from '../../shared/agent-api/inbox/session.js';
import { hashApiKey, newApiKey, parseAgentKeys } from '../../shared/agents/api-keys.js';

const NOW = new Date('2026-12-07T10:00:00Z');
const HOUR = 3_600_000;

function keysFor(entries: Record<string, string>) {
  return parseAgentKeys(
    JSON.stringify(Object.fromEntries(Object.entries(entries).map(([a, k]) => [a, hashApiKey(k)]))),
  );
}

describe('inbox sessions', () => {
  const aliceKey = newApiKey();
  const keys = keysFor({ alice: aliceKey, bob: newApiKey() });
  const alice = keys.find((k) => k.agentId === 'alice');
  if (!alice) throw new Error('no key for alice');
  const signer = new SessionSigner(keys);
  const token = signer.issue('alice', alice.hash, NOW);

  it('name the agent until they expire, with a CSRF token bound to the session', () => {
    const session = signer.verify(token, new Date(NOW.getTime() + HOUR));
    expect(session?.agentId).toBe('alice');
    expect(session?.expiresAt).toEqual(new Date(NOW.getTime() + SESSION_HOURS * HOUR));
    expect(session?.csrfToken).toMatch(/^[\w-]{43}$/);
    const other = signer.issue('alice', alice.hash, new Date(NOW.getTime() + 1000));
    expect(signer.verify(other, NOW)?.csrfToken).not.toBe(session?.csrfToken);
    expect(signer.verify(token, new Date(NOW.getTime() + SESSION_HOURS * HOUR))).toBeUndefined();
  });

  it('refuse a changed agent, a forged signature, and every session of a key that was rotated away', () => {
    expect(signer.verify(token.replace(/^alice/, 'bob'), NOW)).toBeUndefined();
    expect(signer.verify(`${token.slice(0, -2)}xx`, NOW)).toBeUndefined();
    expect(signer.verify('', NOW)).toBeUndefined();
    const rotated = new SessionSigner(keysFor({ alice: newApiKey(), bob: newApiKey() }));
    expect(rotated.verify(token, NOW)).toBeUndefined();
    const sameKeys = new SessionSigner(keysFor({ alice: aliceKey }));
    expect(sameKeys.verify(token, NOW)).toBeUndefined();
  });
});
