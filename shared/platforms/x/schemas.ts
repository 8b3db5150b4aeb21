import * as z from 'zod/mini';
import { X_ID_PATTERN } from './ids.js';

/**
 * Zod schemas for the two shapes X delivers to a v2 webhook: the Account Activity API (AAA,
 * `for_user_id` plus one event array) and the X Activity API envelope (XAA, `data.event_uuid`).
 * They are loose on purpose: X adds fields without notice, so unknown keys pass through and only
 * what the normaliser reads is checked. Ids are read from strings (`id_str`, string `id`s); the
 * body is parsed so that an integer above 2^53 arrives as its exact digits (see normalise.ts), and
 * a safe integer id is turned into its string here. `zod/mini`, because the webhook loads these
 * on every cold start.
 */

const Count = z.int().check(z.nonnegative());
const TextOrEmpty = z._default(z.string(), '');

/** An X id as exact decimal digits. */
export const XId = z.pipe(
  z.union([z.string().check(z.regex(X_ID_PATTERN, 'expected a numeric id')), Count]),
  z.transform(String),
);

/** Epoch milliseconds, sent as a string (`"1606541403440"`) or, in older payloads, a number. */
const EpochMs = z.pipe(
  z.union([z.string().check(z.regex(/^\d+$/, 'expected epoch milliseconds')), Count]),
  z.transform(Number),
);

/**
 * A user as X sends it in any of its shapes: v1.1 (`id_str`, `screen_name`, `followers_count`),
 * v2 (`id`, `username`, `public_metrics.followers_count`), or v2 wrapped as `{data: user}`
 * (XAA DM `users` maps, `post.delete` includes).
 */
const UserFields = z.looseObject({
  id: z.optional(XId),
  id_str: z.optional(XId),
  name: z.optional(z.string()),
  screen_name: z.optional(z.string()),
  username: z.optional(z.string()),
  followers_count: z.optional(Count),
  public_metrics: z.optional(z.looseObject({ followers_count: z.optional(Count) })),
});
type UserFieldsOutput = z.output<typeof UserFields>;
export interface XUser {
  id?: string;
  name?: string;
  handle?: string;
  followers?: number;
}
export const XUserSchema = z.pipe(
  z.union([
    z.pipe(
      z.looseObject({ data: UserFields }),
      z.transform((wrapped: { data: UserFieldsOutput }) => wrapped.data),
    ),
    UserFields,
  ]),
  z.transform(
    (user: UserFieldsOutput): XUser => ({
      id: user.id_str ?? user.id,
      name: user.name,
      handle: user.screen_name ?? user.username,
      followers: user.followers_count ?? user.public_metrics?.followers_count,
    }),
  ),
);

const V1MediaSchema = z.looseObject({
  type: z.string(),
  media_url_https: z.optional(z.string()),
  media_url: z.optional(z.string()),
});
const V1EntitiesSchema = z.looseObject({ media: z.optional(z.array(V1MediaSchema)) });

/** A v1.1 Tweet object as AAA's `tweet_create_events[]` carries it. */
export const V1TweetSchema = z.looseObject({
  id_str: XId,
  text: TextOrEmpty,
  truncated: z.optional(z.boolean()),
  /** long posts: `text` holds the first 140 characters, the rest is here */
  extended_tweet: z.optional(
    z.looseObject({ full_text: z.string(), extended_entities: z.optional(V1EntitiesSchema) }),
  ),
  in_reply_to_status_id_str: z.nullish(XId),
  in_reply_to_user_id_str: z.nullish(XId),
  user: z.looseObject({
    id_str: XId,
    name: z.optional(z.string()),
    screen_name: z.optional(z.string()),
    followers_count: z.optional(Count),
  }),
  retweeted_status: z.nullish(z.looseObject({})),
  extended_entities: z.optional(V1EntitiesSchema),
  timestamp_ms: z.optional(EpochMs),
  /** `Sat Nov 28 05:30:03 +0000 2020` */
  created_at: z.optional(z.string()),
});
export type V1Tweet = z.infer<typeof V1TweetSchema>;

/** A legacy DM event, the same in AAA `direct_message_events[]` and XAA `dm.*` payloads. */
export const DmEventSchema = z.looseObject({
  type: z.string(),
  id: XId,
  created_timestamp: EpochMs,
  message_create: z.optional(
    z.looseObject({
      target: z.looseObject({ recipient_id: XId }),
      sender_id: XId,
      source_app_id: z.optional(XId),
      message_data: z.looseObject({
        text: TextOrEmpty,
        attachment: z.optional(
          z.looseObject({
            type: z.string(),
            media: z.optional(
              z.looseObject({
                type: z.optional(z.string()),
                media_url_https: z.optional(z.string()),
              }),
            ),
          }),
        ),
      }),
    }),
  ),
});
export type DmEvent = z.infer<typeof DmEventSchema>;

