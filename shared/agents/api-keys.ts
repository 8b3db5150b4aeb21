import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Agent API keys. The configuration (the `AGENT_API_KEYS` secret) holds only SHA-256 hashes:
 * `{"alice": "<hex>", "bob": ["<hex>", "<hex during rotation>"]}` or `alice:<hex>,bob:<hex>`.
 * Keys are 32 random bytes, so an unsalted fast hash is enough (nothing to brute-force), and a
 * leaked configuration reveals no usable key. Comparison is constant-time over every entry.
 */

export const API_KEY_PREFIX = 'sca_';
const AGENT_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
/** generous for our keys (4 + 43 characters); longer input is rejected before hashing */
const MAX_KEY_LENGTH = 256;

export interface AgentKey {
  agentId: string;
  hash: Buffer;
}

export class ApiKeyConfigError extends Error {
  override name = 'ApiKeyConfigError';
}

export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** A new random key and the line to put into AGENT_API_KEYS for it. */
export function newApiKey(): string {
  return `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
}

/** Parses the secret's value. Errors name the problem, never a value. */
export function parseAgentKeys(raw: string | undefined): AgentKey[] {
  if (!raw?.trim()) return [];
  const entries: Array<[string, string]> = [];
  const text = raw.trim();
  if (text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new ApiKeyConfigError('AGENT_API_KEYS is not valid JSON');
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
      throw new ApiKeyConfigError('AGENT_API_KEYS must be a JSON object {"<agent id>": "<sha256 hex>"}');
    }
    for (const [agentId, value] of Object.entries(parsed)) {
      const hashes: unknown[] = Array.isArray(value) ? value : [value];
      for (const hash of hashes) {
        if (typeof hash !== 'string')
          throw new ApiKeyConfigError(`AGENT_API_KEYS: ${safeId(agentId)}: not a string`);
        entries.push([agentId, hash]);
      }
    }
  } else {
    for (const pair of text.split(/[\s,]+/).filter(Boolean)) {
      const at = pair.lastIndexOf(':');
      if (at <= 0) throw new ApiKeyConfigError('AGENT_API_KEYS: expected agentId:sha256hex pairs');
      entries.push([pair.slice(0, at), pair.slice(at + 1)]);
    }
  }
  return entries.map(([agentId, hash]) => {
    if (!AGENT_ID.test(agentId))
      throw new ApiKeyConfigError(`AGENT_API_KEYS: invalid agent id ${safeId(agentId)}`);
    const hex = hash.replace(/^sha256:/, '').toLowerCase();
    if (!HEX_HASH.test(hex)) {
      throw new ApiKeyConfigError(
        `AGENT_API_KEYS: ${agentId}: expected a SHA-256 hash (64 hex digits), not a key`,
      );
    }
    return { agentId, hash: Buffer.from(hex, 'hex') };
  });
}

const safeId = (id: string) => (AGENT_ID.test(id) ? id : '(an invalid id)');

/** The agent whose key this is, or undefined. Takes the same time whichever entry matches. */
export function verifyApiKey(keys: readonly AgentKey[], presented: string): string | undefined {
  return findApiKey(keys, presented)?.agentId;
}

/** The configured entry of a presented key (the inbox binds its sessions to it), or undefined. */
export function findApiKey(keys: readonly AgentKey[], presented: string): AgentKey | undefined {
  if (presented.length === 0 || presented.length > MAX_KEY_LENGTH) return undefined;
  const digest = createHash('sha256').update(presented, 'utf8').digest();
  let match: AgentKey | undefined;
  for (const key of keys) {
    if (timingSafeEqual(key.hash, digest) && match === undefined) match = key;
  }
  return match;
}

/** The key from `Authorization: Bearer <key>`, or undefined when the header is missing or malformed. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^Bearer ([\x21-\x7e]+)$/.exec(header.trim());
  return match?.[1];
}
