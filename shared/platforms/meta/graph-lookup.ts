import { PlatformError, type ReplyLookup, type ReplyQuery } from '../client.js';
import { listOf, type PlatformItem, pickOurReply, recordOf, stringOf } from '../reply-match.js';
import { graphIdSegment } from './ids.js';

type GraphGet = (accountId: string, path: string) => Promise<Record<string, unknown>>;

/** Newest first, one page: a reply we sent moments ago is near the top. */
const PAGE_SIZE = 50;

/**
 * Looks for a reply we may have sent, in what the Graph API shows of the thread: the comment's
 * (or post's) comments on Facebook, the comment's replies on Instagram, the conversation's latest
 * messages for a DM. A private reply from a comment opens a thread whose recipient we learn only
 * from the answer we missed; there the comment's `can_reply_privately` tells "certainly not
 * sent" (still true) from "something was sent" (false, ours or a person's in the inbox).
 */
export function graphReplyLookup(platform: 'facebook' | 'instagram', get: GraphGet) {
  return async (accountId: string, query: ReplyQuery): Promise<ReplyLookup> => {
    try {
      if (query.kind === 'public') return await publicReply(platform, get, accountId, query);
      if (query.target.recipientId) return await directMessage(platform, get, accountId, query);
      return await privateReplyFromComment(platform, get, accountId, query);
    } catch (error) {
      const why = error instanceof PlatformError ? error.message : String(error);
      return { outcome: 'unknown', why: `the look on ${platform} for our reply failed: ${why}` };
    }
  };
}

async function publicReply(
  platform: 'facebook' | 'instagram',
  get: GraphGet,
  accountId: string,
  query: ReplyQuery,
): Promise<ReplyLookup> {
  const objectId =
    platform === 'instagram' ? query.target.commentId : (query.target.commentId ?? query.target.postId);
  if (!objectId) return { outcome: 'unknown', why: 'the reply has no comment or post to look under' };
  const id = graphIdSegment(objectId);
  const path =
    platform === 'instagram'
      ? `/${id}/replies?fields=id,text,timestamp,from&limit=${PAGE_SIZE}`
      : `/${id}/comments?fields=id,message,created_time,from&order=reverse_chronological&limit=${PAGE_SIZE}`;
  const page = await get(accountId, path);
  const items = listOf(page.data).map((item) => ({
    id: stringOf(item.id),
    authorId: stringOf(recordOf(item.from).id),
    text: stringOf(item.message ?? item.text),
    createdAt: Date.parse(stringOf(item.created_time ?? item.timestamp)),
  }));
  return pickOurReply(items, accountId, query, hasNextPage(page));
}

async function directMessage(
  platform: 'facebook' | 'instagram',
  get: GraphGet,
  accountId: string,
  query: ReplyQuery,
): Promise<ReplyLookup> {
  const user = graphIdSegment(query.target.recipientId ?? '');
  const path =
    `/${graphIdSegment(accountId)}/conversations?platform=${platform === 'instagram' ? 'instagram' : 'messenger'}` +
    `&user_id=${user}&fields=messages.limit(${PAGE_SIZE}){id,message,created_time,from}`;
  const page = await get(accountId, path);
  const conversation = listOf(page.data)[0];
  if (!conversation) return { outcome: 'absent' };
  const messages = recordOf(conversation.messages);
  const items: PlatformItem[] = listOf(messages.data).map((item) => ({
    id: stringOf(item.id),
    authorId: stringOf(recordOf(item.from).id),
    text: stringOf(item.message),
    createdAt: Date.parse(stringOf(item.created_time)),
  }));
  return pickOurReply(items, accountId, query, hasNextPage(messages));
}

async function privateReplyFromComment(
  platform: 'facebook' | 'instagram',
  get: GraphGet,
  accountId: string,
  query: ReplyQuery,
): Promise<ReplyLookup> {
  const commentId = query.target.privateReplyTo?.commentId;
  if (platform !== 'facebook' || !commentId) {
    return { outcome: 'unknown', why: `${platform} does not show whether a private reply to this was sent` };
  }
  const comment = await get(accountId, `/${graphIdSegment(commentId)}?fields=can_reply_privately`);
  if (comment.can_reply_privately === true) return { outcome: 'absent' };
  return {
    outcome: 'unknown',
    why: 'facebook no longer allows a private reply to the comment: ours may have been sent, or someone answered in the inbox',
  };
}

function hasNextPage(page: Record<string, unknown>): boolean {
  return typeof recordOf(page.paging).next === 'string';
}
