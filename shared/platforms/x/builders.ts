import type { Channel, IgnoredItem, InboundEventInput, Party } from '../../events.js';
import { postPermalink } from './links.js';
import { type DmEvent, type XUser, XUserSchema } from './schemas.js';

/**
 * The events one tweet, DM, deletion or revoke gives, the same from either API (Account Activity
 * or X Activity): ids, text, thread keys and times come from the item itself, never the envelope.
 */

export interface Context {
  /** our X app id: our own DMs whose `source_app_id` matches were sent by this system */
  appId?: string;
  /** when the delivery arrived, epoch ms; used only for items that carry no usable time */
  receivedAt: number;
}

/** An item's event, or why it is not acted on. */
export type Outcome = InboundEventInput | IgnoredItem;

export function usersMap(raw: Record<string, unknown> | undefined): Map<string, XUser> {
  const users = new Map<string, XUser>();
  for (const [id, value] of Object.entries(raw ?? {})) {
    const parsed = XUserSchema.safeParse(value);
    // A profile we cannot read only costs the author's name, never the message.
    if (parsed.success) users.set(id, parsed.data);
  }
  return users;
}

export function partyFrom(id: string, user: XUser | undefined): Party {
  return dropUndefined({ id, name: user?.name, handle: user?.handle, followers: user?.followers });
}

interface TweetFacts {
  accountId: string;
  tweetId: string;
  author: Party;
  text: string;
  /** XAA gives the conversation root; AAA (v1.1) does not */
  conversationId?: string;
  inReplyToTweetId?: string;
  inReplyToUserId?: string;
  attachments: InboundEventInput['attachments'];
  ownPost: boolean;
  /** when the payload says the tweet was created, epoch ms (XAA: to the second) */
  statedTime?: number;
  /** used only when neither the id nor the payload gives a time */
  receivedAt: number;
}

export function tweetEvent(facts: TweetFacts): InboundEventInput {
  const { accountId, tweetId, author, ownPost } = facts;
  // The conversation root: given by XAA; for AAA the furthest one we can know is the tweet
  // replied to (or the tweet itself). The responder joins deeper replies through inReplyToMessageId.
  const root = facts.conversationId ?? facts.inReplyToTweetId ?? tweetId;
  const customerId = ownPost
    ? facts.inReplyToUserId !== accountId
      ? facts.inReplyToUserId
      : undefined
    : author.id;
  const channel: Channel = ownPost && !facts.inReplyToTweetId ? 'post' : 'mention';
  return {
    eventId: `x:${accountId}:${tweetId}`,
    platform: 'x',
    channel,
    kind: 'message',
    accountId,
    threadKey: `x:${accountId}:conversation:${root}`,
    topicId: root,
    messageId: tweetId,
    inReplyToMessageId: facts.inReplyToTweetId,
    author,
    fromAccount: ownPost,
    // Tweets carry no app id: the responder relabels the replies it sent itself as `bot`.
    sentBy: ownPost ? 'human' : 'customer',
    text: facts.text,
    attachments: facts.attachments,
    occurredAt: tweetTime(tweetId, facts.statedTime) ?? facts.receivedAt,
    replyTarget: dropUndefined({ tweetId, recipientId: customerId }),
    permalink: postPermalink(tweetId, author.handle),
    ...(!ownPost && answersOwnPost(facts) ? { repliesToOwnPost: true as const } : {}),
  };
}

/**
 * A customer's post answers one of ours that started the conversation: X names the conversation
 * root (XAA) and it is the post replied to, or (AAA, no root given) the post replied to is ours.
 * An answer deeper in our conversation is not recognised, and our reply in someone else's
 * conversation may be taken for a root on AAA: X then refuses the hide and a person sees it.
 */
function answersOwnPost(facts: TweetFacts): boolean {
  if (!facts.inReplyToTweetId || facts.inReplyToUserId !== facts.accountId) return false;
  return facts.conversationId === undefined || facts.conversationId === facts.inReplyToTweetId;
}

