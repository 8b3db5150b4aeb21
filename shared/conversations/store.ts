import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { Platform } from '../events.js';
import type { Decision } from '../policy/decision.js';
import { type AccountState, Accounts } from './accounts.js';
import { type AuditInput, AuditTrail } from './audit.js';
import {
  type AutomaticOutcome,
  type CaseTransition,
  type CaseTransitionResult,
  type ConversationInit,
  Conversations,
} from './conversations.js';
import { EventRecords } from './events.js';
import { type ConversationPage, type ConversationQuery, listConversations } from './listing.js';
import { type DecisionEntry, Messages, transcript } from './messages.js';
import type {
  AuditEntry,
  Conversation,
  EventRecord,
  ReplyStatus,
  StoredMessage,
  StoredReply,
} from './model.js';
import {
  type ClaimedReplyInput,
  type IntendedReply,
  Replies,
  type ReplyClaim,
  type ReplySettlement,
} from './replies.js';
import type { TableAccess } from './table-access.js';

export { decisionAuditAction, isDecisionAudit } from './audit.js';
export {
  type AutomaticOutcome,
  type CaseTransition,
  type CaseTransitionResult,
  type ConversationInit,
  newConversation,
} from './conversations.js';
export { RETENTION_DAYS, STATUS_SHARD_COUNT, statusIndexKey, statusShard } from './keys.js';
export { type ConversationPage, type ConversationQuery, InvalidCursorError } from './listing.js';
export type { IntendedReply, ReplyClaim, ReplySettlement } from './replies.js';

/**
 * The conversation store, for callers that want every item type at hand: each method is one
 * item type module's (events, messages, replies, conversations, audit, accounts). No transactions
 * (dynalite has none, and they are not needed): every write is a conditional put or an
 * idempotent update, so a redelivered event changes nothing.
 */
export class ConversationStore {
  readonly events: EventRecords;
  readonly messages: Messages;
  readonly replies: Replies;
  readonly conversations: Conversations;
  readonly auditTrail: AuditTrail;
  readonly accounts: Accounts;
  private readonly table: TableAccess;

  constructor(db: DynamoDBDocumentClient, tableName: string, clock: () => Date = () => new Date()) {
    this.table = { db, tableName, clock };
    this.messages = new Messages(this.table);
    this.events = new EventRecords(this.table, this.messages);
    this.replies = new Replies(this.table);
    this.conversations = new Conversations(this.table);
    this.auditTrail = new AuditTrail(this.table);
    this.accounts = new Accounts(this.table);
  }

  openEvent(eventId: string, fields?: { conversationId?: string; decision?: Decision }) {
    return this.events.open(eventId, fields);
  }
  eventRecord(eventId: string): Promise<EventRecord | undefined> {
    return this.events.get(eventId);
  }
  /** `message`: the customer message the event carries, which is written with its decision last */
  eventCompleted(
    record: EventRecord,
    message?: Pick<StoredMessage, 'occurredAt' | 'messageId'>,
  ): Promise<boolean> {
    return this.events.completed(record, message);
  }
  completeEvent(eventId: string): Promise<void> {
    return this.events.complete(eventId);
  }

  conversationOfMessage(platform: Platform, messageId: string): Promise<string | undefined> {
    return this.messages.conversationOf(platform, messageId);
  }
  recordMessage(message: StoredMessage, platform: Platform): Promise<void> {
    return this.messages.record(message, platform);
  }
  /** False when the message was deleted before it arrived (a tombstone holds its pointer). */
  recordMessagePointer(message: StoredMessage, platform: Platform): Promise<boolean> {
    return this.messages.recordPointer(message, platform);
  }
  /** A customer message in its conversation; with `decided`, its event's last write (see Messages). */
  recordCustomerMessage(message: StoredMessage, platform: Platform, decided?: DecisionEntry): Promise<void> {
    return this.messages.recordInConversation(message, platform, decided);
  }
  senderOfMessage(platform: Platform, messageId: string): Promise<StoredMessage['sentBy'] | undefined> {
    return this.messages.senderOf(platform, messageId);
  }
  markMessageDeleted(platform: Platform, messageId: string): Promise<string | undefined> {
    return this.messages.markDeleted(platform, messageId);
  }
  recordEdit(platform: Platform, messageId: string, text: string, editedAt: number) {
    return this.messages.recordEdit(platform, messageId, text, editedAt);
  }
  recordReplyPointer(
    platform: Platform,
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    platformId: string,
  ) {
    return this.messages.pointAtReply(platform, reply, platformId);
  }
  /** The conversation's transcript, oldest first: people's messages and the replies this system sent. */
  async listMessages(conversationId: string, limit = 100): Promise<StoredMessage[]> {
    const [stored, replies] = await Promise.all([
      this.messages.listNewest(conversationId, limit),
      this.replies.list(conversationId),
    ]);
    return transcript(conversationId, stored, replies, limit);
  }

  listReplies(conversationId: string): Promise<StoredReply[]> {
    return this.replies.list(conversationId);
  }
  claimReply(reply: ClaimedReplyInput): Promise<ReplyClaim> {
    return this.replies.claim(reply);
  }
  settleReply(
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    status: Exclude<ReplyStatus, 'sending'>,
    details?: ReplySettlement,
  ): Promise<void> {
    return this.replies.settle(reply, status, details);
  }
  recordReply(
    reply: IntendedReply,
    status: Exclude<ReplyStatus, 'sending' | 'cancelled'>,
    details?: ReplySettlement,
  ): Promise<StoredReply> {
    return this.replies.record(reply, status, details);
  }
  resumeReply(reply: IntendedReply): Promise<ReplyClaim> {
    return this.replies.resume(reply);
  }
  cancelPendingReplies(conversationId: string, inReplyTo: string): Promise<number> {
    return this.replies.cancelPending(conversationId, inReplyTo);
  }

  getConversation(conversationId: string): Promise<Conversation | undefined> {
    return this.conversations.get(conversationId);
  }
  applyAutomaticOutcome(
    init: ConversationInit,
    eventId: string,
    customerMessageAt: number,
    outcome: AutomaticOutcome,
  ): Promise<Conversation | undefined> {
    return this.conversations.applyAutomaticOutcome(init, eventId, customerMessageAt, outcome);
  }
  markHumanReplied(conversationId: string): Promise<void> {
    return this.conversations.markHumanReplied(conversationId);
  }
  transitionCase(conversationId: string, change: CaseTransition): Promise<CaseTransitionResult> {
    return this.conversations.transitionCase(conversationId, change);
  }
  listConversations(query: ConversationQuery): Promise<ConversationPage> {
    return listConversations(this.table, query);
  }

  audit(conversationId: string, entry: AuditInput): Promise<void> {
    return this.auditTrail.append(conversationId, entry);
  }
  listAudit(conversationId: string): Promise<AuditEntry[]> {
    return this.auditTrail.list(conversationId);
  }

  recentTemplates(platform: Platform, accountId: string): Promise<string[]> {
    return this.accounts.recentTemplates(platform, accountId);
  }
  rememberTemplates(platform: Platform, accountId: string, recent: string[], used: string[]): Promise<void> {
    return this.accounts.rememberTemplates(platform, accountId, recent, used);
  }
  flagAccount(platform: Platform, accountId: string, problem: string): Promise<void> {
    return this.accounts.flag(platform, accountId, problem);
  }
  clearAccountFlag(platform: Platform, accountId: string): Promise<boolean> {
    return this.accounts.clearFlag(platform, accountId);
  }
  accountState(platform: Platform, accountId: string): Promise<AccountState> {
    return this.accounts.state(platform, accountId);
  }
}
