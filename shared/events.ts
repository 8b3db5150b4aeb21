import * as fullZod from 'zod';
import * as z from 'zod/mini';
import en from 'zod/v4/locales/en.js';

// zod/mini ships no messages ("Invalid input" for everything); full zod registers English on first
// use. Register it here, so the webhook's 400 reasons read the same whichever build is loaded.
z.config(en());

/**
 * The platform-neutral event every adapter produces from a webhook delivery. It travels as the
 * body of an inbound-queue message, so it carries everything the responder needs and nothing raw.
 *
 * Written with `zod/mini`: the webhook imports this module, and full zod would add ~90 KB to its
 * cold start. The inferred types are the same as full zod's.
 */
const PLATFORMS = ['facebook', 'instagram', 'x'] as const;
const CHANNELS = ['comment', 'post', 'mention', 'dm'] as const;

/**
 * Platform and channel also in full zod, for code that calls full zod's methods on them
 * (`PlatformSchema.optional()` in the agent API). Pure, so a bundle that never reads them (the
 * webhook's) leaves full zod out; test/bench checks that it does.
 */
export const PlatformSchema = /* @__PURE__ */ fullZod.enum(PLATFORMS);
export type Platform = z.infer<typeof PlatformSchema>;

/** Where the message was written: a comment under a post, a post on the page/timeline, an @mention, a DM. */
export const ChannelSchema = /* @__PURE__ */ fullZod.enum(CHANNELS);
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
  name: z.optional(z.string()),
  /** @handle or username where the platform has one */
  handle: z.optional(z.string()),
  /** follower count where the platform sends it (X does); used for reach-based escalation */
  followers: z.optional(z.int().check(z.nonnegative())),
});
export type Party = z.infer<typeof PartySchema>;

/** What the platform client needs to answer this message in the same place. */
export const ReplyTargetSchema = z.object({
  /** FB/IG comment to reply under (for FB: the top-level comment of the thread) */
  commentId: z.optional(z.string()),
  /** the comment/post a private reply (comment -> DM) is anchored to */
  privateReplyTo: z.optional(z.object({ commentId: z.optional(z.string()), postId: z.optional(z.string()) })),
  /** FB post to comment on (visitor posts) */
  postId: z.optional(z.string()),
  /** X post to reply to */
  tweetId: z.optional(z.string()),
  /** DM recipient: PSID (Messenger), IGSID (Instagram), user id (X) */
  recipientId: z.optional(z.string()),
});
export type ReplyTarget = z.infer<typeof ReplyTargetSchema>;

export const AttachmentSchema = z.object({ type: z.string(), url: z.optional(z.string()) });
export type Attachment = z.infer<typeof AttachmentSchema>;

export const InboundEventSchema = z.object({
  /** Unique per platform event: the FIFO dedup id and the idempotency key of the responder. */
  eventId: z.string().check(z.minLength(1)),
  platform: z.enum(PLATFORMS),
  channel: z.enum(CHANNELS),
  kind: EventKindSchema,
  /** our account: FB page id, IG professional account id, X user id */
  accountId: z.string(),
  /**
   * The conversation this event belongs to as far as the payload tells (the FIFO group). The
   * responder may join it to an existing conversation found through `inReplyToMessageId`.
   */
  threadKey: z.string().check(z.minLength(1)),
  /** the public post this message sits under (FB/IG post or media id, X conversation id): crisis bursts are counted per topic */
  topicId: z.optional(z.string()),
  /** the platform's id of the message this event is about (comment id, mid, tweet id, DM event id) */
  messageId: z.string(),
  inReplyToMessageId: z.optional(z.string()),
  author: PartySchema,
  /** true when our own account wrote it (echoes, the page's own comments): never answered */
  fromAccount: z.boolean(),
  /** for own messages: written by our app (`bot`) or by a person through the platform's inbox (`human`) */
  sentBy: z.enum(['customer', 'bot', 'human']),
  text: z.string(),
  attachments: z._default(z.array(AttachmentSchema), []),
  /** when the platform says it happened, epoch milliseconds */
  occurredAt: z.int(),
  replyTarget: ReplyTargetSchema,
  /** a web link to the public item where one can be built */
  permalink: z.optional(z.string()),
  /**
   * Messenger handover protocol: delivered on `standby` because another app owns the thread.
   * Recorded in the conversation, never answered by us.
   */
  standby: z.optional(z.literal(true)),
  /**
   * X: the post answers one of our account's own posts, in a conversation our account started
   * (as far as the payload tells): the only replies X lets the account hide.
   */
  repliesToOwnPost: z.optional(z.literal(true)),
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
  /** what the platform sends that we do not act on, by design */
  ignored: IgnoredItem[];
  /** items outside the platform's contract (malformed, an id of the wrong shape, a text too long) */
  refused: IgnoredItem[];
}
