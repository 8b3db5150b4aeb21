import { createHash, randomUUID } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import type { Channel, Platform } from '../events.js';
import { emitCount } from '../ops/emf.js';
import { OPS_METRICS } from '../ops/metric-names.js';
import type { Decision } from '../policy/decision.js';
import type {
  AuditEntry,
  Conversation,
  ConversationStatus,
  EventRecord,
  ReplyStatus,
  StoredMessage,
  StoredReply,
} from './model.js';
import { TABLE } from './table.js';

const DAY_SECONDS = 86_400;
/** How long conversations and their records are kept (DynamoDB TTL). */
export const RETENTION_DAYS = 400;
/** Dedup records only need to outlive the platforms' retry windows (Meta: 36 h). */
const EVENT_RETENTION_DAYS = 14;
const STATUS_SHARDS = 4;
const RECENT_TEMPLATES_KEPT = 20;
/**
 * Where a repeated text is refused (X: duplicate content), an account's recent templates are
 * kept in the table for every container to see. Elsewhere repetition is a matter of style, and
 * each container remembers its own: a write per event saved.
 */
const TEMPLATES_KEPT_IN_TABLE: ReadonlySet<Platform> = new Set(['x']);

const convPk = (conversationId: string) => `CONV#${conversationId}`;
const replySk = (replyId: string) => `REPLY#${replyId}`;
const replyKey = (conversationId: string, replyId: string) => ({
  pk: convPk(conversationId),
  sk: replySk(replyId),
});
const messagePointerPk = (platform: Platform, messageId: string) => `MSGID#${platform}#${messageId}`;
const accountPk = (platform: Platform, accountId: string) => `ACCOUNT#${platform}#${accountId}`;
const pad = (ms: number) => String(ms).padStart(15, '0');

/** Conversations of one status are spread over a few index partitions so no single one runs hot. */
export function statusShard(conversationId: string): number {
  return createHash('sha256').update(conversationId).digest().readUInt8(0) % STATUS_SHARDS;
}
export const STATUS_SHARD_COUNT = STATUS_SHARDS;
export const statusIndexKey = (status: ConversationStatus, shard: number) => `STATUS#${status}#${shard}`;

/** Automated steps are keyed by their event, so a retried step writes the same audit item. */
const automatedAuditSk = (eventId: string, action: string) => `AUDIT#${eventId}#${action}`;
const DECISION_AUDIT_PREFIX = 'decided_';
/** The audit action of an event's decision: its entry is the event's last write. */
export const decisionAuditAction = (decision: Pick<Decision, 'action'>) =>
  `${DECISION_AUDIT_PREFIX}${decision.action}`;
export const isDecisionAudit = (entry: Pick<AuditEntry, 'actor' | 'action'>) =>
  entry.actor === 'bot' && entry.action.startsWith(DECISION_AUDIT_PREFIX);

const isConditionFailure = (error: unknown) => error instanceof ConditionalCheckFailedException;

/** What the responder knows of a conversation before it exists: written with its first outcome. */
export type ConversationInit = Pick<
  Conversation,
  | 'conversationId'
  | 'brand'
  | 'platform'
  | 'channel'
  | 'accountId'
  | 'customer'
  | 'links'
  | 'replyTarget'
  | 'topicId'
>;

/**
 * A conversation before its first outcome is written: the defaults `applyAutomaticOutcome`
 * writes with `if_not_exists` (status new, no replies yet, no person has answered).
 */
export function newConversation(init: ConversationInit, now: Date): Conversation {
  return {
    ...init,
    status: 'new',
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    automaticReplies: 0,
    humanReplied: false,
  };
}

/** An automatic reply as its event's decision names it. */
export type IntendedReply = Pick<
  StoredReply,
  'conversationId' | 'replyId' | 'eventId' | 'kind' | 'inReplyTo' | 'text' | 'templateId' | 'channel'
>;

/** What a platform call left to record on its reply. */
export type ReplySettlement = Partial<
  Pick<StoredReply, 'platformId' | 'errorClass' | 'error' | 'firstFailedAt'>
>;

export type ReplyClaim =
  | { outcome: 'claimed'; reply: StoredReply }
  | { outcome: 'settled'; reply: StoredReply };

/** A conditional change of a case's state by an agent (see `ConversationStore.transitionCase`). */
export interface CaseTransition {
  agentId: string;
  /** the statuses the conversation must be in for the change to apply */
  from: readonly ConversationStatus[];
  /** `self`: the agent holds the case; `free_or_self`: nobody else holds it */
  holder: 'self' | 'free_or_self';
  to?: ConversationStatus;
  set?: Record<string, unknown>;
  /** set only when the attribute has no value yet (first response, first claim) */
  setIfAbsent?: Record<string, unknown>;
  remove?: readonly string[];
}

