import * as z from 'zod';

/**
 * The platform-neutral event every adapter produces from a webhook delivery. It travels as the
 * body of an inbound-queue message, so it carries everything the responder needs and nothing raw.
 */
export const PlatformSchema = z.enum(['facebook', 'instagram', 'x']);
export type Platform = z.infer<typeof PlatformSchema>;

/** Where the message was written: a comment under a post, a post on the page/timeline, an @mention, a DM. */
export const ChannelSchema = z.enum(['comment', 'post', 'mention', 'dm']);
export type Channel = z.infer<typeof ChannelSchema>;

/**
 * - `message`: a new message (a customer's, or our own echo when `fromAccount`)
 * - `edited`: the author changed a message we have
 * - `deleted`: the author (or platform) removed a message; a pending reply to it is cancelled
 * - `account_revoked`: the account withdrew our app's access and must be re-authorised
 */
export const EventKindSchema = z.enum(['message', 'edited', 'deleted', 'account_revoked']);
export type EventKind = z.infer<typeof EventKindSchema>;

export const PartySchema = z.object({
  id: z.string(),
  name: z.string().optional(),
  /** @handle or username where the platform has one */
  handle: z.string().optional(),
  /** follower count where the platform sends it (X does); used for reach-based escalation */
  followers: z.number().int().nonnegative().optional(),
});
export type Party = z.infer<typeof PartySchema>;

/** What the platform client needs to answer this message in the same place. */
export const ReplyTargetSchema = z.object({
  /** FB/IG comment to reply under (for FB: the top-level comment of the thread) */
  commentId: z.string().optional(),
  /** the comment/post a private reply (comment -> DM) is anchored to */
  privateReplyTo: z.object({ commentId: z.string().optional(), postId: z.string().optional() }).optional(),
  /** FB post to comment on (visitor posts) */
  postId: z.string().optional(),
  /** X post to reply to */
  tweetId: z.string().optional(),
  /** DM recipient: PSID (Messenger), IGSID (Instagram), user id (X) */
  recipientId: z.string().optional(),
});
export type ReplyTarget = z.infer<typeof ReplyTargetSchema>;

export const AttachmentSchema = z.object({ type: z.string(), url: z.string().optional() });

export const InboundEventSchema = z.object({
  /** Unique per platform event: the FIFO dedup id and the idempotency key of the responder. */
  eventId: z.string().min(1),
  platform: PlatformSchema,
  channel: ChannelSchema,
  kind: EventKindSchema,
  /** our account: FB page id, IG professional account id, X user id */
  accountId: z.string(),
  /**
   * The conversation this event belongs to as far as the payload tells (the FIFO group). The
   * responder may join it to an existing conversation found through `inReplyToMessageId`.
   */
  threadKey: z.string().min(1),
  /** the public post this message sits under (FB/IG post or media id, X conversation id): crisis bursts are counted per topic */
  topicId: z.string().optional(),
  /** the platform's id of the message this event is about (comment id, mid, tweet id, DM event id) */
  messageId: z.string(),
  inReplyToMessageId: z.string().optional(),
  author: PartySchema,
  /** true when our own account wrote it (echoes, the page's own comments): never answered */
  fromAccount: z.boolean(),
  /** for own messages: written by our app (`bot`) or by a person through the platform's inbox (`human`) */
  sentBy: z.enum(['customer', 'bot', 'human']),
  text: z.string(),
  attachments: z.array(AttachmentSchema).default([]),
  /** when the platform says it happened, epoch milliseconds */
  occurredAt: z.number().int(),
  replyTarget: ReplyTargetSchema,
  /** a web link to the public item where one can be built */
  permalink: z.string().optional(),
});
export type InboundEvent = z.infer<typeof InboundEventSchema>;
export type InboundEventInput = z.input<typeof InboundEventSchema>;

/** Something in a delivery that we acknowledge but do not act on (reactions, read receipts, follows...). */
export interface IgnoredItem {
  type: string;
  reason: string;
}

/** What every adapter's `parse` returns for one delivery. */
export interface NormalisedDelivery {
  events: InboundEvent[];
  ignored: IgnoredItem[];
}
