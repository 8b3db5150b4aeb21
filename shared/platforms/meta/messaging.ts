import type { EventKind } from '../../events.js';
import {
  type Attachment,
  attachment,
  epochMs,
  eventIdFor,
  type ItemContext,
  type ItemResult,
  ignore,
  malformed,
  receivedAt,
  refuse,
} from './items.js';
import { type MessagingItem, MessagingItemSchema } from './schemas.js';

/** `messaging[]` / `standby[]` items: Messenger and Instagram DMs, postbacks, edits. */

/** Messaging events we acknowledge without acting, by the key that names them. */
const IGNORED_MESSAGING: ReadonlyArray<readonly [key: string, type: string, reason: string]> = [
  ['delivery', 'messaging:delivery', 'delivery receipt'],
  ['read', 'messaging:read', 'read receipt'],
  ['reaction', 'messaging:reaction', 'reaction to a message, nothing to answer'],
  ['optin', 'messaging:optin', 'opt-in, no message yet'],
  ['referral', 'messaging:referral', 'referral (m.me / ig.me link or ad), no message yet'],
  ['pass_thread_control', 'messaging:handover', 'handover: thread control passed'],
  ['take_thread_control', 'messaging:handover', 'handover: thread control taken'],
  ['request_thread_control', 'messaging:handover', 'handover: thread control requested'],
  ['app_roles', 'messaging:handover', 'handover: app roles changed'],
];

const MESSAGING_ENVELOPE_KEYS: ReadonlySet<string> = new Set(['sender', 'recipient', 'timestamp', 'is_self']);

export function normaliseMessaging(raw: unknown, ctx: ItemContext): ItemResult {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return refuse(ctx.path, 'a messaging item must be an object');
  }
  if (!('message' in raw) && !('postback' in raw) && !('message_edit' in raw)) {
    for (const [key, type, reason] of IGNORED_MESSAGING) {
      if (key in raw) return ignore(type, ctx.path, reason);
    }
    const keys = Object.keys(raw).filter((key) => !MESSAGING_ENVELOPE_KEYS.has(key));
    return ignore(
      'messaging:unknown',
      ctx.path,
      `messaging event not handled (keys: ${keys.join(', ') || 'none'})`,
    );
  }
  const parsed = MessagingItemSchema.safeParse(raw);
  if (!parsed.success) return malformed(ctx.path, parsed.error);
  return messagingEvent(parsed.data, ctx);
}

function messagingEvent(item: MessagingItem, ctx: ItemContext): ItemResult {
  const { platform, accountId, options } = ctx;
  const message = item.message;
  // An echo is a message our account sent (from this app, the Page Inbox or another app);
  // Instagram self-messaging tests are marked is_self.
  const fromAccount =
    message?.is_echo === true ||
    message?.is_self === true ||
    item.is_self === true ||
    item.sender.id === accountId;
  const customerId = fromAccount ? item.recipient.id : item.sender.id;
  const sentBy = !fromAccount
    ? 'customer'
    : message?.app_id !== undefined && message.app_id === options.appId
      ? 'bot'
      : 'human';
  const occurredAt = epochMs(item.timestamp) ?? ctx.entryTime ?? receivedAt(ctx);

  let kind: EventKind;
  let messageId: string;
  let text: string;
  let attachments: Attachment[] = [];
  let inReplyToMessageId: string | undefined;
  if (item.message_edit) {
    kind = 'edited';
    messageId = item.message_edit.mid;
    text = item.message_edit.text ?? '';
  } else if (message) {
    kind = message.is_deleted ? 'deleted' : 'message';
    messageId = message.mid;
    text = message.is_deleted ? '' : (message.text ?? '');
    attachments = messageAttachments(message);
    inReplyToMessageId = message.reply_to?.mid;
  } else {
    // A postback: the person pressed a button. Before v11 postbacks had no mid; the sender and
    // timestamp then identify it, and both are the same when Meta retries the delivery.
    const postback = item.postback ?? {};
    kind = 'message';
    messageId = postback.mid ?? `postback:${item.sender.id}:${String(item.timestamp ?? occurredAt)}`;
    text = postback.title ?? '';
  }

  return {
    event: {
      eventId: eventIdFor(platform, messageId, kind, occurredAt),
      platform,
      channel: 'dm',
      kind,
      accountId,
      threadKey: `${platform}:${accountId}:dm:${customerId}`,
      messageId,
      ...(inReplyToMessageId ? { inReplyToMessageId } : {}),
      author: { id: item.sender.id },
      fromAccount,
      sentBy,
      text,
      attachments,
      occurredAt,
      replyTarget: { recipientId: customerId },
      ...(ctx.standby ? { standby: true } : {}),
    },
  };
}

/**
 * Messenger's like button sends these stickers (small, medium, large thumbs up): a lone one may
 * stay unanswered, any other sticker is a message.
 */
const LIKE_STICKER_IDS: ReadonlySet<string> = new Set([
  '369239263222822',
  '369239343222814',
  '369239383222810',
]);

type Message = NonNullable<MessagingItem['message']>;

/**
 * What came with a message besides its text, each with its link: photos, videos, audio, files,
 * stickers, shared posts and reels, story mentions, and the story a reply answers.
 */
function messageAttachments(message: Message): Attachment[] {
  const attachments = (message.attachments ?? []).map((a) => {
    const stickerId = a.payload?.sticker_id ?? message.sticker_id;
    const type =
      stickerId === undefined ? a.type : LIKE_STICKER_IDS.has(stickerId) ? 'like_sticker' : 'sticker';
    return attachment(type, a.payload?.url);
  });
  const story = message.reply_to?.story;
  if (story) attachments.push(attachment('story_reply', story.url));
  if (message.is_unsupported) attachments.push({ type: 'unsupported' });
  return attachments;
}
