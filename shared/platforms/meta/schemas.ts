import * as z from 'zod/mini';
import { GRAPH_ID_PATTERN, MESSAGE_ID_PATTERN } from './ids.js';

/**
 * Zod schemas for Meta webhook bodies (`object: page | instagram`). They are loose on purpose:
 * Meta adds fields without notice, so unknown keys pass through and only what the normaliser
 * reads is checked. The envelope is checked first; each `changes[]` / `messaging[]` item is
 * parsed on its own so that one odd item never costs the rest of the batch. `zod/mini`, because
 * the webhook loads these on every cold start.
 */

const NonEmptyString = z.string().check(z.minLength(1));

/** Graph ids are strings of digits today (`digits_digits` for posts and comments); 2016-era payloads sent JSON numbers. */
const GraphId = z.pipe(
  z.union([
    z.string().check(z.regex(GRAPH_ID_PATTERN, 'expected a Graph id (digits, or digits_digits)')),
    z.int().check(z.nonnegative()),
  ]),
  z.transform(String),
);

/** Messenger and Instagram message ids (`m_…`, `mid.…`, `aWdf…`). */
const MessageId = z.string().check(z.regex(MESSAGE_ID_PATTERN, 'expected a message id'));

/** Seconds, milliseconds, or (in Meta's doc examples) a placeholder string. */
const LooseTime = z.union([z.number(), z.string()]);

const Ref = z.looseObject({ id: GraphId });

export const MetaEntrySchema = z.looseObject({
  id: GraphId,
  time: z.optional(LooseTime),
  changes: z.optional(z.array(z.unknown())),
  messaging: z.optional(z.array(z.unknown())),
  standby: z.optional(z.array(z.unknown())),
});

/** The envelope; each entry is checked on its own (MetaEntrySchema). */
export const MetaWebhookBodySchema = z.looseObject({
  object: NonEmptyString,
  entry: z.array(z.unknown()),
});
export type MetaWebhookBody = z.infer<typeof MetaWebhookBodySchema>;

export const MetaChangeSchema = z.looseObject({ field: NonEmptyString, value: z.unknown() });

/** Page `feed` change value (comments, posts, reactions...). */
export const FeedValueSchema = z.looseObject({
  item: NonEmptyString,
  verb: NonEmptyString,
  from: z.optional(z.looseObject({ id: GraphId, name: z.optional(z.string()) })),
  /** before Graph v2.11 the author came as sender_id / sender_name */
  sender_id: z.optional(GraphId),
  sender_name: z.optional(z.string()),
  post_id: z.optional(GraphId),
  comment_id: z.optional(GraphId),
  parent_id: z.optional(GraphId),
  message: z.optional(z.string()),
  created_time: z.optional(LooseTime),
  /** photo / video / share items: the media or shared URL */
  link: z.optional(z.string()),
  /** a photo attached to a comment; its shape is not documented, so anything else is dropped */
  photo: z.catch(z.optional(z.string()), undefined),
  post: z.optional(z.looseObject({ permalink_url: z.optional(z.string()) })),
});
export type FeedValue = z.infer<typeof FeedValueSchema>;

const InstagramCommentFields = z.looseObject({
  /** Business Login for Instagram sends `id`; the Facebook-Login variant documents `comment_id` */
  id: z.optional(GraphId),
  comment_id: z.optional(GraphId),
  text: z.optional(z.string()),
  parent_id: z.optional(GraphId),
  from: z.looseObject({
    id: GraphId,
    username: z.optional(z.string()),
    self_ig_scoped_id: z.optional(GraphId),
  }),
  media: z.optional(z.looseObject({ id: GraphId })),
});

/** Instagram `comments` / `live_comments` change value. */
export const InstagramCommentValueSchema = InstagramCommentFields.check(
  z.refine<z.output<typeof InstagramCommentFields>>(
    (value) => value.id !== undefined || value.comment_id !== undefined,
    { message: 'a comment needs `id` or `comment_id`', path: ['id'] },
  ),
);
export type InstagramCommentValue = z.infer<typeof InstagramCommentValueSchema>;

/** Sticker ids come as JSON numbers; they are only compared, never used in a path. */
const StickerId = z.pipe(z.union([NonEmptyString, z.int()]), z.transform(String));

const MessageAttachmentSchema = z.looseObject({
  type: NonEmptyString,
  payload: z.nullish(z.looseObject({ url: z.optional(z.string()), sticker_id: z.optional(StickerId) })),
});

const MessageSchema = z.looseObject({
  mid: MessageId,
  text: z.optional(z.string()),
  is_echo: z.optional(z.boolean()),
  is_self: z.optional(z.boolean()),
  is_deleted: z.optional(z.boolean()),
  is_unsupported: z.optional(z.boolean()),
  /** the app that sent an echo (JSON number in older payloads) */
  app_id: z.optional(GraphId),
  /** Instagram: a reply to the account's story names the story instead of a message */
  reply_to: z.optional(
    z.looseObject({
      mid: z.optional(MessageId),
      story: z.optional(z.looseObject({ url: z.optional(z.string()), id: z.optional(z.string()) })),
    }),
  ),
  attachments: z.optional(z.array(MessageAttachmentSchema)),
  sticker_id: z.optional(StickerId),
});

const PostbackSchema = z.looseObject({
  title: z.optional(z.string()),
  payload: z.optional(z.string()),
  /** present since Graph v11.0 */
  mid: z.optional(MessageId),
});

const MessageEditSchema = z.looseObject({ mid: MessageId, text: z.optional(z.string()) });

/**
 * A `messaging[]` / `standby[]` item carrying something a person wrote: a message (or its echo),
 * a postback, or an edit. Receipts, reactions, optins and handover events are told apart by
 * their key alone and never parsed (some have no `sender.id` at all).
 */
export const MessagingItemSchema = z.looseObject({
  sender: Ref,
  recipient: Ref,
  timestamp: z.optional(LooseTime),
  is_self: z.optional(z.boolean()),
  message: z.optional(MessageSchema),
  postback: z.optional(PostbackSchema),
  message_edit: z.optional(MessageEditSchema),
});
export type MessagingItem = z.infer<typeof MessagingItemSchema>;
