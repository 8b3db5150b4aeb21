import type { AgentKey, Role } from './api-keys.js';
import type { Failure } from './failures.js';

/**
 * Who is calling and what they may do: the agent API, the inbox and the console check the same
 * rules. A `reader` reads and acts on nothing; only a `supervisor` erases a customer or redrives a
 * dead-letter queue; a key limited to brands sees only those brands' cases (any other case is
 * "not found", so a case id tells a limited key nothing).
 */
export interface Access {
  agentId: string;
  role: Role;
  /** absent: every brand */
  brands?: readonly string[];
}

/** IAM callers and the console act as agents for every brand. */
export const agentAccess = (agentId: string): Access => ({ agentId, role: 'agent' });

export const accessOfKey = (key: AgentKey): Access => ({
  agentId: key.agentId,
  role: key.role,
  ...(key.brands ? { brands: key.brands } : {}),
});

export const canAct = (access: Access) => access.role !== 'reader';

/** Erasing a customer and redriving a dead-letter queue reach every brand: only such a supervisor may. */
export const supervisesAllBrands = (access: Access) =>
  access.role === 'supervisor' && access.brands === undefined;

export const seesBrand = (access: Access, brand: string) =>
  access.brands === undefined || access.brands.includes(brand);

export function readOnly(): Failure {
  return {
    ok: false,
    reason: 'forbidden',
    error: 'read_only',
    message: 'this key may read cases but not act on them (role reader)',
    advice: 'ask the team running this system for an agent or supervisor key',
  };
}

export function supervisorOnly(what: string): Failure {
  return {
    ok: false,
    reason: 'forbidden',
    error: 'supervisor_only',
    message: `${what} needs a supervisor key`,
    advice: 'ask a supervisor to do it',
  };
}