export const UsersMapSchema = z.record(z.string(), XUserSchema);

export const AaaTweetDeleteSchema = z.looseObject({
  status: z.looseObject({ id: XId, user_id: XId }),
  timestamp_ms: z.optional(EpochMs),
});

export const AaaRevokeSchema = z.looseObject({
  revoke: z.looseObject({
    date_time: z.optional(z.string()),
    source: z.looseObject({ user_id: XId }),
    target: z.optional(z.looseObject({ app_id: z.optional(XId) })),
  }),
});

/** A flag docs show as "false" and payloads send as false. */
const LooseBoolean = z.union([z.boolean(), z.enum(['true', 'false'])]);

/**
 * An Account Activity delivery. Each event array is checked item by item by the normaliser;
 * keys not listed here (favorite_events, follow_events, typing, read receipts...) are
 * acknowledged as ignored.
 */
export const AaaDeliverySchema = z.looseObject({
  /** absent only on `user_event` (revoke) and `replay_job_status` deliveries */
  for_user_id: z.optional(XId),
  /** mention deliveries: the subscribed account has blocked the author */
  user_has_blocked: z.optional(LooseBoolean),
  is_blocked_by: z.optional(LooseBoolean),
  tweet_create_events: z.optional(z.array(z.unknown())),
  direct_message_events: z.optional(z.array(z.unknown())),
  tweet_delete_events: z.optional(z.array(z.unknown())),
  users: z.optional(z.record(z.string(), z.unknown())),
  user_event: z.optional(z.unknown()),
});
export type AaaDelivery = z.infer<typeof AaaDeliverySchema>;

/** Top-level AAA keys that are not event arrays. */
export const AAA_METADATA_KEYS: ReadonlySet<string> = new Set([
  'for_user_id',
  'user_has_blocked',
  'is_blocked_by',
  'users',
  'apps',
]);

/** A v2 Post object: the payload of XAA `post.*` events and the items of `includes.tweets`. */
export const V2PostSchema = z.looseObject({
  id: XId,
  text: TextOrEmpty,
  author_id: XId,
  conversation_id: z.optional(XId),
  in_reply_to_user_id: z.optional(XId),
  /** XAA payloads carry it; plain v2 objects only have `referenced_tweets` */
  in_reply_to_tweet_id: z.optional(XId),
  referenced_tweets: z.optional(z.array(z.looseObject({ type: z.string(), id: XId }))),
  /** posts longer than 280 characters: `text` is cut, the whole text is here */
  note_tweet: z.optional(z.looseObject({ text: z.string() })),
  attachments: z.optional(z.looseObject({ media_keys: z.optional(z.array(z.string())) })),
  /** ISO 8601, to the second */
  created_at: z.optional(z.string()),
});
export type V2Post = z.infer<typeof V2PostSchema>;

export const V2MediaSchema = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: z.optional(z.string()),
  preview_image_url: z.optional(z.string()),
});

export const XaaIncludesSchema = z.looseObject({
  users: z.optional(z.array(XUserSchema)),
  media: z.optional(z.array(V2MediaSchema)),
});
export type XaaIncludes = z.infer<typeof XaaIncludesSchema>;

export const XaaEnvelopeSchema = z.looseObject({
  data: z.looseObject({
    /** its shape is checked by the normaliser, which refuses the event rather than the delivery */
    event_uuid: z.string().check(z.minLength(1)),
    /** empty on `oauth.revoke` */
    filter: z._default(z.looseObject({ user_id: z.optional(XId) }), {}),
    event_type: z.string().check(z.minLength(1)),
    tag: z.optional(z.string()),
    payload: z.unknown(),
    includes: z.optional(XaaIncludesSchema),
  }),
});
export type XaaEnvelope = z.infer<typeof XaaEnvelopeSchema>;

export const XaaPostDeletePayloadSchema = z.looseObject({ id: XId, author_id: z.optional(XId) });

export const XaaDmPayloadSchema = z.looseObject({
  direct_message_events: z.array(z.unknown()),
  users: z.optional(z.record(z.string(), z.unknown())),
});

export const XaaRevokePayloadSchema = z.looseObject({
  user_id: XId,
  date_time: z.optional(z.string()),
  app_id: z.optional(XId),
});
