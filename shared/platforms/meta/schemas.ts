import * as z from 'zod';

/**
 * Zod schemas for Meta webhook bodies (`object: page | instagram`). They are loose on purpose:
 * Meta adds fields without notice, so unknown keys pass through and only what the normaliser
 * reads is checked. The envelope is checked first; each `changes[]` / `messaging[]` item is
 * parsed on its own so that one odd item never costs the rest of the batch.
 */

/** Graph ids are strings today; 2016-era payloads sent JSON numbers. */
const GraphId = z.union([z.string().min(1), z.number().int()]).transform(String);

/** Seconds, milliseconds, or (in Meta's doc examples) a placeholder string. */
const LooseTime = z.union([z.number(), z.string()]);

const Ref = z.looseObject({ id: GraphId });

export const MetaEntrySchema = z.looseObject({
  id: GraphId,
  time: LooseTime.optional(),
  changes: z.array(z.unknown()).optional(),
  messaging: z.array(z.unknown()).optional(),
  standby: z.array(z.unknown()).optional(),
});

export const MetaWebhookBodySchema = z.looseObject({
  object: z.string().min(1),
  entry: z.array(MetaEntrySchema),
});
export type MetaWebhookBody = z.infer<typeof MetaWebhookBodySchema>;

export const MetaChangeSchema = z.looseObject({ field: z.string().min(1), value: z.unknown() });

/** Page `feed` change value (comments, posts, reactions...). */
export const FeedValueSchema = z.looseObject({
  item: z.string().min(1),
  verb: z.string().min(1),
  from: z.looseObject({ id: GraphId, name: z.string().optional() }).optional(),
  /** before Graph v2.11 the author came as sender_id / sender_name */
  sender_id: GraphId.optional(),
  sender_name: z.string().optional(),
  post_id: GraphId.optional(),
  comment_id: GraphId.optional(),
  parent_id: GraphId.optional(),
  message: z.string().optional(),
  created_time: LooseTime.optional(),
  /** photo / video / share items: the media or shared URL */
  link: z.string().optional(),
  /** a photo attached to a comment; its shape is not documented, so anything else is dropped */
  photo: z.string().optional().catch(undefined),
  post: z.looseObject({ permalink_url: z.string().optional() }).optional(),
});
export type FeedValue = z.infer<typeof FeedValueSchema>;

/** Instagram `comments` / `live_comments` change value. */
export const InstagramCommentValueSchema = z
  .looseObject({
    /** Business Login for Instagram sends `id`; the Facebook-Login variant documents `comment_id` */
    id: GraphId.optional(),
    comment_id: GraphId.optional(),
    text: z.string().optional(),
    parent_id: GraphId.optional(),
    from: z.looseObject({
      id: GraphId,
      username: z.string().optional(),
      self_ig_scoped_id: GraphId.optional(),
    }),
    media: z.looseObject({ id: GraphId }).optional(),
  })
  .refine((value) => value.id !== undefined || value.comment_id !== undefined, {
    message: 'a comment needs `id` or `comment_id`',
    path: ['id'],
  });
export type InstagramCommentValue = z.infer<typeof InstagramCommentValueSchema>;

const MessageAttachmentSchema = z.looseObject({
  type: z.string().min(1),
  payload: z.looseObject({ url: z.string().optional() }).nullish(),
});

const MessageSchema = z.looseObject({
  mid: z.string().min(1),
  text: z.string().optional(),
  is_echo: z.boolean().optional(),
  is_self: z.boolean().optional(),
  is_deleted: z.boolean().optional(),
  is_unsupported: z.boolean().optional(),
  /** the app that sent an echo (JSON number in older payloads) */
  app_id: GraphId.optional(),
  reply_to: z.looseObject({ mid: z.string().optional() }).optional(),
  attachments: z.array(MessageAttachmentSchema).optional(),
});

const PostbackSchema = z.looseObject({
  title: z.string().optional(),
  payload: z.string().optional(),
  /** present since Graph v11.0 */
  mid: z.string().optional(),
});

const MessageEditSchema = z.looseObject({ mid: z.string().min(1), text: z.string().optional() });

/**
 * A `messaging[]` / `standby[]` item carrying something a person wrote: a message (or its echo),
 * a postback, or an edit. Receipts, reactions, optins and handover events are told apart by
 * their key alone and never parsed (some have no `sender.id` at all).
 */
export const MessagingItemSchema = z.looseObject({
  sender: Ref,
  recipient: Ref,
  timestamp: LooseTime.optional(),
  is_self: z.boolean().optional(),
  message: MessageSchema.optional(),
  postback: PostbackSchema.optional(),
  message_edit: MessageEditSchema.optional(),
});
export type MessagingItem = z.infer<typeof MessagingItemSchema>;
