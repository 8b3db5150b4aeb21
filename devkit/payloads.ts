import { randomInt } from 'node:crypto';

/**
 * Webhook bodies in the platforms' real shapes (see test/fixtures for the originals), built from
 * a text: used by `npm run simulate -- --text` and by the end-to-end tests.
 */
const digits = (n: number) => Array.from({ length: n }, () => randomInt(10)).join('');

export interface MetaCommentOptions {
  pageId: string;
  text: string;
  fromId?: string;
  fromName?: string;
  postId?: string;
  commentId?: string;
  /** the comment this one answers (a reply in a thread) */
  parentCommentId?: string;
  createdTime?: number;
  /** a photo attached to the comment (Facebook sends its URL in `photo`) */
  photo?: string;
}

export function facebookCommentDelivery(o: MetaCommentOptions) {
  const postId = o.postId ?? `${o.pageId}_${digits(15)}`;
  const postPart = postId.split('_')[1] ?? postId;
  const commentId = o.commentId ?? `${postPart}_${digits(16)}`;
  return {
    object: 'page',
    entry: [
      {
        id: o.pageId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'feed',
            value: {
              from: { id: o.fromId ?? digits(16), name: o.fromName ?? 'Erika Mustermann' },
              item: 'comment',
              comment_id: commentId,
              post_id: postId,
              verb: 'add',
              parent_id: o.parentCommentId ?? postId,
              created_time: o.createdTime ?? Math.floor(Date.now() / 1000),
              ...(o.text ? { message: o.text } : {}),
              ...(o.photo ? { photo: o.photo } : {}),
            },
          },
        ],
      },
    ],
  };
}

export function instagramCommentDelivery(o: MetaCommentOptions & { username?: string }) {
  return {
    object: 'instagram',
    entry: [
      {
        id: o.pageId,
        time: Math.floor(Date.now() / 1000),
        changes: [
          {
            field: 'comments',
            value: {
              from: { id: o.fromId ?? digits(17), username: o.username ?? 'erika.m' },
              id: o.commentId ?? digits(17),
              text: o.text,
              media: { id: o.postId ?? digits(17), media_product_type: 'FEED' },
              ...(o.parentCommentId ? { parent_id: o.parentCommentId } : {}),
            },
          },
        ],
      },
    ],
  };
}

export function messengerDelivery(o: {
  platform: 'facebook' | 'instagram';
  accountId: string;
  senderId?: string;
  text: string;
  mid?: string;
  timestamp?: number;
  /** more message fields: `attachments`, `reply_to`, `sticker_id`... */
  message?: Record<string, unknown>;
  /** delivered as another app's thread (handover protocol): `standby[]` instead of `messaging[]` */
  standby?: boolean;
}) {
  const timestamp = o.timestamp ?? Date.now();
  return {
    object: o.platform === 'facebook' ? 'page' : 'instagram',
    entry: [
      {
        id: o.accountId,
        time: timestamp,
        [o.standby ? 'standby' : 'messaging']: [
          {
            sender: { id: o.senderId ?? digits(16) },
            recipient: { id: o.accountId },
            timestamp,
            message: { mid: o.mid ?? `m_${digits(24)}`, ...(o.text ? { text: o.text } : {}), ...o.message },
          },
        ],
      },
    ],
  };
}

export interface XMentionOptions {
  /** the subscribed account (ours) */
  accountId: string;
  accountHandle: string;
  text: string;
  tweetId?: string;
  authorId?: string;
  authorHandle?: string;
  authorName?: string;
  followers?: number;
  inReplyToTweetId?: string;
}

/**
 * An Account Activity API mention. Written as text so the numeric `id` fields stay exactly as X
 * sends them (above 2^53); the receiver must read the `*_str` fields.
 */
