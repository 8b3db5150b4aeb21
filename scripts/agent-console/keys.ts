import { agentKeysEntry, hashApiKey, newApiKey, ROLES, type Role } from '../../shared/agents/api-keys.js';

export interface HashKeyRequest {
  /** an existing key to hash; absent: a new one */
  given?: string;
  agentId?: string;
  role?: string;
  /** comma-separated brand ids */
  brands?: string;
}

/** `--hash-key`: a new API key (or the hash of one) and its AGENT_API_KEYS value, as text or JSON. */
export function hashKey(request: HashKeyRequest): { json: Record<string, unknown>; text: string } {
  const role = (request.role ?? 'agent') as Role;
  if (!ROLES.includes(role)) throw new Error(`--role must be one of ${ROLES.join(', ')}`);
  const brands = request.brands
    ?.split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  const key = request.given ?? newApiKey();
  const hash = hashApiKey(key);
  const agent = request.agentId ?? 'AGENT_ID';
  const agentApiKeys = agentKeysEntry(agent, hash, role, brands);
  const json = {
    type: 'key',
    agentId: agent,
    role,
    brands: brands?.length ? brands : 'all',
    ...(request.given ? {} : { key }),
    hash,
    agentApiKeys,
    ...(role === 'agent' && !brands?.length ? { entry: `${agent}:${hash}` } : {}),
  };
  const lines = [
    ...(request.given ? [] : [`API key (give it to the agent once; it is not stored):\n  ${key}`]),
    `SHA-256 hash:\n  ${hash}`,
    `Role ${role}, brands: ${brands?.length ? brands.join(', ') : 'all'}`,
    `AGENT_API_KEYS entry (merge it into the JSON object):\n  ${agentApiKeys}`,
  ];
  return { json, text: `${lines.join('\n')}\n` };
}
