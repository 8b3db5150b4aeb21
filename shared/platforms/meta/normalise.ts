import { type EventKind, InboundEventSchema, type NormalisedDelivery, type Party } from '../../events.js';
import {
  type Attachment,
  describeIssues,
  epochMs,
  eventIdFor,
  type ItemContext,
  type ItemResult,
  ignore,
  type MetaNormaliseOptions,
  type MetaPlatform,
  malformed,
  receivedAt,
  refuse,
  withName,
} from './items.js';
import { metaTextTooLong } from './limits.js';
import { normaliseMessaging } from './messaging.js';
import {
  type FeedValue,
  FeedValueSchema,
  InstagramCommentValueSchema,
  MetaChangeSchema,
  MetaEntrySchema,
  MetaWebhookBodySchema,
} from './schemas.js';

export type { MetaNormaliseOptions, MetaPlatform } from './items.js';

/** The body is not a Meta webhook at all: the webhook answers 400 with this message. */
export class MetaPayloadError extends Error {
  override name = 'MetaPayloadError';
}

/**
 * Turns one Meta webhook delivery into platform-neutral events. Every item of the batch
 * (`entry[] x changes[] | messaging[] | standby[]`) either becomes an InboundEvent or lands in
 * `ignored` with a reason; only a body that is not a Meta webhook at all throws.
 */
export function normaliseMetaDelivery(body: unknown, options: MetaNormaliseOptions = {}): NormalisedDelivery {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new MetaPayloadError('the body is not a JSON object');
  }
  const object = (body as { object?: unknown }).object;
  if (typeof object !== 'string' || object === '') {
    throw new MetaPayloadError('object: expected the name of the webhook object ("page" or "instagram")');
  }
  const platform = platformOf(object);
  if (!platform) {
    return {
      events: [],
      ignored: [
        {
          type: `object:${object}`,
          reason: `object "${object}" is not a Facebook Page or Instagram webhook`,
        },
      ],
      refused: [],
    };
  }
  const parsed = MetaWebhookBodySchema.safeParse(body);
  if (!parsed.success) throw new MetaPayloadError(describeIssues(parsed.error));

  const delivery: NormalisedDelivery = { events: [], ignored: [], refused: [] };
  for (const [i, rawEntry] of parsed.data.entry.entries()) {
    // Entry by entry: an entry whose account id is not a Graph id costs only its own items.
    const checkedEntry = MetaEntrySchema.safeParse(rawEntry);
    if (!checkedEntry.success) {
      collect(delivery, malformed(`entry[${i}]`, checkedEntry.error));
      continue;
    }
    const entry = checkedEntry.data;
    const context = (path: string, standby = false): ItemContext => ({
      platform,
      accountId: entry.id,
      entryTime: epochMs(entry.time),
      path,
      standby,
      options,
    });
    for (const [j, change] of (entry.changes ?? []).entries()) {
      collect(delivery, normaliseChange(change, context(`entry[${i}].changes[${j}]`)));
    }
    for (const [j, item] of (entry.messaging ?? []).entries()) {
      collect(delivery, normaliseMessaging(item, context(`entry[${i}].messaging[${j}]`)));
    }
    for (const [j, item] of (entry.standby ?? []).entries()) {
      collect(delivery, normaliseMessaging(item, context(`entry[${i}].standby[${j}]`, true)));
    }
    if (!entry.changes && !entry.messaging && !entry.standby) {
      delivery.ignored.push({ type: 'entry', reason: `entry[${i}]: no changes, messaging or standby items` });
    }
  }
  return delivery;
}

function platformOf(object: string): MetaPlatform | undefined {
  if (object === 'page') return 'facebook';
  if (object === 'instagram') return 'instagram';
  return undefined;
}

