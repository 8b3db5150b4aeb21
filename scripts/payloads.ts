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
              message: o.text,
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
}) {
  const timestamp = o.timestamp ?? Date.now();
  return {
    object: o.platform === 'facebook' ? 'page' : 'instagram',
    entry: [
      {
        id: o.accountId,
        time: timestamp,
        messaging: [
          {
            sender: { id: o.senderId ?? digits(16) },
            recipient: { id: o.accountId },
            timestamp,
            message: { mid: o.mid ?? `m_${digits(24)}`, text: o.text },
          },
        ],
      },
    ],
  };
}
