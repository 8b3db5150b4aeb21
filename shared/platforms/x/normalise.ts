import { isInteger, isSafeNumber, parse as parseLosslessJson } from 'lossless-json';
import type * as z from 'zod/mini';
import {
  type IgnoredItem,
  type InboundEvent,
  type InboundEventInput,
  InboundEventSchema,
  type NormalisedDelivery,
} from '../../events.js';
import {
  type Context,
  deletedEvent,
  dmEvent,
  type Outcome,
  parseTime,
  partyFrom,
  revokedEvent,
  tweetEvent,
  usersMap,
} from './builders.js';
import { X_EVENT_UUID_PATTERN } from './ids.js';
import { xTextTooLong } from './limits.js';
import {
  AAA_METADATA_KEYS,
  type AaaDelivery,
  AaaDeliverySchema,
  AaaRevokeSchema,
  AaaTweetDeleteSchema,
  DmEventSchema,
  V1TweetSchema,
  type V2Post,
  V2PostSchema,
  XaaDmPayloadSchema,
  type XaaEnvelope,
  XaaEnvelopeSchema,
  type XaaIncludes,
  XaaPostDeletePayloadSchema,
  XaaRevokePayloadSchema,
  type XUser,
} from './schemas.js';

/** The body is not an X webhook delivery: the webhook answers 400. `reason` names the offending path. */
export class XPayloadError extends Error {
  override name = 'XPayloadError';
  constructor(readonly reason: string) {
    super(`not an X webhook delivery: ${reason}`);
  }
}

export interface NormaliseXOptions {
  /** our X app id: our own DMs whose `source_app_id` matches were sent by this system (`sentBy: 'bot'`) */
  appId?: string;
  /** when the delivery arrived, epoch ms (default: now); used only for items that carry no usable time */
  receivedAt?: number;
}

/**
 * Turns one X webhook delivery (Account Activity API or X Activity API envelope) into
 * platform-neutral events. Throws XPayloadError when the body is not an X delivery at all; a
 * single malformed or unsupported item inside a delivery is reported in `ignored` instead, so it
 * never costs the rest of the batch.
 *
 * The same tweet or DM normalises to the same InboundEvent whichever API delivered it: ids, text,
 * thread keys and times are derived from the tweet / DM itself, never from the envelope.
 */
export function normaliseXDelivery(rawBody: string, options: NormaliseXOptions = {}): NormalisedDelivery {
  const body = parseJsonKeepingIds(rawBody);
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new XPayloadError('body: expected a JSON object');
  }
  const context: Context = { appId: options.appId, receivedAt: options.receivedAt ?? Date.now() };
  if ('data' in body) return normaliseXaa(parseEnvelope(XaaEnvelopeSchema, body, ''), context);
  if ('for_user_id' in body || 'user_event' in body || 'replay_job_status' in body) {
    return normaliseAaa(parseEnvelope(AaaDeliverySchema, body, ''), context);
  }
  throw new XPayloadError(
    'body: neither an Account Activity delivery (for_user_id, user_event) nor an X Activity envelope (data.event_uuid)',
  );
}

/**
 * JSON.parse would turn the number 1332557345071644672 into 1332557345071644700. X sends ids
 * both as numbers and as `*_str` strings; parsing integers above 2^53 as their digits makes every
 * id in the body exact, whichever field a schema reads.
 */
