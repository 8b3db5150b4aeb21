import type { Attachment, Channel, InboundEvent, Party, Platform } from '../events.js';
import type { PlatformErrorClass } from '../platforms/client.js';
import type { Decision, Escalation, Priority } from '../policy/decision.js';
import type { MaskedPaymentData } from '../policy/payment-data.js';

import type { ConversationStatus } from './lifecycle.js';

/** The statuses and their transitions are in lifecycle.ts. */
export type { ConversationStatus };

export interface Conversation {
  conversationId: string;
  brand: string;
  platform: Platform;
  channel: Channel;
  accountId: string;
  customer: Party;
  status: ConversationStatus;
  language?: string;
  escalation?: Escalation;
  priority?: Priority;
  createdAt: string;
  updatedAt: string;
  lastCustomerMessageAt?: number;
  /** automatic acknowledgements sent (publicly or privately) */
  automaticReplies: number;
  /** a person answered (agent through the system, or someone in the platform's own inbox) */
  humanReplied: boolean;
  /** the open hand-off case, while a person has it */
  caseId?: string;
  handedOffAt?: string;
  acknowledgedAt?: string;
  /** links: the public post/comment, and the DM link the customer was given */
  links: { public?: string; dm?: string };
  /** where replies go: the last reply target the platform gave us */
  replyTarget: InboundEvent['replyTarget'];
  topicId?: string;

  /**
   * the latest policy decision's summary, so a case can be re-published without its event (its
   * rules are in the decision's audit entry: the item stays under 1 KB, one write unit)
   */
  intent?: Decision['intent'];
  complex?: boolean;
  personalData?: Decision['personalData'];
  /** ISO time by which a person should answer the open case */
  dueBy?: string;
  /** ISO time of the customer message that opened the current case: its service-level clock starts there */
  caseOpenedAt?: string;

  /** the agent who holds the case (claimed or answered), and since when */
  claimedBy?: string;
  claimedAt?: string;
  /** service levels: the first reply a person sent through the system, the latest one, the close */
  firstHumanResponseAt?: string;
  lastHumanResponseAt?: string;
  closedAt?: string;
  closedBy?: string;
  /** how often a new customer message reopened the conversation after it was answered or closed */
  reopenCount?: number;
}

/** One line of a conversation's audit trail. `actor`: `bot`, `customer`, `platform_inbox` or `agent:<id>`. */
export interface AuditEntry {
  conversationId: string;
  at: string;
  actor: string;
  action: string;
  /** the platform event that caused an automated step */
  eventId?: string;
  /** the rules that caused an automated step */
  reasons?: string[];
  detail?: string;
}

export interface StoredMessage {
  conversationId: string;
  messageId: string;
  eventId: string;
  direction: 'in' | 'out';
  sentBy: 'customer' | 'bot' | 'human';
  channel: Channel;
  author: Party;
  text: string;
  /** photos, videos, files, stickers, shared posts, stories: type and the platform's link */
  attachments?: Attachment[];
  occurredAt: number;
  deleted?: boolean;
  editedAt?: number;
  /** for `sentBy: 'human'` replies sent through the agent API: who wrote it */
  agentId?: string;
  /** IBANs and card numbers the text held: stored masked, this says what was there */
  masked?: MaskedPaymentData[];
}

/**
 * sent | dry_run | failed once the platform call is over (an automatic reply is recorded only
 * then; an agent's is claimed as `sending` first); `retry` after a retryable failure (the next
 * attempt claims it again); `cancelled` when the message it answers was deleted first;
 * `in_doubt` when an attempt died mid-call: it is never sent again automatically.
 */
export type ReplyStatus = 'sending' | 'sent' | 'dry_run' | 'retry' | 'failed' | 'cancelled' | 'in_doubt';

export interface StoredReply {
  conversationId: string;
  replyId: string;
  eventId: string;
  kind: 'public' | 'private';
  /** the platform message this reply answers */
  inReplyTo: string;
  text: string;
  templateId: string;
  /** where the reply appears: the conversation's channel for a public reply, `dm` for a private one */
  channel?: Channel;
  /** set on replies people wrote through the system (their messages are stored on their own) */
  agentId?: string;
  /** the reply was deleted on the platform */
  deleted?: boolean;
  status: ReplyStatus;
  attempts: number;
  platformId?: string;
  errorClass?: PlatformErrorClass;
  error?: string;
  /** ISO time of the first retryable failure: the retry budget counts from there */
  firstFailedAt?: string;
  createdAt: string;
  updatedAt: string;
}

/**
 * The dedup / idempotency record of one platform event. A customer message's record carries its
 * decision and stays `processing`: the message written with its decision marks it complete; it
 * is kept on the message's pointer (message-claims.ts), an item of its own only when the pointer
 * is not free. Other events (edits, deletions, account changes) have an item of their own and are
 * marked `done`.
 */
export interface EventRecord {
  eventId: string;
  status: 'processing' | 'done';
  conversationId?: string;
  decision?: Decision;
  receivedAt: string;
}
