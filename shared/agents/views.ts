import type { Conversation } from '../conversations/model.js';

/** A conversation as agents see it: the stored item without index keys and bookkeeping. */
export type ConversationView = Conversation;

const INTERNAL_FIELDS = new Set(['pk', 'sk', 'gsi1pk', 'gsi1sk', 'expiresAt', 'lastEventId', 'subject']);

export function withoutInternals<T extends object>(item: T): T {
  return Object.fromEntries(Object.entries(item).filter(([key]) => !INTERNAL_FIELDS.has(key))) as T;
}

/** Who did it, in the audit trail. */
export const agentActor = (agentId: string) => `agent:${agentId}`;