export type CaseTransitionResult =
  | { applied: true; conversation: Conversation }
  | { applied: false; conversation: Conversation | undefined };

export interface ConversationQuery {
  status: ConversationStatus;
  escalation?: string;
  brand?: string;
  platform?: string;
  /** only conversations this agent holds */
  claimedBy?: string;
  /** 1..100, default 25 */
  limit?: number;
  order?: 'newest' | 'oldest';
  cursor?: string;
}

export interface ConversationPage {
  items: Conversation[];
  /** present when there may be more: pass it back to get the next page */
  cursor?: string;
}

/** A cursor that is not one this store issued. */
export class InvalidCursorError extends Error {
  override name = 'InvalidCursorError';
}

interface CursorKey {
  pk: string;
  sk: string;
  gsi1pk: string;
  gsi1sk: string;
}
/** per shard: 0 = not started, a key = continue after it, null = exhausted */
type CursorPosition = 0 | null | CursorKey;

function encodeCursor(positions: readonly CursorPosition[]): string {
  return Buffer.from(JSON.stringify(positions)).toString('base64url');
}

function decodeCursor(cursor: string): CursorPosition[] {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
  const isKey = (p: unknown): p is CursorKey =>
    typeof p === 'object' &&
    p !== null &&
    ['pk', 'sk', 'gsi1pk', 'gsi1sk'].every((k) => typeof (p as Record<string, unknown>)[k] === 'string');
  if (
    !Array.isArray(value) ||
    value.length !== STATUS_SHARDS ||
    !value.every((p) => p === 0 || p === null || isKey(p))
  ) {
    throw new InvalidCursorError('the cursor is not one this API issued');
  }
  return value as CursorPosition[];
}

/**
 * The conversation store. No transactions (dynalite has none, and they are not needed): every
 * write is a conditional put or an idempotent update, so a redelivered event changes nothing.
 */
export class ConversationStore {
  private readonly recentInContainer = new Map<string, string[]>();

  constructor(
    private readonly db: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private expiry(days: number): number {
    return Math.floor(this.clock().getTime() / 1000) + days * DAY_SECONDS;
  }

  private live<T extends Record<string, unknown>>(item: T | undefined): T | undefined {
    if (!item) return undefined;
    const expiresAt = item[TABLE.ttlAttribute];
    return typeof expiresAt === 'number' && expiresAt * 1000 < this.clock().getTime() ? undefined : item;
  }

  /**
   * Opens the idempotency record of an event, with the conversation it belongs to and, for a
   * customer message, the decision taken. The first attempt's record holds: when an earlier or a
   * concurrent attempt opened one, that record is returned (`opened: false`) and its conversation
   * and decision stand, so a resumed attempt sends exactly what the first one decided.
   */
  async openEvent(
    eventId: string,
    fields: { conversationId?: string; decision?: Decision } = {},
  ): Promise<{ opened: boolean; record: EventRecord }> {
    const record: EventRecord = {
      eventId,
      status: 'processing',
      receivedAt: this.clock().toISOString(),
      ...(fields.conversationId ? { conversationId: fields.conversationId } : {}),
      ...(fields.decision ? { decision: fields.decision } : {}),
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: `EVENT#${eventId}`,
            sk: 'EVENT',
            ...record,
            expiresAt: this.expiry(EVENT_RETENTION_DAYS),
          },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { opened: true, record };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { opened: false, record: (await this.eventRecord(eventId)) as EventRecord };
    }
  }