export function dmEvent(
  accountId: string,
  dm: DmEvent,
  users: Map<string, XUser>,
  context: Context,
): Outcome {
  const message = dm.message_create;
  if (dm.type !== 'message_create' || !message) {
    return { type: `direct_message_events.${dm.type}`, reason: 'not a message' };
  }
  const senderId = message.sender_id;
  const fromAccount = senderId === accountId;
  // X delivers the DMs we send back to us: then the customer is the recipient.
  const customerId = fromAccount ? message.target.recipient_id : senderId;
  const attachment = message.message_data.attachment?.media;
  return {
    eventId: `x:${accountId}:dm:${dm.id}`,
    platform: 'x',
    channel: 'dm',
    kind: 'message',
    accountId,
    threadKey: `x:${accountId}:dm:${customerId}`,
    messageId: dm.id,
    author: partyFrom(senderId, users.get(senderId)),
    fromAccount,
    sentBy: fromAccount
      ? context.appId !== undefined && message.source_app_id === context.appId
        ? 'bot'
        : 'human'
      : 'customer',
    text: message.message_data.text,
    attachments: attachment ? [{ type: attachment.type ?? 'media', url: attachment.media_url_https }] : [],
    occurredAt: dm.created_timestamp,
    replyTarget: { recipientId: customerId },
  };
}

export function deletedEvent(
  accountId: string,
  tweetId: string,
  author: Party,
  occurredAt: number,
): InboundEventInput {
  const fromAccount = author.id === accountId;
  return {
    eventId: `x:${accountId}:${tweetId}:deleted`,
    platform: 'x',
    channel: 'mention',
    kind: 'deleted',
    accountId,
    // The deletion does not say which conversation the tweet was in: the responder finds the
    // stored message by messageId.
    threadKey: `x:${accountId}:conversation:${tweetId}`,
    messageId: tweetId,
    author,
    fromAccount,
    sentBy: fromAccount ? 'human' : 'customer',
    text: '',
    occurredAt,
    replyTarget: { tweetId },
  };
}

export function revokedEvent(
  accountId: string,
  appId: string | undefined,
  dateTime: string | undefined,
  context: Context,
): Outcome {
  if (context.appId !== undefined && appId !== undefined && appId !== context.appId) {
    return { type: 'oauth.revoke', reason: `revoke of another app (${appId})` };
  }
  const occurredAt = parseTime(dateTime) ?? context.receivedAt;
  return {
    eventId: `x:${accountId}:revoked:${occurredAt}`,
    platform: 'x',
    channel: 'dm',
    kind: 'account_revoked',
    accountId,
    threadKey: `x:${accountId}:account`,
    messageId: '',
    author: { id: accountId },
    fromAccount: true,
    sentBy: 'human',
    text: '',
    occurredAt,
    replyTarget: {},
  };
}

/** X's epoch for snowflake ids (2010-11-04T01:42:54.657Z). */
const SNOWFLAKE_EPOCH_MS = 1_288_834_974_657n;
/**
 * A snowflake minted a day after that epoch. Pre-2010 sequential ids (below ~3e10) are far below
 * it: their high bits are not a time.
 */
const FIRST_SNOWFLAKE = 86_400_000n << 22n;

/**
 * When the tweet was created, to the millisecond. A snowflake id carries its creation time in its
 * upper bits: equal to AAA's `timestamp_ms` for real tweets, and available for XAA posts too, which
 * only state `created_at` to the second; so both APIs give the same `occurredAt`. When the id's
 * time does not agree with the stated time (made-up ids in examples), the stated time wins.
 */
function tweetTime(tweetId: string, statedTime: number | undefined): number | undefined {
  const id = BigInt(tweetId);
  if (id < FIRST_SNOWFLAKE) return statedTime;
  const fromId = Number((id >> 22n) + SNOWFLAKE_EPOCH_MS);
  if (statedTime === undefined) return fromId;
  const drift = fromId - statedTime;
  return drift >= 0 && drift < 1000 ? fromId : statedTime;
}

export function parseTime(value: string | undefined): number | undefined {
  const parsed = value === undefined ? Number.NaN : Date.parse(value);
  return Number.isFinite(parsed) ? parsed : undefined;
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
