import * as z from 'zod/mini';
import { InboundEventSchema } from '../events.js';
import {
  EscalationSchema,
  IntentSchema,
  PersonalDataKindSchema,
  PrioritySchema,
} from '../policy/decision.js';
import { HANDOFF_SCHEMA_VERSION } from './version.js';

/**
 * The hand-off contract agents and helpdesk bridges consume from the hand-off FIFO queue
 * (group = conversation id, dedup id = handoffId). Versioned: see the README for which changes
 * are compatible. `handoff.schema.json` beside this file is generated from it (`npm run schema`).
 *
 * Written with `zod/mini`, like the event and decision schemas it is built from. The responder
 * imports only the version (./version.ts) and the types: it builds hand-offs without the schema.
 */
export { HANDOFF_SCHEMA_VERSION };

const { platform: PlatformSchema, channel: ChannelSchema } = InboundEventSchema.shape;

export const TranscriptEntrySchema = z.object({
  at: z.string().check(z.describe('ISO time the message was written')),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'bot', 'agent']),
  channel: ChannelSchema,
  text: z.string(),
  messageId: z.string().check(z.describe("the platform's id of the message")),
  deleted: z
    .optional(z.boolean())
    .check(
      z.describe('the customer deleted the message: its text is empty and its attachments are left out'),
    ),
  attachments: z
    .optional(
      z.array(
        z.object({
          type: z
            .string()
            .check(
              z.describe('as the platform names it: image, video, audio, file, sticker, story_mention...'),
            ),
          url: z
            .optional(z.string())
            .check(z.describe("the platform's link to the media (often signed and short-lived)")),
        }),
      ),
    )
    .check(z.describe('what the customer sent besides text: photos, videos, files, shared posts, stories')),
  masked: z
    .optional(
      z.array(
        z.object({
          kind: z.enum(['iban', 'payment_card']),
          shown: z
            .string()
            .check(
              z.describe('how the text shows it: the kind and its last four characters, e.g. [IBAN …3000]'),
            ),
        }),
      ),
    )
    .check(
      z.describe(
        'IBANs and payment card numbers the customer posted in this message: never passed on, the text shows each masked',
      ),
    ),
  textTruncated: z
    .optional(z.boolean())
    .check(z.describe("the text was cut to keep the hand-off within the queue's size limit")),
});

export const HandoffMessageSchema = z.object({
  schemaVersion: z.literal(HANDOFF_SCHEMA_VERSION),
  handoffId: z
    .string()
    .check(
      z.describe('unique per message, derived from the event that caused it: the FIFO deduplication id'),
    ),
  caseId: z.string().check(z.describe('the case this message opens (type new) or updates (type update)')),
  type: z
    .enum(['new', 'update'])
    .check(
      z.describe(
        'update: a change on a case already handed off (a new customer message, a deleted one, a step people took)',
      ),
    ),
  conversationId: z.string(),
  brand: z.string(),
  platform: PlatformSchema,
  channel: ChannelSchema,
  accountId: z.string().check(z.describe('our page / IG account / X account the customer wrote to')),
  customer: z.object({
    id: z.string(),
    name: z.optional(z.string()),
    handle: z.optional(z.string()),
    followers: z.optional(z.number()),
  }),
  language: z.string(),
  intent: IntentSchema,
  complex: z.boolean(),
  personalData: z
    .array(PersonalDataKindSchema)
    .check(
      z.describe(
        'kinds of personal data the customer posted, never values (an open list: kinds are added compatibly, e.g. payment_card)',
      ),
    ),
  escalation: EscalationSchema,
  priority: PrioritySchema,
  reasons: z
    .array(z.string())
    .check(
      z.describe(
        'the policy rules that fired, and why an automatic reply needs a person, as a code and in plain words (e.g. "not acknowledged: facebook unavailable since 10:42 (Europe/Berlin)")',
      ),
    ),
  transcript: z.array(TranscriptEntrySchema),
  transcriptOmitted: z
    .optional(z.number().check(z.int(), z.positive()))
    .check(
      z.describe(
        "how many of the oldest messages were left out of the transcript to keep the hand-off within the queue's size limit",
      ),
    ),
  links: z.object({
    public: z.optional(z.string()).check(z.describe('the public post or comment')),
    dm: z.optional(z.string()).check(z.describe('the link that opens the private conversation')),
  }),
  receivedAt: z.string().check(z.describe('ISO time the triggering message was received')),
  acknowledgedAt: z.optional(z.string()).check(z.describe('ISO time the automatic acknowledgement was sent')),
  dueBy: z.optional(z.string()).check(z.describe('ISO time by which a person should answer')),
  crisis: z
    .optional(
      z.object({
        topicId: z.string().check(z.describe('the post the burst of negative messages sits under')),
        role: z
          .enum(['trigger', 'member'])
          .check(z.describe('trigger: opens the crisis case; member: joins it')),
        members: z.array(z.string()).check(z.describe('conversation ids of the burst (on the trigger)')),
      }),
    )
    .check(z.describe('present when the case is part of a crisis: one case (caseId) for the whole burst')),
});
export type HandoffMessage = z.infer<typeof HandoffMessageSchema>;
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;

/**
 * A customer was erased (GDPR Art. 17): a bridge deletes its copies of these cases and
 * conversations. It carries no personal data: the platform and the erasure's id only.
 */
export const ErasedHandoffSchema = z.object({
  schemaVersion: z.literal(HANDOFF_SCHEMA_VERSION),
  handoffId: z.string().check(z.describe('the FIFO deduplication id')),
  type: z.literal('erased'),
  erasureId: z.string().check(z.describe('GET /agent/erasures/{erasureId} shows its status and counts')),
  platform: PlatformSchema,
  caseIds: z.array(z.string()).check(z.describe('cases whose copies must be deleted')),
  conversationIds: z
    .array(z.string())
    .check(z.describe('conversations whose copies must be deleted (some never had a case)')),
  erasedAt: z.string().check(z.describe('ISO time the erasure completed')),
});
export type ErasedHandoff = z.infer<typeof ErasedHandoffSchema>;

/** Everything on the hand-off queue: cases (`new`, `update`) and erasures (`erased`). */
export const HandoffQueueMessageSchema = z.union([HandoffMessageSchema, ErasedHandoffSchema]);
export type HandoffQueueMessage = z.infer<typeof HandoffQueueMessageSchema>;