function collect(delivery: NormalisedDelivery, result: ItemResult): void {
  if ('ignored' in result) {
    delivery.ignored.push(result.ignored);
    return;
  }
  if ('refused' in result) {
    delivery.refused.push(result.refused);
    return;
  }
  const checked = InboundEventSchema.safeParse(result.event);
  if (!checked.success) {
    delivery.refused.push({ type: 'invalid_event', reason: describeIssues(checked.error) });
    return;
  }
  const tooLong = metaTextTooLong(checked.data);
  if (tooLong)
    delivery.refused.push({ type: 'text_too_long', reason: `${checked.data.eventId}: ${tooLong}` });
  else delivery.events.push(checked.data);
}

// ---------------------------------------------------------------------------------------------
// changes[]: Page feed, Instagram comments

function normaliseChange(raw: unknown, ctx: ItemContext): ItemResult {
  const change = MetaChangeSchema.safeParse(raw);
  if (!change.success) return malformed(ctx.path, change.error);
  const { field, value } = change.data;
  if (ctx.platform === 'facebook' && field === 'feed') return normaliseFeedChange(value, ctx);
  if (ctx.platform === 'instagram' && (field === 'comments' || field === 'live_comments')) {
    return normaliseInstagramComment(value, ctx);
  }
  return ignore(`change:${field}`, ctx.path, `the "${field}" field is not handled`);
}

const FEED_POST_ITEMS: ReadonlySet<string> = new Set(['post', 'status', 'photo', 'video', 'share']);

function feedKind(verb: string): EventKind | undefined {
  if (verb === 'add') return 'message';
  // Comments and posts say `edited`; reactions say `edit`.
  if (verb === 'edited' || verb === 'edit') return 'edited';
  if (verb === 'remove') return 'deleted';
  return undefined;
}

function normaliseFeedChange(raw: unknown, ctx: ItemContext): ItemResult {
  const parsed = FeedValueSchema.safeParse(raw);
  if (!parsed.success) return malformed(`${ctx.path}.value`, parsed.error);
  const value = parsed.data;
  const item = value.item;
  if (item === 'reaction' || item === 'like') {
    return ignore(`feed:${item}`, ctx.path, `a ${item} (verb ${value.verb}), nothing to answer`);
  }
  if (item !== 'comment' && !FEED_POST_ITEMS.has(item)) {
    return ignore(`feed:${item}`, ctx.path, `feed item "${item}" is not a conversation we handle`);
  }
  const kind = feedKind(value.verb);
  if (!kind) return ignore(`feed:${item}:${value.verb}`, ctx.path, `verb "${value.verb}" needs no answer`);

  const author = feedAuthor(value);
  if (!author && kind !== 'deleted') {
    return ignore(
      `feed:${item}`,
      ctx.path,
      'no author (`from`) in the change; the Page token may lack the permission to see it',
    );
  }
  const fromAccount = author?.id === ctx.accountId;
  const occurredAt = epochMs(value.created_time) ?? ctx.entryTime ?? receivedAt(ctx);
  const feedItem: FeedItem = { value, kind, author, fromAccount, occurredAt };
  return item === 'comment' ? feedComment(feedItem, ctx) : feedPost(feedItem, ctx);
}

/** A feed change that names a comment or post to answer, with what normaliseFeedChange read from it. */
interface FeedItem {
  value: FeedValue;
  kind: EventKind;
  author: Party | undefined;
  fromAccount: boolean;
  occurredAt: number;
}

function feedAuthor(value: FeedValue): Party | undefined {
  if (value.from) return withName(value.from.id, value.from.name);
  if (value.sender_id) return withName(value.sender_id, value.sender_name);
  return undefined;
}