  /** The idempotency record of an event, when an attempt opened one. */
  async eventRecord(eventId: string): Promise<EventRecord | undefined> {
    const existing = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
        ConsistentRead: true,
      }),
    );
    return existing.Item as EventRecord | undefined;
  }

  /**
   * Whether an event was handled completely. Events that are not customer messages are marked
   * `done`; a customer message is complete once its decision's audit entry is written, its
   * last step, so completing one costs no write of its own.
   */
  async eventCompleted(record: EventRecord): Promise<boolean> {
    if (record.status === 'done') return true;
    if (!record.decision || !record.conversationId) return false;
    const audit = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: {
          pk: convPk(record.conversationId),
          sk: automatedAuditSk(record.eventId, decisionAuditAction(record.decision)),
        },
        ConsistentRead: true,
      }),
    );
    return audit.Item !== undefined;
  }

  async completeEvent(eventId: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: `EVENT#${eventId}`, sk: 'EVENT' },
        UpdateExpression: 'SET #s = :done',
        ExpressionAttributeNames: { '#s': 'status' },
        ExpressionAttributeValues: { ':done': 'done' },
      }),
    );
  }

  /** Which conversation a platform message belongs to, if we have stored it. */
  async conversationOfMessage(platform: Platform, messageId: string): Promise<string | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item)?.conversationId as string | undefined;
  }

  /** Records a message in its conversation; writing the same message again changes nothing. */
  async recordMessage(message: StoredMessage, platform: Platform): Promise<void> {
    const sk = `MSG#${pad(message.occurredAt)}#${message.messageId}`;
    const expiresAt = this.expiry(RETENTION_DAYS);
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: { pk: convPk(message.conversationId), sk, ...message, expiresAt },
      }),
    );
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: messagePointerPk(platform, message.messageId),
          sk: 'MSGID',
          conversationId: message.conversationId,
          messageSk: sk,
          sentBy: message.sentBy,
          expiresAt,
        },
      }),
    );
  }

  /** How our side sent a message: `bot` when it is a reply this system posted. */
  async senderOfMessage(platform: Platform, messageId: string): Promise<StoredMessage['sentBy'] | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item)?.sentBy as StoredMessage['sentBy'] | undefined;
  }

  /** The message was deleted on the platform before we received it. */
  async deletedBeforeArrival(platform: Platform, messageId: string): Promise<boolean> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    return this.live(result.Item)?.tombstone === true;
  }

  private async messagePointer(platform: Platform, messageId: string) {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: messagePointerPk(platform, messageId), sk: 'MSGID' },
      }),
    );
    const item = this.live(result.Item);
    return item && !item.tombstone ? (item as { conversationId: string; messageSk: string }) : undefined;
  }

  /** Marks a stored message deleted; returns its conversation, or undefined when we never stored it. */
  async markMessageDeleted(platform: Platform, messageId: string): Promise<string | undefined> {
    const pointer = await this.messagePointer(platform, messageId);
    if (!pointer) {
      // Deleted before we saw it (the deletion overtook the message in another queue group):
      // leave a tombstone so the message, when it arrives, is recorded as deleted and not answered.
      await this.db
        .send(
          new PutCommand({
            TableName: this.tableName,
            Item: {
              pk: messagePointerPk(platform, messageId),
              sk: 'MSGID',
              tombstone: true,
              expiresAt: this.expiry(EVENT_RETENTION_DAYS),
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      return undefined;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: convPk(pointer.conversationId), sk: pointer.messageSk },
        UpdateExpression: 'SET deleted = :t',
        ExpressionAttributeValues: { ':t': true },
      }),
    );
    return pointer.conversationId;
  }

  /** Applies an edit to a stored message (the newest edit wins); returns its conversation. */
  async recordEdit(
    platform: Platform,
    messageId: string,
    text: string,
    editedAt: number,
  ): Promise<string | undefined> {
    const pointer = await this.messagePointer(platform, messageId);
    if (!pointer) return undefined;
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(pointer.conversationId), sk: pointer.messageSk },
          UpdateExpression: 'SET #t = :text, editedAt = :at',
          ConditionExpression: 'attribute_not_exists(editedAt) OR editedAt < :at',
          ExpressionAttributeNames: { '#t': 'text' },
          ExpressionAttributeValues: { ':text': text, ':at': editedAt },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    return pointer.conversationId;
  }

  async getConversation(conversationId: string): Promise<Conversation | undefined> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: convPk(conversationId), sk: 'META' },
        ConsistentRead: true,
      }),
    );
    return this.live(result.Item) as Conversation | undefined;
  }

  /** The conversation's messages, oldest first. */
  /**
   * The conversation's messages, oldest first: what customers and people wrote, and the replies
   * this system sent (kept once, as reply items, not copied into message items).
   */
  async listMessages(conversationId: string, limit = 100): Promise<StoredMessage[]> {
    const [messages, replies] = await Promise.all([
      this.db.send(
        new QueryCommand({
          TableName: this.tableName,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :msg)',
          ExpressionAttributeValues: { ':pk': convPk(conversationId), ':msg': 'MSG#' },
          ScanIndexForward: false,
          Limit: limit,
          ConsistentRead: true,
        }),
      ),
      this.listReplies(conversationId),
    ]);
    const stored = (messages.Items ?? []).filter((item) => this.live(item)) as StoredMessage[];
    const sentByBot = replies
      .filter((r) => !r.agentId && (r.status === 'sent' || r.status === 'dry_run'))
      .map(
        (r): StoredMessage => ({
          conversationId,
          messageId: r.platformId ?? r.replyId,
          eventId: r.eventId,
          direction: 'out',
          sentBy: 'bot',
          channel: r.channel ?? (r.kind === 'private' ? 'dm' : 'comment'),
          author: { id: 'bot' },
          text: r.text,
          occurredAt: Date.parse(r.updatedAt),
          ...(r.deleted ? { deleted: true } : {}),
        }),
      );
    return [...stored, ...sentByBot].sort((a, b) => a.occurredAt - b.occurredAt).slice(-limit);
  }

  /** Points the platform id of a reply we sent at its conversation: its echo is then known as ours. */
  async recordReplyPointer(
    platform: Platform,
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    platformId: string,
  ) {
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          pk: messagePointerPk(platform, platformId),
          sk: 'MSGID',
          conversationId: reply.conversationId,
          messageSk: replySk(reply.replyId),
          sentBy: 'bot',
          expiresAt: this.expiry(RETENTION_DAYS),
        },
      }),
    );
  }

  async listReplies(conversationId: string): Promise<StoredReply[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :r)',
        ExpressionAttributeValues: { ':pk': convPk(conversationId), ':r': 'REPLY#' },
        ConsistentRead: true,
      }),
    );
    return (result.Items ?? []) as StoredReply[];
  }

  /**
   * Claims the right to send a reply: an agent's reply, or an automatic one sent again after a
   * retryable failure. Only one attempt ever holds it: the reply is written as `sending` before
   * the platform call and settled after, so a retried or concurrent attempt never posts twice. A
   * reply left `sending` by an attempt that died is `in_doubt` and not sent again.
   */
  async claimReply(
    reply: Pick<
      StoredReply,
      'conversationId' | 'replyId' | 'eventId' | 'kind' | 'inReplyTo' | 'text' | 'templateId'
    > & { agentId?: string; channel?: Channel },
  ): Promise<ReplyClaim> {
    const now = this.clock().toISOString();
    const key = replyKey(reply.conversationId, reply.replyId);
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression:
            'SET conversationId = :c, replyId = :r, eventId = :e, kind = :k, inReplyTo = :irt, #t = :text, templateId = :tpl, #s = :sending, attempts = if_not_exists(attempts, :zero) + :one, createdAt = if_not_exists(createdAt, :now), updatedAt = :now, expiresAt = :exp' +
            (reply.agentId ? ', agentId = :agent' : '') +
            (reply.channel ? ', #channel = :channel' : ''),
          ConditionExpression: 'attribute_not_exists(pk) OR #s = :retry',
          ExpressionAttributeNames: {
            '#s': 'status',
            '#t': 'text',
            ...(reply.channel ? { '#channel': 'channel' } : {}),
          },
          ExpressionAttributeValues: {
            ':c': reply.conversationId,
            ':r': reply.replyId,
            ':e': reply.eventId,
            ':k': reply.kind,
            ':irt': reply.inReplyTo,
            ':text': reply.text,
            ':tpl': reply.templateId,
            ':sending': 'sending',
            ':retry': 'retry',
            ':zero': 0,
            ':one': 1,
            ':now': now,
            ':exp': this.expiry(RETENTION_DAYS),
            ...(reply.agentId ? { ':agent': reply.agentId } : {}),
            ...(reply.channel ? { ':channel': reply.channel } : {}),
          },
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { outcome: 'claimed', reply: result.Attributes as StoredReply };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const existing = (
        await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))
      ).Item as StoredReply;
      if (existing.status === 'sending') {
        const error =
          'an earlier attempt stopped during the platform call; not sent again to avoid a double post';
        try {
          // Only while it is still `sending`: an attempt that finished meanwhile has the last word.
          await this.db.send(
            new UpdateCommand({
              TableName: this.tableName,
              Key: key,
              UpdateExpression: 'SET #s = :doubt, #e = :error, updatedAt = :now',
              ConditionExpression: '#s = :sending',
              ExpressionAttributeNames: { '#s': 'status', '#e': 'error' },
              ExpressionAttributeValues: {
                ':doubt': 'in_doubt',
                ':sending': 'sending',
                ':error': error,
                ':now': now,
              },
            }),
          );
          return { outcome: 'settled', reply: { ...existing, status: 'in_doubt', error } };
        } catch (raceError) {
          if (!isConditionFailure(raceError)) throw raceError;
          const settled = await this.db.send(
            new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }),
          );
          return { outcome: 'settled', reply: settled.Item as StoredReply };
        }
      }
      return { outcome: 'settled', reply: existing };
    }
  }

  async settleReply(
    reply: Pick<StoredReply, 'conversationId' | 'replyId'>,
    status: Exclude<ReplyStatus, 'sending'>,
    details: ReplySettlement = {},
  ): Promise<void> {
    const sets = ['#s = :s', 'updatedAt = :now'];
    const names: Record<string, string> = { '#s': 'status' };
    const values: Record<string, unknown> = { ':s': status, ':now': this.clock().toISOString() };
    for (const [name, value] of Object.entries(details)) {
      if (value === undefined) continue;
      // Names go through placeholders: `error` is a DynamoDB reserved word.
      sets.push(`#${name} = :${name}`);
      names[`#${name}`] = name;
      values[`:${name}`] = value;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: replyKey(reply.conversationId, reply.replyId),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
  }

  /**
   * Records an automatic reply after its platform call (or instead of it: a dry run). No claim
   * is written before the call: the event's record, opened with the decision before any call,
   * is the claim, and `resumeReply` treats a decided reply without an item as in doubt.
   */
  async recordReply(
    reply: IntendedReply,
    status: Exclude<ReplyStatus, 'sending' | 'cancelled'>,
    details: ReplySettlement = {},
  ): Promise<StoredReply> {
    const now = this.clock().toISOString();
    const item: StoredReply = {
      ...reply,
      status,
      attempts: 1,
      createdAt: now,
      updatedAt: now,
      ...Object.fromEntries(Object.entries(details).filter(([, value]) => value !== undefined)),
    };
    await this.db.send(
      new PutCommand({
        TableName: this.tableName,
        Item: {
          ...replyKey(reply.conversationId, reply.replyId),
          ...item,
          expiresAt: this.expiry(RETENTION_DAYS),
        },
      }),
    );
    return item;
  }

  /**
   * A reply decided by an earlier attempt of the same event. One that failed in a retryable way
   * is claimed again (`claimed`: send it now); one the earlier attempt settled is returned as it
   * is; one without an item was being sent when that attempt died, so it is in doubt and is never
   * sent again automatically.
   */
  async resumeReply(reply: IntendedReply): Promise<ReplyClaim> {
    const key = replyKey(reply.conversationId, reply.replyId);
    const existing = (
      await this.db.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }))
    ).Item as StoredReply | undefined;
    // Only a reply left to retry (or one still `sending`, which becomes in doubt) needs the claim's
    // conditional write; a settled one is returned as read, without a refused write.
    if (existing && existing.status !== 'retry' && existing.status !== 'sending') {
      return { outcome: 'settled', reply: existing };
    }
    if (existing) return this.claimReply(reply);
    const now = this.clock().toISOString();
    const inDoubt: StoredReply = {
      ...reply,
      status: 'in_doubt',
      attempts: 1,
      error:
        'an earlier attempt stopped before it recorded the platform call; not sent again to avoid a double post',
      createdAt: now,
      updatedAt: now,
    };
    try {
      await this.db.send(
        new PutCommand({
          TableName: this.tableName,
          Item: { ...key, ...inDoubt, expiresAt: this.expiry(RETENTION_DAYS) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      return { outcome: 'settled', reply: inDoubt };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      // The earlier attempt was still running and has just recorded its call.
      return this.claimReply(reply);
    }
  }

  /** Cancels replies to a message that were not sent yet (the customer deleted it first). */
  async cancelPendingReplies(conversationId: string, inReplyTo: string): Promise<number> {
    const pending = (await this.listReplies(conversationId)).filter(
      (r) => r.inReplyTo === inReplyTo && r.status === 'retry',
    );
    for (const reply of pending) {
      try {
        await this.db.send(
          new UpdateCommand({
            TableName: this.tableName,
            Key: replyKey(conversationId, reply.replyId),
            UpdateExpression: 'SET #s = :cancelled, updatedAt = :now',
            ConditionExpression: '#s = :retry',
            ExpressionAttributeNames: { '#s': 'status' },
            ExpressionAttributeValues: {
              ':cancelled': 'cancelled',
              ':retry': 'retry',
              ':now': this.clock().toISOString(),
            },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    }
    return pending.length;
  }

  /**
   * Writes what handling one customer message did to its conversation, in one update: creates the
   * conversation on its first message, refreshes it on later ones, and records the outcome
   * (status, counters, the decision's summary agents see). Applied once per event: a retried
   * event whose outcome is already there changes nothing. The statuses of a conversation's
   * events move in order (one FIFO group per conversation), so remembering the last applied
   * event is enough. Returns the conversation as written, or undefined when it was there already.
   */
  async applyAutomaticOutcome(
    init: ConversationInit,
    eventId: string,
    customerMessageAt: number,
    outcome: {
      status?: ConversationStatus;
      acknowledged: boolean;
      decision: Decision;
      caseId?: string;
      /** ISO time of the customer message that opened a new case (not set for an update of the open case) */
      caseOpenedAt?: string;
      /** a customer message reopened an answered or closed conversation */
      reopened?: boolean;
    },
  ): Promise<Conversation | undefined> {
    const now = this.clock().toISOString();
    const { decision } = outcome;
    const id = init.conversationId;
    const names: Record<string, string> = { '#s': 'status', '#ch': 'channel', '#lang': 'language' };
    const values: Record<string, unknown> = {
      ':id': id,
      ':brand': init.brand,
      ':platform': init.platform,
      ':channel': init.channel,
      ':account': init.accountId,
      ':customer': init.customer,
      ':now': now,
      ':zero': 0,
      ':false': false,
      ':links': init.links,
      ':target': init.replyTarget,
      ':exp': this.expiry(RETENTION_DAYS),
      ':ev': eventId,
      ':lcm': customerMessageAt,
      ':lang': decision.language,
      ':esc': decision.escalation,
      ':prio': decision.priority,
      ':intent': decision.intent,
      ':complex': decision.complex,
      ':pd': decision.personalData,
    };
    const sets = [
      'conversationId = :id',
      'brand = if_not_exists(brand, :brand)',
      'platform = :platform',
      '#ch = if_not_exists(#ch, :channel)',
      'accountId = :account',
      'customer = if_not_exists(customer, :customer)',
      'createdAt = if_not_exists(createdAt, :now)',
      'updatedAt = :now',
      'humanReplied = if_not_exists(humanReplied, :false)',
      'links = if_not_exists(links, :links)',
      'replyTarget = if_not_exists(replyTarget, :target)',
      'expiresAt = :exp',
      'lastEventId = :ev',
      '#lang = :lang',
      'escalation = :esc',
      'priority = :prio',
      'intent = :intent',
      'complex = :complex',
      'personalData = :pd',
    ];
    if (init.topicId) {
      sets.push('topicId = if_not_exists(topicId, :topic)');
      values[':topic'] = init.topicId;
    }
    const removes: string[] = [];
    if (outcome.status) {
      sets.push('#s = :status', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
      values[':status'] = outcome.status;
      values[':gsi1pk'] = statusIndexKey(outcome.status, statusShard(id));
      values[':gsi1sk'] = now;
    } else {
      // A new conversation whose message changed nothing else is still listed as new.
      sets.push('#s = if_not_exists(#s, :new)', 'gsi1pk = if_not_exists(gsi1pk, :gsi1pk)');
      sets.push('gsi1sk = if_not_exists(gsi1sk, :gsi1sk)');
      values[':new'] = 'new';
      values[':gsi1pk'] = statusIndexKey('new', statusShard(id));
      values[':gsi1sk'] = now;
    }
    if (outcome.acknowledged) {
      sets.push(
        'automaticReplies = if_not_exists(automaticReplies, :zero) + :one',
        'acknowledgedAt = if_not_exists(acknowledgedAt, :now)',
      );
      values[':one'] = 1;
    } else {
      sets.push('automaticReplies = if_not_exists(automaticReplies, :zero)');
    }
    if (outcome.caseId && outcome.caseOpenedAt) {
      // A new case: its service-level clock starts again and nobody holds it yet.
      sets.push('caseId = :case', 'handedOffAt = :now', 'caseOpenedAt = :opened');
      values[':case'] = outcome.caseId;
      values[':opened'] = outcome.caseOpenedAt;
      if (decision.dueBy) {
        sets.push('dueBy = :due');
        values[':due'] = decision.dueBy;
      } else {
        removes.push('dueBy');
      }
      removes.push(
        'claimedBy',
        'claimedAt',
        'firstHumanResponseAt',
        'lastHumanResponseAt',
        'closedAt',
        'closedBy',
      );
    } else if (outcome.caseId) {
      sets.push('caseId = :case', 'handedOffAt = if_not_exists(handedOffAt, :now)');
      values[':case'] = outcome.caseId;
      if (decision.dueBy) {
        sets.push('dueBy = if_not_exists(dueBy, :due)');
        values[':due'] = decision.dueBy;
      }
    }
    if (outcome.reopened) {
      sets.push('reopenCount = if_not_exists(reopenCount, :zero) + :one');
      values[':one'] = 1;
    }
    const notApplied = '(attribute_not_exists(lastEventId) OR lastEventId <> :ev)';
    const update = (withWindowStart: boolean) =>
      this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(id), sk: 'META' },
          UpdateExpression: `SET ${[...sets, ...(withWindowStart ? ['lastCustomerMessageAt = :lcm'] : [])].join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: withWindowStart
            ? `${notApplied} AND (attribute_not_exists(lastCustomerMessageAt) OR lastCustomerMessageAt < :lcm)`
            : notApplied,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: withWindowStart
            ? values
            : Object.fromEntries(Object.entries(values).filter(([k]) => k !== ':lcm')),
          ReturnValues: 'ALL_NEW',
        }),
      );
    try {
      return (await update(true)).Attributes as Conversation;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
    // Either a message delivered late (it must not move the window start backwards) or the
    // outcome is there already; the second update applies only in the first case.
    try {
      return (await update(false)).Attributes as Conversation;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return undefined;
    }
  }

  /** A person answered in this conversation (through the system, or in the platform's own inbox). */
  async markHumanReplied(conversationId: string): Promise<void> {
    await this.db
      .send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(conversationId), sk: 'META' },
          UpdateExpression: 'SET humanReplied = :t, updatedAt = :now',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':t': true, ':now': this.clock().toISOString() },
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  /** Appends an entry to the conversation's audit trail (who did what, when, and why). */
  async audit(
    conversationId: string,
    entry: { actor: string; action: string; eventId?: string; reasons?: string[]; detail?: string },
  ): Promise<void> {
    const at = this.clock().toISOString();
    // The event id makes the key deterministic for automated steps, so a retry writes the same item;
    // people's steps get a random part, so two in the same millisecond are both kept.
    await this.db
      .send(
        new PutCommand({
          TableName: this.tableName,
          Item: {
            pk: convPk(conversationId),
            sk: entry.eventId
              ? automatedAuditSk(entry.eventId, entry.action)
              : `AUDIT#${at}#${entry.actor}#${entry.action}#${randomUUID()}`,
            at,
            conversationId,
            ...entry,
            expiresAt: this.expiry(RETENTION_DAYS),
          },
          ...(entry.eventId ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        }),
      )
      .catch((error: unknown) => {
        if (!isConditionFailure(error)) throw error;
      });
  }

  async listAudit(conversationId: string): Promise<AuditEntry[]> {
    const result = await this.db.send(
      new QueryCommand({
        TableName: this.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :a)',
        ExpressionAttributeValues: { ':pk': convPk(conversationId), ':a': 'AUDIT#' },
        ConsistentRead: true,
      }),
    );
    return ((result.Items ?? []) as AuditEntry[]).sort((a, b) => a.at.localeCompare(b.at));
  }

  /**
   * Moves a case from one agent-visible state to the next with one conditional update: it applies
   * only when the conversation is still in one of `from` and held as `holder` says. Two agents
   * claiming at once both send it; exactly one condition holds. Returns the conversation as it
   * is now, so the loser can be told why.
   */
  async transitionCase(conversationId: string, change: CaseTransition): Promise<CaseTransitionResult> {
    const now = this.clock().toISOString();
    const names: Record<string, string> = { '#s': 'status', '#claimedBy': 'claimedBy' };
    const values: Record<string, unknown> = { ':now': now, ':agent': change.agentId };
    const sets = ['updatedAt = :now'];
    const field = (name: string) => {
      names[`#f_${name}`] = name;
      return `#f_${name}`;
    };
    change.from.forEach((status, i) => {
      values[`:from${i}`] = status;
    });
    if (change.to) {
      sets.push('#s = :to', 'gsi1pk = :gsi1pk', 'gsi1sk = :gsi1sk');
      values[':to'] = change.to;
      values[':gsi1pk'] = statusIndexKey(change.to, statusShard(conversationId));
      values[':gsi1sk'] = now;
    }
    for (const [name, value] of Object.entries(change.set ?? {})) {
      sets.push(`${field(name)} = :set_${name}`);
      values[`:set_${name}`] = value;
    }
    for (const [name, value] of Object.entries(change.setIfAbsent ?? {})) {
      const f = field(name);
      sets.push(`${f} = if_not_exists(${f}, :keep_${name})`);
      values[`:keep_${name}`] = value;
    }
    const removes = (change.remove ?? []).map(field);
    const conditions = [
      'attribute_exists(pk)',
      `#s IN (${change.from.map((_, i) => `:from${i}`).join(', ')})`,
      change.holder === 'self'
        ? '#claimedBy = :agent'
        : '(attribute_not_exists(#claimedBy) OR #claimedBy = :agent)',
    ];
    try {
      const result = await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: convPk(conversationId), sk: 'META' },
          UpdateExpression: `SET ${sets.join(', ')}${removes.length ? ` REMOVE ${removes.join(', ')}` : ''}`,
          ConditionExpression: conditions.join(' AND '),
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ReturnValues: 'ALL_NEW',
        }),
      );
      return { applied: true, conversation: result.Attributes as Conversation };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return { applied: false, conversation: await this.getConversation(conversationId) };
    }
  }

  /**
   * Conversations in one status, across the index shards, merged in time order (`newest` first
   * by default), optionally filtered. The cursor carries each shard's position, so paging neither
   * repeats nor skips a conversation while nothing changes.
   */
  async listConversations(query: ConversationQuery): Promise<ConversationPage> {
    const limit = Math.max(1, Math.min(query.limit ?? 25, 100));
    const newestFirst = (query.order ?? 'newest') === 'newest';
    const positions: CursorPosition[] = query.cursor
      ? decodeCursor(query.cursor)
      : Array<CursorPosition>(STATUS_SHARDS).fill(0);
    positions.forEach((position, shard) => {
      if (position && position.gsi1pk !== statusIndexKey(query.status, shard)) {
        throw new InvalidCursorError('the cursor belongs to another listing');
      }
    });
    const filters: string[] = [];
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    for (const name of ['escalation', 'brand', 'platform', 'claimedBy'] as const) {
      const value = query[name];
      if (value === undefined) continue;
      filters.push(`#q_${name} = :q_${name}`);
      names[`#q_${name}`] = name;
      values[`:q_${name}`] = value;
    }

    const shards = await Promise.all(
      positions.map(async (position, shard) => {
        if (position === null) return { shard, items: [] as Record<string, unknown>[], more: false };
        const items: Record<string, unknown>[] = [];
        let startKey: Record<string, unknown> | undefined = position === 0 ? undefined : { ...position };
        let more = true;
        while (items.length < limit && more) {
          const page = await this.db.send(
            new QueryCommand({
              TableName: this.tableName,
              IndexName: TABLE.indexes.byStatus.name,
              KeyConditionExpression: 'gsi1pk = :pk',
              ...(filters.length ? { FilterExpression: filters.join(' AND ') } : {}),
              ExpressionAttributeNames: Object.keys(names).length ? names : undefined,
              ExpressionAttributeValues: { ...values, ':pk': statusIndexKey(query.status, shard) },
              ScanIndexForward: !newestFirst,
              Limit: limit,
              ExclusiveStartKey: startKey,
            }),
          );
          items.push(...(page.Items ?? []));
          startKey = page.LastEvaluatedKey;
          more = startKey !== undefined;
        }
        return { shard, items, more };
      }),
    );

    const merged = shards
      .flatMap(({ shard, items }) => items.map((item) => ({ shard, item })))
      .sort((a, b) => {
        const order = String(a.item.gsi1sk).localeCompare(String(b.item.gsi1sk));
        return newestFirst ? -order : order;
      })
      .slice(0, limit);
    const next: CursorPosition[] = shards.map(({ shard, items, more }) => {
      const used = merged.filter((m) => m.shard === shard);
      const last = used.at(-1)?.item;
      if (!last) return !more && items.length === 0 ? null : (positions[shard] ?? null);
      if (!more && used.length === items.length) return null;
      return { pk: last.pk, sk: last.sk, gsi1pk: last.gsi1pk, gsi1sk: last.gsi1sk } as CursorKey;
    });
    const done = next.every((p) => p === null);
    return {
      items: merged.map((m) => m.item).filter((item) => this.live(item)) as unknown as Conversation[],
      ...(done ? {} : { cursor: encodeCursor(next) }),
    };
  }

  /** Template ids this account used most recently (the renderer avoids repeating them). */
  async recentTemplates(platform: Platform, accountId: string): Promise<string[]> {
    if (!TEMPLATES_KEPT_IN_TABLE.has(platform)) {
      return this.recentInContainer.get(accountPk(platform, accountId)) ?? [];
    }
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
      }),
    );
    return ((result.Item?.recentTemplates as string[] | undefined) ?? []).slice(-RECENT_TEMPLATES_KEPT);
  }

  /** Appends the templates just used to the account's recent list: once per event, not per reply. */
  async rememberTemplates(
    platform: Platform,
    accountId: string,
    recent: string[],
    used: string[],
  ): Promise<void> {
    if (used.length === 0) return;
    const updated = [...recent, ...used].slice(-RECENT_TEMPLATES_KEPT);
    if (!TEMPLATES_KEPT_IN_TABLE.has(platform)) {
      this.recentInContainer.set(accountPk(platform, accountId), updated);
      return;
    }
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
        UpdateExpression: 'SET recentTemplates = :r',
        ExpressionAttributeValues: { ':r': updated },
      }),
    );
  }

  /** The account withdrew our access (X revoke) or its token stopped working: someone must re-authorise it. */
  async flagAccount(platform: Platform, accountId: string, problem: string): Promise<void> {
    await this.db.send(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
        UpdateExpression: 'SET needsAttention = :p, flaggedAt = :now',
        ExpressionAttributeValues: { ':p': problem, ':now': this.clock().toISOString() },
      }),
    );
    emitCount(OPS_METRICS.accountFlagged, { platform });
  }

  /** The account's token works again (the daily check found it healthy): the flag is lifted. */
  async clearAccountFlag(platform: Platform, accountId: string): Promise<boolean> {
    try {
      await this.db.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
          UpdateExpression: 'REMOVE needsAttention, flaggedAt',
          ConditionExpression: 'attribute_exists(needsAttention)',
        }),
      );
      return true;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return false;
    }
  }

  async accountState(
    platform: Platform,
    accountId: string,
  ): Promise<{ needsAttention?: string; flaggedAt?: string }> {
    const result = await this.db.send(
      new GetCommand({
        TableName: this.tableName,
        Key: { pk: accountPk(platform, accountId), sk: 'ACCOUNT' },
      }),
    );
    return (result.Item ?? {}) as { needsAttention?: string; flaggedAt?: string };
  }
}
