import { PlatformError, type ReplyLookup, type ReplyQuery } from '../client.js';
import { listOf, type PlatformItem, pickOurReply, recordOf, stringOf } from '../reply-match.js';
import { xIdSegment } from './ids.js';

type XGet = (accountId: string, endpoint: string, path: string) => Promise<unknown>;

const PAGE_SIZE = 50;
/** Our clock and X's may disagree: the timeline is asked from a little before the attempt. */
const START_MARGIN_MS = 120_000;

/**
 * Looks for a reply we may have sent: among the account's posts since the attempt (a reply to
 * the customer's post, with our text), or among the DM events with the customer (sent by us).
 */
export function xReplyLookup(get: XGet) {
  return async (accountId: string, query: ReplyQuery): Promise<ReplyLookup> => {
    try {
      return query.kind === 'public'
        ? await publicReply(get, accountId, query)
        : await directMessage(get, accountId, query);
    } catch (error) {
      const why = error instanceof PlatformError ? error.message : String(error);
      return { outcome: 'unknown', why: `the look on x for our reply failed: ${why}` };
    }
  };
}

async function publicReply(get: XGet, accountId: string, query: ReplyQuery): Promise<ReplyLookup> {
  const inReplyTo = query.target.tweetId;
  if (!inReplyTo) return { outcome: 'unknown', why: 'the reply has no post to look under' };
  const startTime = new Date(query.since - START_MARGIN_MS).toISOString();
  const page = recordOf(
    await get(
      accountId,
      'GET /2/users/:id/tweets',
      `/2/users/${xIdSegment(accountId)}/tweets?max_results=${PAGE_SIZE}` +
        `&start_time=${encodeURIComponent(startTime)}&tweet.fields=created_at,author_id,referenced_tweets`,
    ),
  );
  const replies: PlatformItem[] = listOf(page.data)
    .filter((post) =>
      listOf(post.referenced_tweets).some((ref) => ref.type === 'replied_to' && ref.id === inReplyTo),
    )
    .map((post) => ({
      id: stringOf(post.id),
      authorId: stringOf(post.author_id) || accountId,
      text: stringOf(post.text),
      createdAt: Date.parse(stringOf(post.created_at)),
    }));
  return pickOurReply(replies, accountId, query, typeof recordOf(page.meta).next_token === 'string');
}

async function directMessage(get: XGet, accountId: string, query: ReplyQuery): Promise<ReplyLookup> {
  const participant = query.target.recipientId;
  if (!participant) return { outcome: 'unknown', why: 'the DM has no recipient to look up' };
  const page = recordOf(
    await get(
      accountId,
      'GET /2/dm_conversations/with/:participant_id/dm_events',
      `/2/dm_conversations/with/${xIdSegment(participant)}/dm_events?max_results=${PAGE_SIZE}` +
        '&event_types=MessageCreate&dm_event.fields=id,text,sender_id,created_at,event_type',
    ),
  );
  const messages: PlatformItem[] = listOf(page.data).map((event) => ({
    id: stringOf(event.id),
    authorId: stringOf(event.sender_id),
    text: stringOf(event.text),
    createdAt: Date.parse(stringOf(event.created_at)),
  }));
  return pickOurReply(messages, accountId, query, typeof recordOf(page.meta).next_token === 'string');
}