function feedComment(
  { value, kind, author, fromAccount, occurredAt }: FeedItem,
  ctx: ItemContext,
): ItemResult {
  const { comment_id: commentId, post_id: postId, parent_id: parentId } = value;
  if (!commentId || !postId) {
    return refuse(ctx.path, 'a feed comment needs `comment_id` and `post_id`');
  }
  // A top-level comment's parent is the post; a reply's parent is the comment it sits under,
  // and Facebook keeps replies one level deep, so that comment is the thread's root.
  const parentComment = parentId !== undefined && parentId !== postId ? parentId : undefined;
  const rootCommentId = parentComment ?? commentId;
  const attachments: Attachment[] = value.photo ? [{ type: 'photo', url: value.photo }] : [];
  return {
    event: {
      eventId: eventIdFor('facebook', commentId, kind, occurredAt),
      platform: 'facebook',
      channel: 'comment',
      kind,
      accountId: ctx.accountId,
      threadKey: `facebook:${ctx.accountId}:comment:${rootCommentId}`,
      topicId: postId,
      messageId: commentId,
      ...(parentComment ? { inReplyToMessageId: parentComment } : {}),
      author: author ?? { id: '' },
      fromAccount,
      // The responder relabels our own comment `bot` when it matches a reply it sent.
      sentBy: fromAccount ? 'human' : 'customer',
      text: value.message ?? '',
      attachments,
      occurredAt,
      replyTarget: { commentId: rootCommentId, privateReplyTo: { commentId } },
      permalink: value.post?.permalink_url ?? facebookLink(postId),
    },
  };
}

function feedPost({ value, kind, author, fromAccount, occurredAt }: FeedItem, ctx: ItemContext): ItemResult {
  if (fromAccount)
    return ignore('feed:own_post', ctx.path, `the Page's own ${value.item}, not a conversation`);
  const postId = value.post_id;
  if (!postId) return refuse(ctx.path, `a feed ${value.item} needs \`post_id\``);
  const attachments: Attachment[] =
    value.item !== 'status' && value.item !== 'post' && value.link
      ? [{ type: value.item, url: value.link }]
      : [];
  return {
    event: {
      eventId: eventIdFor('facebook', postId, kind, occurredAt),
      platform: 'facebook',
      channel: 'post',
      kind,
      accountId: ctx.accountId,
      threadKey: `facebook:${ctx.accountId}:post:${postId}`,
      topicId: postId,
      messageId: postId,
      author: author ?? { id: '' },
      fromAccount: false,
      sentBy: 'customer',
      text: value.message ?? '',
      attachments,
      occurredAt,
      replyTarget: { postId, privateReplyTo: { postId } },
      permalink: value.post?.permalink_url ?? facebookLink(postId),
    },
  };
}

function facebookLink(postId: string): string {
  return `https://www.facebook.com/${encodeURIComponent(postId)}`;
}

function normaliseInstagramComment(raw: unknown, ctx: ItemContext): ItemResult {
  const parsed = InstagramCommentValueSchema.safeParse(raw);
  if (!parsed.success) return malformed(`${ctx.path}.value`, parsed.error);
  const value = parsed.data;
  // The schema guarantees one of the two.
  const commentId = (value.id ?? value.comment_id) as string;
  const fromAccount = value.from.id === ctx.accountId || value.from.self_ig_scoped_id !== undefined;
  const rootCommentId = value.parent_id ?? commentId;
  // Instagram comment notifications carry no time of their own.
  const occurredAt = ctx.entryTime ?? receivedAt(ctx);
  const author: Party = {
    id: value.from.id,
    ...(value.from.username ? { handle: value.from.username } : {}),
  };
  return {
    event: {
      eventId: eventIdFor('instagram', commentId, 'message', occurredAt),
      platform: 'instagram',
      channel: 'comment',
      kind: 'message',
      accountId: ctx.accountId,
      threadKey: `instagram:${ctx.accountId}:comment:${rootCommentId}`,
      ...(value.media ? { topicId: value.media.id } : {}),
      messageId: commentId,
      ...(value.parent_id ? { inReplyToMessageId: value.parent_id } : {}),
      author,
      fromAccount,
      sentBy: fromAccount ? 'human' : 'customer',
      text: value.text ?? '',
      attachments: [],
      occurredAt,
      replyTarget: { commentId: rootCommentId, privateReplyTo: { commentId } },
    },
  };
}
