import * as z from 'zod';
import { HANDOFF_SCHEMA_VERSION, HandoffQueueMessageSchema } from '../shared/handoff/schema.js';

/**
 * The published JSON Schema of HandoffMessage (draft 2020-12), generated from the zod schema. The
 * input view leaves additional properties open: consumers must accept fields added later (a
 * compatible change, see docs/agents.md).
 */
export function handoffJsonSchema(): Record<string, unknown> {
  return {
    $id: `https://social-care-responder/schemas/handoff-message.v${HANDOFF_SCHEMA_VERSION}.json`,
    title: `HandoffMessage v${HANDOFF_SCHEMA_VERSION}`,
    description:
      'A case for people (type new or update) or an erasure (type erased), from the hand-off FIFO queue (group = conversationId, deduplication id = handoffId). See docs/agents.md for versioning.',
    ...z.toJSONSchema(HandoffQueueMessageSchema, { target: 'draft-2020-12', io: 'input' }),
  };
}
