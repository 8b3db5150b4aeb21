import * as z from 'zod/mini';

// zod/mini: the responder loads this module, and full zod would add to its cold start.

export const ActionSchema = z.enum(['reply', 'reply_and_dm', 'silent', 'handoff', 'reply_and_handoff']);
export type Action = z.infer<typeof ActionSchema>;

export const IntentSchema = z.enum([
  'question',
  'complaint',
  'order_delivery',
  'account_billing',
  'technical_fault',
  'praise',
  'spam',
  'abuse',
  'other',
]);
export type Intent = z.infer<typeof IntentSchema>;

export const PersonalDataKindSchema = z.enum([
  'email',
  'phone',
  'iban',
  'payment_card',
  'tracking_number',
  'order_number',
  'customer_number',
  'postal_address',
]);
export type PersonalDataKind = z.infer<typeof PersonalDataKindSchema>;

/** Why a public comment is hidden: personal data of a kind, or someone posing as the brand's support. */
export const HideReasonSchema = z.union([PersonalDataKindSchema, z.literal('impersonation')]);
export type HideReason = z.infer<typeof HideReasonSchema>;

/** L1 community team, L2 product/expert team, L3 crisis / PR */
export const EscalationSchema = z.enum(['L1', 'L2', 'L3']);
export type Escalation = z.infer<typeof EscalationSchema>;

export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);
export type Priority = z.infer<typeof PrioritySchema>;

export const RenderedTextSchema = z.object({
  text: z.string().check(z.minLength(1)),
  templateId: z.string(),
});
export type RenderedText = z.infer<typeof RenderedTextSchema>;

/** What the policy decided for one inbound message, with the rules that fired. */
export const DecisionSchema = z.object({
  action: ActionSchema,
  language: z.string(),
  intent: IntentSchema,
  complex: z.boolean(),
  personalData: z.array(PersonalDataKindSchema),
  escalation: EscalationSchema,
  priority: PrioritySchema,
  reasons: z.array(z.string()),
  /** a person must see this case (always true for complex cases, complaints the bot does not answer, crises) */
  handoff: z.boolean(),
  /** the public acknowledgement (reply, reply_and_dm, reply_and_handoff) */
  publicReply: z.optional(RenderedTextSchema),
  /** the private message that opens the DM thread (reply_and_dm; and DMs are answered with this) */
  privateReply: z.optional(RenderedTextSchema),
  /** ISO time by which a person should have answered, when handed off */
  dueBy: z.optional(z.string()),
  /** the message reads negative: the responder counts it towards the topic's crisis burst */
  negative: z.optional(z.boolean()),
  /**
   * `trigger`: this message completes a burst; the responder escalates the topic once as a crisis
   * (L3) and marks it escalated. `member`: the topic is already a crisis; link this message to it
   * instead of a separate hand-off.
   */
  crisis: z.optional(z.enum(['trigger', 'member'])),
  /**
   * The public comment is to be hidden on the platform: it holds personal data of these kinds, or
   * poses as the brand's support, which the brand hides comments for (docs/privacy.md).
   */
  hide: z.optional(z.array(HideReasonSchema)),
});
export type Decision = z.infer<typeof DecisionSchema>;
