import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Agent API keys. The configuration (the `AGENT_API_KEYS` secret) holds only SHA-256 hashes:
 * `{"alice": "<hex>", "bob": ["<hex>", "<hex during rotation>"]}` or `alice:<hex>,bob:<hex>`
 * (role `agent`, every brand), or with a role and brands:
 * `{"carol": {"hashes": ["<hex>"], "role": "supervisor", "brands": ["parcelexpress"]}}`.
 * Keys are 32 random bytes, so an unsalted fast hash is enough (nothing to brute-force), and a
 * leaked configuration reveals no usable key. Comparison is constant-time over every entry.
 */

export const API_KEY_PREFIX = 'sca_';
const AGENT_ID = /^[A-Za-z0-9._@-]{1,64}$/;
const HEX_HASH = /^[0-9a-f]{64}$/;
/** generous for our keys (4 + 43 characters); longer input is rejected before hashing */
const MAX_KEY_LENGTH = 256;

/** `supervisor`: everything an agent does, plus erasures and dead-letter redrives; `reader`: reads only. */
export const ROLES = ['supervisor', 'agent', 'reader'] as const;
export type Role = (typeof ROLES)[number];
const BRAND_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

export interface AgentKey {
  agentId: string;
  hash: Buffer;
  role: Role;
  /** the brands whose cases the key sees; absent: every brand */
  brands?: readonly string[];
}

interface KeyEntry {
  agentId: string;
  hash: string;
  role: Role;
  brands?: string[];
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
  const text = raw.trim();
  const entries = text.startsWith('{') ? jsonEntries(text) : pairEntries(text);
  return entries.map(({ agentId, hash, role, brands }) => {
    if (!AGENT_ID.test(agentId))
      throw new ApiKeyConfigError(`AGENT_API_KEYS: invalid agent id ${safeId(agentId)}`);
    const hex = hash.replace(/^sha256:/, '').toLowerCase();
    if (!HEX_HASH.test(hex)) {
      throw new ApiKeyConfigError(
        `AGENT_API_KEYS: ${agentId}: expected a SHA-256 hash (64 hex digits), not a key`,
      );
    }
    return { agentId, hash: Buffer.from(hex, 'hex'), role, ...(brands ? { brands } : {}) };
  });
}

function jsonEntries(text: string): KeyEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new ApiKeyConfigError('AGENT_API_KEYS is not valid JSON');
  }
  if (!isObject(parsed)) {
    throw new ApiKeyConfigError('AGENT_API_KEYS must be a JSON object {"<agent id>": "<sha256 hex>"}');
  }
  const entries: KeyEntry[] = [];
  for (const [agentId, value] of Object.entries(parsed)) {
    const { hashes, role, brands } = isObject(value)
      ? roleEntry(agentId, value)
      : { hashes: value, role: 'agent' as const, brands: undefined };
    for (const hash of Array.isArray(hashes) ? hashes : [hashes]) {
      if (typeof hash !== 'string')
        throw new ApiKeyConfigError(`AGENT_API_KEYS: ${safeId(agentId)}: not a string`);
      entries.push({ agentId, hash, role, ...(brands ? { brands } : {}) });
    }
  }
  return entries;
}

/** `{"hashes": [...], "role": "...", "brands": [...]}`: role defaults to `agent`, brands to all. */
function roleEntry(agentId: string, value: Record<string, unknown>) {
  const { hashes, role = 'agent', brands, ...rest } = value;
  const name = safeId(agentId);
  if (Object.keys(rest).length > 0)
    throw new ApiKeyConfigError(`AGENT_API_KEYS: ${name}: only hashes, role and brands are allowed`);
  if (!ROLES.includes(role as Role))
    throw new ApiKeyConfigError(`AGENT_API_KEYS: ${name}: role must be one of ${ROLES.join(', ')}`);
  if (hashes === undefined) throw new ApiKeyConfigError(`AGENT_API_KEYS: ${name}: hashes missing`);
  if (
    brands !== undefined &&
    (!Array.isArray(brands) ||
      brands.length === 0 ||
      !brands.every((b) => typeof b === 'string' && BRAND_ID.test(b)))
  ) {
    throw new ApiKeyConfigError(`AGENT_API_KEYS: ${name}: brands must be a non-empty list of brand ids`);
  }
  return { hashes, role: role as Role, brands: brands as string[] | undefined };
}

function pairEntries(text: string): KeyEntry[] {
  return text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((pair) => {
      const at = pair.lastIndexOf(':');
      if (at <= 0) throw new ApiKeyConfigError('AGENT_API_KEYS: expected agentId:sha256hex pairs');
      return { agentId: pair.slice(0, at), hash: pair.slice(at + 1), role: 'agent' as const };
    });
}

/** The AGENT_API_KEYS value for one key: the short form for an all-brands agent. */
export function agentKeysEntry(
  agentId: string,
  hash: string,
  role: Role,
  brands?: readonly string[],
): string {
  const value =
    role === 'agent' && !brands?.length
      ? hash
      : { hashes: [hash], role, ...(brands?.length ? { brands } : {}) };
  return JSON.stringify({ [agentId]: value });
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

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