function parseJsonKeepingIds(rawBody: string): unknown {
  try {
    return parseLosslessJson(rawBody, null, (digits) =>
      isInteger(digits) && !isSafeNumber(digits) ? digits : Number(digits),
    );
  } catch (error) {
    throw new XPayloadError(
      `body: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Raised inside one item; the item is then reported as ignored, the rest of the delivery goes on. */
class MalformedItem extends Error {}

function check<S extends z.ZodMiniType>(schema: S, value: unknown, path: string): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = [path, ...(issue?.path ?? []).map(String)].filter((part) => part !== '').join('.');
  throw new MalformedItem(`${where || 'body'}: ${issue?.message ?? 'invalid'}`);
}

function parseEnvelope<S extends z.ZodMiniType>(schema: S, value: unknown, path: string): z.output<S> {
  try {
    return check(schema, value, path);
  } catch (error) {
    if (error instanceof MalformedItem) throw new XPayloadError(error.message);
    throw error;
  }
}

class Collector {
  readonly events: InboundEvent[] = [];
  readonly ignored: IgnoredItem[] = [];
  readonly refused: IgnoredItem[] = [];

  /**
   * Runs one item's normaliser; a malformed item (an id of the wrong shape included) or a text
   * longer than X allows is refused with its path, the rest of the delivery goes on.
   */
  item(type: string, path: string, normalise: () => Outcome): void {
    try {
      const outcome = normalise();
      if ('reason' in outcome) {
        this.ignored.push(outcome);
        return;
      }
      const event = check(InboundEventSchema, outcome, `${path} (normalised)`);
      const tooLong = xTextTooLong(event);
      if (tooLong) this.refused.push({ type: 'text_too_long', reason: `${path}: ${tooLong}` });
      else this.events.push(event);
    } catch (error) {
      if (!(error instanceof MalformedItem)) throw error;
      this.refused.push({ type, reason: `malformed: ${error.message}` });
    }
  }

  result(): NormalisedDelivery {
    return { events: this.events, ignored: this.ignored, refused: this.refused };
  }
}

// ---------------------------------------------------------------------------------------------
// Account Activity API

const AAA_IGNORED_REASONS: Readonly<Record<string, string>> = {
  favorite_events: 'likes are not answered',
  follow_events: 'follows and unfollows are not answered',
  block_events: 'blocks are not answered',
  mute_events: 'mutes are not answered',
  direct_message_indicate_typing_events: 'typing indicator',
  direct_message_mark_read_events: 'read receipt',
  replay_job_status: 'replay job status',
};

function normaliseAaa(delivery: AaaDelivery, context: Context): NormalisedDelivery {
  const out = new Collector();
  const accountId = delivery.for_user_id;
  const needAccount = (path: string): string => {
    if (accountId === undefined) throw new MalformedItem(`for_user_id: required with ${path}`);
    return accountId;
  };
  const users = usersMap(delivery.users);
  // Older docs name the flag is_blocked_by; payloads send a boolean, docs show a string.
  const authorBlocked = [delivery.user_has_blocked, delivery.is_blocked_by].some(
    (flag) => flag === true || flag === 'true',
  );

  for (const [key, value] of Object.entries(delivery)) {
    if (AAA_METADATA_KEYS.has(key)) continue;
    const items = Array.isArray(value) ? value : [value];
    items.forEach((item, index) => {
      const path = Array.isArray(value) ? `${key}.${index}` : key;
      switch (key) {
        case 'tweet_create_events':
          out.item(key, path, () => {
            const account = needAccount(path);
            const tweet = check(V1TweetSchema, item, path);
            if (tweet.retweeted_status) return { type: key, reason: 'repost: nothing to answer' };
            if (authorBlocked && tweet.user.id_str !== account) {
              return { type: key, reason: 'the account has blocked the author (user_has_blocked)' };
            }
            const extended = tweet.truncated ? tweet.extended_tweet : undefined;
            const media = (extended?.extended_entities ?? tweet.extended_entities)?.media ?? [];
            return tweetEvent({
              accountId: account,
              tweetId: tweet.id_str,
              author: {
                id: tweet.user.id_str,
                name: tweet.user.name,
                handle: tweet.user.screen_name,
                followers: tweet.user.followers_count,
              },
              text: unescapeTweetText(extended?.full_text ?? tweet.text),
              inReplyToTweetId: tweet.in_reply_to_status_id_str ?? undefined,
              inReplyToUserId: tweet.in_reply_to_user_id_str ?? undefined,
              attachments: media.map((m) => ({ type: m.type, url: m.media_url_https ?? m.media_url })),
              ownPost: tweet.user.id_str === account,
              statedTime: tweet.timestamp_ms ?? parseTime(tweet.created_at),
              receivedAt: context.receivedAt,
            });
          });
          break;
        case 'direct_message_events':
          out.item(key, path, () =>
            dmEvent(needAccount(path), check(DmEventSchema, item, path), users, context),
          );
          break;
        case 'tweet_delete_events':
          out.item(key, path, () => {
            const deletion = check(AaaTweetDeleteSchema, item, path);
            return deletedEvent(
              needAccount(path),
              deletion.status.id,
              { id: deletion.status.user_id },
              deletion.timestamp_ms ?? context.receivedAt,
            );
          });
          break;
        case 'user_event':
          out.item(key, path, () => {
            const event = check(AaaRevokeSchema, item, path);
            const { source, target, date_time } = event.revoke;
            return revokedEvent(source.user_id, target?.app_id, date_time, context);
          });
          break;
        default:
          out.ignored.push({ type: key, reason: AAA_IGNORED_REASONS[key] ?? 'event type not acted on' });
      }
    });
  }
  return out.result();
}

// ---------------------------------------------------------------------------------------------
// X Activity API

/** event_type families we acknowledge without acting; anything not handled below is ignored too. */
const XAA_IGNORED_REASONS: ReadonlyArray<readonly [prefix: string, reason: string]> = [
  ['post.repost.', 'repost: nothing to answer'],
  ['like.', 'likes are not answered'],
  ['follow.', 'follows and unfollows are not answered'],
  ['dm.read', 'read receipt'],
  ['dm.indicate_typing', 'typing indicator'],
  ['chat.', 'encrypted XChat event: its content cannot be read through the API'],
  ['profile.', 'profile changes are not acted on'],
];

function normaliseXaa(envelope: XaaEnvelope, context: Context): NormalisedDelivery {
  const out = new Collector();
  const { event_type: type, payload, includes } = envelope.data;
  const filterUserId = envelope.data.filter.user_id;
  const path = 'data.payload';
  const needAccount = (): string => {
    if (filterUserId === undefined) throw new MalformedItem(`data.filter.user_id: required for ${type}`);
    return filterUserId;
  };
  // The envelope holds one event: an id of the wrong shape refuses it, answered 200 like any item.
  if (!X_EVENT_UUID_PATTERN.test(envelope.data.event_uuid)) {
    out.refused.push({ type, reason: 'malformed: data.event_uuid: expected an event uuid' });
    return out.result();
  }

  switch (type) {
    case 'post.create':
    case 'post.mention.create':
    case 'post.reply.create':
    case 'post.quote.create':
      out.item(type, path, () =>
        xaaPostEvent(type, needAccount(), check(V2PostSchema, payload, path), includes, context),
      );
      break;
    case 'post.delete':
      out.item(type, path, () => {
        const deletion = check(XaaPostDeletePayloadSchema, payload, path);
        const authorId = deletion.author_id ?? needAccount();
        return deletedEvent(
          needAccount(),
          deletion.id,
          partyFrom(authorId, findUser(includes, authorId)),
          context.receivedAt,
        );
      });
      break;
    case 'dm.received':
    case 'dm.sent':
      collectXaaDms(out, type, payload, needAccount, context);
      break;
    case 'oauth.revoke':
      out.item(type, path, () => {
        const revoke = check(XaaRevokePayloadSchema, payload, path);
        return revokedEvent(revoke.user_id, revoke.app_id, revoke.date_time, context);
      });
      break;
    default: {
      const reason = XAA_IGNORED_REASONS.find(([prefix]) => type.startsWith(prefix))?.[1];
      out.ignored.push({ type, reason: reason ?? 'event type not acted on' });
    }
  }
  return out.result();
}

/** A post event of the X Activity API (a mention, a reply, a quote, or the filtered user's own post). */
function xaaPostEvent(
  type: string,
  account: string,
  post: V2Post,
  includes: XaaIncludes | undefined,
  context: Context,
): InboundEventInput {
  return tweetEvent({
    accountId: account,
    tweetId: post.id,
    author: partyFrom(post.author_id, findUser(includes, post.author_id)),
    text: unescapeTweetText(post.note_tweet?.text ?? post.text),
    conversationId: post.conversation_id,
    inReplyToTweetId: repliedTo(post),
    inReplyToUserId: post.in_reply_to_user_id,
    attachments: v2Attachments(post, includes),
    // post.create fires only for the filtered user's own posts
    ownPost: type === 'post.create' || post.author_id === account,
    statedTime: parseTime(post.created_at),
    receivedAt: context.receivedAt,
  });
}

/** The DMs of one X Activity envelope: each its own item, the whole envelope refused when its shape is wrong. */
function collectXaaDms(
  out: Collector,
  type: string,
  payload: unknown,
  needAccount: () => string,
  context: Context,
): void {
  const path = 'data.payload';
  let dm: z.output<typeof XaaDmPayloadSchema>;
  try {
    dm = check(XaaDmPayloadSchema, payload, path);
  } catch (error) {
    if (!(error instanceof MalformedItem)) throw error;
    out.refused.push({ type, reason: `malformed: ${error.message}` });
    return;
  }
  const users = usersMap(dm.users);
  dm.direct_message_events.forEach((item, index) => {
    const itemPath = `${path}.direct_message_events.${index}`;
    out.item(type, itemPath, () =>
      dmEvent(needAccount(), check(DmEventSchema, item, itemPath), users, context),
    );
  });
}

/** X escapes exactly these three characters in post text (v1.1 and v2 alike); `&amp;` last. */
function unescapeTweetText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

function repliedTo(post: V2Post): string | undefined {
  return post.in_reply_to_tweet_id ?? post.referenced_tweets?.find((ref) => ref.type === 'replied_to')?.id;
}

function v2Attachments(post: V2Post, includes: XaaIncludes | undefined): InboundEventInput['attachments'] {
  const keys = post.attachments?.media_keys ?? [];
  return keys.flatMap((key) => {
    const media = includes?.media?.find((m) => m.media_key === key);
    return media ? [{ type: media.type, url: media.url ?? media.preview_image_url }] : [];
  });
}

function findUser(includes: XaaIncludes | undefined, id: string): XUser | undefined {
  return includes?.users?.find((user) => user.id === id);
}