export function xMentionAccountActivity(o: XMentionOptions): string {
  const tweetId = o.tweetId ?? `19${digits(17)}`;
  const authorId = o.authorId ?? `17${digits(17)}`;
  const reply = o.inReplyToTweetId;
  const text = `@${o.accountHandle} ${o.text}`;
  return `{"for_user_id":"${o.accountId}","tweet_create_events":[{"created_at":"${new Date().toUTCString()}","id":${tweetId},"id_str":"${tweetId}","text":${JSON.stringify(text)},"truncated":false,"in_reply_to_status_id":${reply ?? 'null'},"in_reply_to_status_id_str":${reply ? `"${reply}"` : 'null'},"in_reply_to_user_id":${reply ? o.accountId : 'null'},"in_reply_to_user_id_str":${reply ? `"${o.accountId}"` : 'null'},"user":{"id":${authorId},"id_str":"${authorId}","name":${JSON.stringify(o.authorName ?? 'Max Mustermann')},"screen_name":"${o.authorHandle ?? 'max_m'}","followers_count":${o.followers ?? 120}},"entities":{"hashtags":[],"urls":[],"user_mentions":[{"screen_name":"${o.accountHandle}","id":${o.accountId},"id_str":"${o.accountId}","indices":[0,${o.accountHandle.length + 1}]}],"symbols":[]},"user_has_blocked":false,"timestamp_ms":"${Date.now()}"}]}`;
}

/** The same mention as the X Activity API delivers it (v2 post object). */
export function xMentionActivityApi(o: XMentionOptions & { eventUuid?: string }): string {
  const tweetId = o.tweetId ?? `19${digits(17)}`;
  const authorId = o.authorId ?? `17${digits(17)}`;
  return JSON.stringify({
    data: {
      event_uuid: o.eventUuid ?? digits(19),
      filter: { user_id: o.accountId },
      event_type: 'post.mention.create',
      tag: 'mentions',
      payload: {
        id: tweetId,
        text: `@${o.accountHandle} ${o.text}`,
        author_id: authorId,
        conversation_id: o.inReplyToTweetId ?? tweetId,
        created_at: new Date().toISOString(),
        edit_history_tweet_ids: [tweetId],
        ...(o.inReplyToTweetId
          ? {
              in_reply_to_user_id: o.accountId,
              referenced_tweets: [{ type: 'replied_to', id: o.inReplyToTweetId }],
            }
          : {}),
        entities: {
          mentions: [
            { start: 0, end: o.accountHandle.length + 1, username: o.accountHandle, id: o.accountId },
          ],
        },
      },
      includes: {
        users: [
          {
            id: authorId,
            name: o.authorName ?? 'Max Mustermann',
            username: o.authorHandle ?? 'max_m',
            public_metrics: { followers_count: o.followers ?? 120 },
          },
        ],
      },
    },
  });
}

/** An Account Activity API direct message to (or, with `fromAccount`, from) our account. */
export function xDirectMessageAccountActivity(o: {
  accountId: string;
  customerId: string;
  text: string;
  dmId?: string;
  fromAccount?: boolean;
}): string {
  const dmId = o.dmId ?? `18${digits(17)}`;
  const [sender, recipient] = o.fromAccount ? [o.accountId, o.customerId] : [o.customerId, o.accountId];
  return JSON.stringify({
    for_user_id: o.accountId,
    direct_message_events: [
      {
        type: 'message_create',
        id: dmId,
        created_timestamp: String(Date.now()),
        message_create: {
          target: { recipient_id: recipient },
          sender_id: sender,
          message_data: {
            text: o.text,
            entities: { hashtags: [], symbols: [], user_mentions: [], urls: [] },
          },
        },
      },
    ],
    users: {
      [o.customerId]: {
        id: o.customerId,
        name: 'Max Mustermann',
        screen_name: 'max_m',
        followers_count: 120,
      },
      [o.accountId]: {
        id: o.accountId,
        name: 'ParcelExpress',
        screen_name: 'ParcelExpress',
        followers_count: 50000,
      },
    },
  });
}
