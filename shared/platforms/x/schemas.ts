import * as z from 'zod';

/**
 * Zod schemas for the two shapes X delivers to a v2 webhook: the Account Activity API (AAA,
 * `for_user_id` plus one event array) and the X Activity API envelope (XAA, `data.event_uuid`).
 * They are loose on purpose: X adds fields without notice, so unknown keys pass through and only
 * what the normaliser reads is checked. Ids are read from strings (`id_str`, string `id`s); the
 * body is parsed so that an integer above 2^53 arrives as its exact digits (see normalise.ts), and
 * a safe integer id is turned into its string here.
 */

/** An X id as exact decimal digits. */
export const XId = z
  .union([z.string().regex(/^\d+$/, 'expected a numeric id'), z.number().int().nonnegative()])
  .transform(String);

/** Epoch milliseconds, sent as a string (`"1606541403440"`) or, in older payloads, a number. */
const EpochMs = z
  .union([z.string().regex(/^\d+$/, 'expected epoch milliseconds'), z.number().int().nonnegative()])
  .transform(Number);

/**
 * A user as X sends it in any of its shapes: v1.1 (`id_str`, `screen_name`, `followers_count`),
 * v2 (`id`, `username`, `public_metrics.followers_count`), or v2 wrapped as `{data: user}`
 * (XAA DM `users` maps, `post.delete` includes).
 */
const UserFields = z.looseObject({
  id: XId.optional(),
  id_str: XId.optional(),
  name: z.string().optional(),
  screen_name: z.string().optional(),
  username: z.string().optional(),
  followers_count: z.number().int().nonnegative().optional(),
  public_metrics: z.looseObject({ followers_count: z.number().int().nonnegative().optional() }).optional(),
});
export interface XUser {
  id?: string;
  name?: string;
  handle?: string;
  followers?: number;
}
export const XUserSchema = z
  .union([z.looseObject({ data: UserFields }).transform((wrapped) => wrapped.data), UserFields])
  .transform(
    (user): XUser => ({
      id: user.id_str ?? user.id,
      name: user.name,
      handle: user.screen_name ?? user.username,
      followers: user.followers_count ?? user.public_metrics?.followers_count,
    }),
  );

const V1MediaSchema = z.looseObject({
  type: z.string(),
  media_url_https: z.string().optional(),
  media_url: z.string().optional(),
});
const V1EntitiesSchema = z.looseObject({ media: z.array(V1MediaSchema).optional() });

/** A v1.1 Tweet object as AAA's `tweet_create_events[]` carries it. */
export const V1TweetSchema = z.looseObject({
  id_str: XId,
  text: z.string().default(''),
  truncated: z.boolean().optional(),
  /** long posts: `text` holds the first 140 characters, the rest is here */
  extended_tweet: z
    .looseObject({ full_text: z.string(), extended_entities: V1EntitiesSchema.optional() })
    .optional(),
  in_reply_to_status_id_str: XId.nullish(),
  in_reply_to_user_id_str: XId.nullish(),
  user: z.looseObject({
    id_str: XId,
    name: z.string().optional(),
    screen_name: z.string().optional(),
    followers_count: z.number().int().nonnegative().optional(),
  }),
  retweeted_status: z.looseObject({}).nullish(),
  extended_entities: V1EntitiesSchema.optional(),
  timestamp_ms: EpochMs.optional(),
  /** `Sat Nov 28 05:30:03 +0000 2020` */
  created_at: z.string().optional(),
});
export type V1Tweet = z.infer<typeof V1TweetSchema>;

/** A legacy DM event, the same in AAA `direct_message_events[]` and XAA `dm.*` payloads. */
export const DmEventSchema = z.looseObject({
  type: z.string(),
  id: XId,
  created_timestamp: EpochMs,
  message_create: z
    .looseObject({
      target: z.looseObject({ recipient_id: XId }),
      sender_id: XId,
      source_app_id: XId.optional(),
      message_data: z.looseObject({
        text: z.string().default(''),
        attachment: z
          .looseObject({
            type: z.string(),
            media: z
              .looseObject({ type: z.string().optional(), media_url_https: z.string().optional() })
              .optional(),
          })
          .optional(),
      }),
    })
    .optional(),
});
export type DmEvent = z.infer<typeof DmEventSchema>;

export const UsersMapSchema = z.record(z.string(), XUserSchema);

export const AaaTweetDeleteSchema = z.looseObject({
  status: z.looseObject({ id: XId, user_id: XId }),
  timestamp_ms: EpochMs.optional(),
});

export const AaaRevokeSchema = z.looseObject({
  revoke: z.looseObject({
    date_time: z.string().optional(),
    source: z.looseObject({ user_id: XId }),
    target: z.looseObject({ app_id: XId.optional() }).optional(),
  }),
});

/**
 * An Account Activity delivery. Each event array is checked item by item by the normaliser;
 * keys not listed here (favorite_events, follow_events, typing, read receipts...) are
 * acknowledged as ignored.
 */
export const AaaDeliverySchema = z.looseObject({
  /** absent only on `user_event` (revoke) and `replay_job_status` deliveries */
  for_user_id: XId.optional(),
  /** mention deliveries: the subscribed account has blocked the author; docs show "false", payloads false */
  user_has_blocked: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  is_blocked_by: z.union([z.boolean(), z.enum(['true', 'false'])]).optional(),
  tweet_create_events: z.array(z.unknown()).optional(),
  direct_message_events: z.array(z.unknown()).optional(),
  tweet_delete_events: z.array(z.unknown()).optional(),
  users: z.record(z.string(), z.unknown()).optional(),
  user_event: z.unknown().optional(),
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
  text: z.string().default(''),
  author_id: XId,
  conversation_id: XId.optional(),
  in_reply_to_user_id: XId.optional(),
  /** XAA payloads carry it; plain v2 objects only have `referenced_tweets` */
  in_reply_to_tweet_id: XId.optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: XId })).optional(),
  /** posts longer than 280 characters: `text` is cut, the whole text is here */
  note_tweet: z.looseObject({ text: z.string() }).optional(),
  attachments: z.looseObject({ media_keys: z.array(z.string()).optional() }).optional(),
  /** ISO 8601, to the second */
  created_at: z.string().optional(),
});
export type V2Post = z.infer<typeof V2PostSchema>;

export const V2MediaSchema = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
});

export const XaaIncludesSchema = z.looseObject({
  users: z.array(XUserSchema).optional(),
  media: z.array(V2MediaSchema).optional(),
});
export type XaaIncludes = z.infer<typeof XaaIncludesSchema>;

export const XaaEnvelopeSchema = z.looseObject({
  data: z.looseObject({
    event_uuid: z.string().min(1),
    /** empty on `oauth.revoke` */
    filter: z.looseObject({ user_id: XId.optional() }).default({}),
    event_type: z.string().min(1),
    tag: z.string().optional(),
    payload: z.unknown(),
    includes: XaaIncludesSchema.optional(),
  }),
});
export type XaaEnvelope = z.infer<typeof XaaEnvelopeSchema>;

export const XaaPostDeletePayloadSchema = z.looseObject({ id: XId, author_id: XId.optional() });

export const XaaDmPayloadSchema = z.looseObject({
  direct_message_events: z.array(z.unknown()),
  users: z.record(z.string(), z.unknown()).optional(),
});

export const XaaRevokePayloadSchema = z.looseObject({
  user_id: XId,
  date_time: z.string().optional(),
  app_id: XId.optional(),
});
