import * as z from 'zod';
import { ChannelSchema, PlatformSchema } from '../events.js';
import {
  EscalationSchema,
  IntentSchema,
  PersonalDataKindSchema,
  PrioritySchema,
} from '../policy/decision.js';

/**
 * The hand-off contract agents and helpdesk bridges consume from the hand-off FIFO queue
 * (group = conversation id, dedup id = handoffId). Versioned: see the README for which changes
 * are compatible. `handoff.schema.json` beside this file is generated from it (`npm run schema`).
 */
export const HANDOFF_SCHEMA_VERSION = 1;

export const TranscriptEntrySchema = z.object({
  at: z.string().describe('ISO time the message was written'),
  direction: z.enum(['in', 'out']),
  author: z.enum(['customer', 'bot', 'agent']),
  channel: ChannelSchema,
  text: z.string(),
  messageId: z.string().describe("the platform's id of the message"),
  deleted: z.boolean().optional(),
  attachments: z
    .array(
      z.object({
        type: z
          .string()
          .describe('as the platform names it: image, video, audio, file, sticker, story_mention...'),
        url: z
          .string()
          .optional()
          .describe("the platform's link to the media (often signed and short-lived)"),
      }),
    )
    .optional()
    .describe('what the customer sent besides text: photos, videos, files, shared posts, stories'),
  textTruncated: z
    .boolean()
    .optional()
    .describe("the text was cut to keep the hand-off within the queue's size limit"),
});

export const HandoffMessageSchema = z.object({
  schemaVersion: z.literal(HANDOFF_SCHEMA_VERSION),
  handoffId: z
    .string()
    .describe('unique per message, derived from the event that caused it: the FIFO deduplication id'),
  caseId: z.string().describe('the case this message opens (type new) or updates (type update)'),
  type: z.enum(['new', 'update']).describe('update: a new customer message on a case already handed off'),
  conversationId: z.string(),
  brand: z.string(),
  platform: PlatformSchema,
  channel: ChannelSchema,
  accountId: z.string().describe('our page / IG account / X account the customer wrote to'),
  customer: z.object({
    id: z.string(),
    name: z.string().optional(),
    handle: z.string().optional(),
    followers: z.number().optional(),
  }),
  language: z.string(),
  intent: IntentSchema,
  complex: z.boolean(),
  personalData: z.array(PersonalDataKindSchema).describe('kinds of personal data the customer posted'),
  escalation: EscalationSchema,
  priority: PrioritySchema,
  reasons: z
    .array(z.string())
    .describe(
      'the policy rules that fired, and why an automatic reply needs a person, as a code and in plain words (e.g. "not acknowledged: facebook unavailable since 10:42 (Europe/Berlin)")',
    ),
  transcript: z.array(TranscriptEntrySchema),
  transcriptOmitted: z
    .number()
    .int()
    .positive()
    .optional()
    .describe(
      "how many of the oldest messages were left out of the transcript to keep the hand-off within the queue's size limit",
    ),
  links: z.object({
    public: z.string().optional().describe('the public post or comment'),
    dm: z.string().optional().describe('the link that opens the private conversation'),
  }),
  receivedAt: z.string().describe('ISO time the triggering message was received'),
  acknowledgedAt: z.string().optional().describe('ISO time the automatic acknowledgement was sent'),
  dueBy: z.string().optional().describe('ISO time by which a person should answer'),
  crisis: z
    .object({
      topicId: z.string().describe('the post the burst of negative messages sits under'),
      role: z.enum(['trigger', 'member']).describe('trigger: opens the crisis case; member: joins it'),
      members: z.array(z.string()).describe('conversation ids of the burst (on the trigger)'),
    })
    .optional()
    .describe('present when the case is part of a crisis: one case (caseId) for the whole burst'),
});
export type HandoffMessage = z.infer<typeof HandoffMessageSchema>;
export type TranscriptEntry = z.infer<typeof TranscriptEntrySchema>;
